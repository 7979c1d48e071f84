<?php
// The client a snippet's `$seam` is: loaded once by the warm driver, made per sample, pointed at
// the sample's mock URL with the fake key, never waiting for action attempts. Three sources,
// chosen by install.ts: the built-in client (runners/php/client), an installed `seamapi/seam`
// (its Composer autoloader), or a local checkout of it run on Debian's Guzzle.

namespace DocHarness;

final class Client
{
    private static array $config;

    /** @param array{kind: string, autoload?: string, root?: string} $config */
    public static function load(array $config): void
    {
        self::$config = $config;
        match ($config['kind']) {
            'builtin', 'package' => require_once $config['autoload'],
            'checkout' => self::loadCheckout($config['root']),
            default => throw new \RuntimeException("unknown client kind {$config['kind']}"),
        };
        if (!class_exists('Seam\SeamClient') && !class_exists('Seam\Seam')) {
            throw new \RuntimeException('neither Seam\SeamClient nor Seam\Seam can be loaded');
        }
    }

    /** `$seam` for one sample. */
    public static function make(array $job): object
    {
        if (self::$config['kind'] === 'builtin') {
            $seam = new \Seam\SeamClient($job['apiKey'], $job['baseUrl'], wait_for_action_attempt: false);
            if (array_key_exists('responseKey', $job)) {
                $seam->hintNextResponseKey($job['responseKey']);
            }
            return $seam;
        }
        return Sdk::make($job['apiKey'], $job['baseUrl']);
    }

    /**
     * A checkout without `vendor/`: its classes by its composer.json's PSR-4 map (or `Seam\` →
     * `src/`) and its autoloaded files, its HTTP client from Debian's php-guzzlehttp-guzzle.
     */
    private static function loadCheckout(string $root): void
    {
        if (!(include_once 'GuzzleHttp/autoload.php')) {
            throw new \RuntimeException('Guzzle is not installed (apt-get install php-guzzlehttp-guzzle)');
        }
        $manifest = json_decode((string) @file_get_contents("{$root}/composer.json"), true) ?: [];
        $map = $manifest['autoload']['psr-4'] ?? ['Seam\\' => 'src/'];
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
