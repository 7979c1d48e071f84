<?php
// The client a snippet's `$seam` is: loaded once by the warm driver, made per sample, pointed at
// the sample's mock URL with the fake key, never waiting for action attempts. Three sources,
// chosen by install.ts: the built-in client (runners/php/client), an installed package
// (its Composer autoloader), or a local checkout of it run on Debian's Guzzle. The profile
// names the client classes, the snippets' variable and the environment (DOC_HARNESS_PHP_CLIENT).

namespace DocHarness;

final class Client
{
    private static array $config;

    /** @param array{kind: string, autoload?: string, root?: string, classes: list<string>, variable: string, environment: array<string, string>} $config */
    public static function load(array $config): void
    {
        self::$config = $config;
        match ($config['kind']) {
            'builtin', 'package' => require_once $config['autoload'],
            'checkout' => self::loadCheckout($config['root']),
            default => throw new \RuntimeException("unknown client kind {$config['kind']}"),
        };
        if (self::className() === null) {
            throw new \RuntimeException('none of ' . implode(', ', $config['classes']) . ' can be loaded');
        }
    }

    /** The first of the profile's client classes that loads. */
    public static function className(): ?string
    {
        foreach (self::$config['classes'] as $class) {
            if (class_exists($class)) {
                return $class;
            }
        }
        return null;
    }

    /** The name of the variable the snippet's client is in (`seam`). */
    public static function variable(): string
    {
        return self::$config['variable'];
    }

    /** The client for one sample; a client the snippet makes itself finds the key (and mock) in the environment. */
    public static function make(array $job): object
    {
        foreach (self::$config['environment'] as $name => $value) {
            putenv($name . '=' . strtr($value, ['{apiKey}' => $job['apiKey'], '{baseUrl}' => $job['baseUrl']]));
        }
        $class = self::className();
        if (self::$config['kind'] === 'builtin') {
            $seam = new $class($job['apiKey'], $job['baseUrl'], wait_for_action_attempt: false);
            if (array_key_exists('responseKey', $job)) {
                $seam->hintNextResponseKey($job['responseKey']);
            }
            return $seam;
        }
        return Sdk::make($class, $job['apiKey'], $job['baseUrl']);
    }

    /**
     * A checkout without `vendor/`: its classes by its composer.json's PSR-4 map (or the client
     * class's namespace → `src/`) and its autoloaded files, its HTTP client from Debian's
     * php-guzzlehttp-guzzle.
     */
    private static function loadCheckout(string $root): void
    {
        if (!(include_once 'GuzzleHttp/autoload.php')) {
            throw new \RuntimeException('Guzzle is not installed (apt-get install php-guzzlehttp-guzzle)');
        }
        $manifest = json_decode((string) @file_get_contents("{$root}/composer.json"), true) ?: [];
        $first = self::$config['classes'][0];
        $map = $manifest['autoload']['psr-4'] ?? [substr($first, 0, (int) strrpos($first, '\\') + 1) => 'src/'];
        spl_autoload_register(static function (string $class) use ($root, $map): void {
            foreach ($map as $prefix => $dirs) {
                if (!str_starts_with($class, $prefix)) {
                    continue;
                }
                foreach ((array) $dirs as $dir) {
                    $file = "{$root}/" . rtrim($dir, '/') . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
                    if (is_file($file)) {
                        require $file;
                        return;
                    }
                }
            }
        });
        foreach ($manifest['autoload']['files'] ?? [] as $file) {
            require_once "{$root}/{$file}";
        }
    }
}
