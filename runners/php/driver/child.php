<?php
// The forked process of one sample, from fork to death: it takes its own process group and the
// sample's limits, lets go of the protocol channel, turns the snippet's own warnings into
// exceptions, and ends by sending one result line to the parent. It never returns to the
// driver's loop: once the result is written the process kills itself, so that nothing the
// snippet left behind (shutdown functions, destructors) runs after its verdict.

namespace DocHarness;

final class Child
{
    private static array $job;

    /** @var resource */
    private static $out;

    private static bool $sent = false;

    /** @param resource $out the child's end of the result socket */
    public static function begin(array $job, $out): void
    {
        self::$job = $job;
        self::$out = $out;
        posix_setpgid(0, 0);
        Channel::releaseInChild();
        self::limit($job['limits']);
        error_reporting(E_ALL);
        set_error_handler(self::raise(...));
        register_shutdown_function(self::onShutdown(...));
    }

    public static function code(): string
    {
        return Snippet::prepare(self::$job['source']);
    }

    public static function client(): object
    {
        return Client::make(self::$job);
    }

    public static function succeed(mixed $value): never
    {
        try {
            $result = ['ok' => true, 'value' => $value === null ? ['kind' => 'void'] : ['kind' => 'json', 'json' => JsonValue::of($value)]];
            $line = json_encode($result, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        } catch (\Throwable $error) {
            $line = self::encode(Failure::error('runtime', 'the returned value cannot be written as JSON: ' . $error->getMessage()));
        }
        self::send($line);
    }

    public static function fail(\Throwable $error): never
    {
        self::send(self::encode((new Failure(self::$job))->ofThrowable($error)));
    }

    /** RLIMIT_AS, RLIMIT_CPU and RLIMIT_FSIZE for this sample, and PHP's own memory limit below them. */
    private static function limit(array $limits): void
    {
        $lower = static function (int $resource, int $soft, int $hard): void {
            $current = posix_getrlimit()[match ($resource) {
                POSIX_RLIMIT_AS => 'hard totalmem',
                POSIX_RLIMIT_CPU => 'hard cpu',
                POSIX_RLIMIT_FSIZE => 'hard filesize',
            }] ?? 'unlimited';
            $cap = $current === 'unlimited' ? PHP_INT_MAX : (int) $current;
            posix_setrlimit($resource, min($soft, $cap), min($hard, $cap));
        };
        // SIGXCPU at the soft limit; the hard one a second later kills a process that ignores it.
        $lower(POSIX_RLIMIT_CPU, $limits['cpuSeconds'], $limits['cpuSeconds'] + 1);
        $lower(POSIX_RLIMIT_AS, $limits['memoryBytes'], $limits['memoryBytes']);
        $lower(POSIX_RLIMIT_FSIZE, $limits['fileBytes'], $limits['fileBytes']);
        ini_set('memory_limit', (string) self::heapLimit($limits['memoryBytes']));
    }

    /**
     * PHP's memory_limit, set below RLIMIT_AS by what the process has mapped already (the
     * interpreter, its libraries, the client) and a margin: PHP then stops a runaway snippet with
     * its own catchable-at-shutdown "Allowed memory size … exhausted" before an allocation fails
     * under RLIMIT_AS, where PHP prints "Out of memory" and exits without running anything.
     */
    private static function heapLimit(int $memoryBytes): int
    {
        $statm = @file_get_contents('/proc/self/statm');
        $mapped = $statm === false ? 0 : (int) explode(' ', $statm)[0] * 4096;
        return max(intdiv($memoryBytes, 2), $memoryBytes - $mapped - (64 << 20));
    }

    /**
     * Warnings and notices raised by the snippet's own code become ErrorExceptions, as in code
     * run with a strict error handler: an undefined variable or a refused connection then fails
     * the sample at its line instead of passing null along. Those raised inside the client or
     * PHP's deprecations are left to PHP (printed), as a user would see them.
     */
    private static function raise(int $severity, string $message, string $file = '', int $line = 0): bool
    {
        $raised = E_WARNING | E_NOTICE | E_USER_WARNING | E_USER_NOTICE | E_USER_ERROR;
        if (!($severity & $raised) || !(error_reporting() & $severity) || !Failure::inSnippet($file)) {
            return false;
        }
        throw new \ErrorException($message, 0, $severity, $file, $line);
    }

    /** A fatal error (memory, a redeclared function) ends PHP without an exception: reported from here. */
    private static function onShutdown(): void
    {
        if (self::$sent) {
            return;
        }
        $last = error_get_last();
        if ($last !== null && ($last['type'] & (E_ERROR | E_CORE_ERROR | E_COMPILE_ERROR | E_USER_ERROR | E_RECOVERABLE_ERROR))) {
            ini_set('memory_limit', '-1');
            self::send(self::encode((new Failure(self::$job))->ofFatal($last)));
        }
        // Otherwise the snippet called exit(): the parent reports its exit code.
    }

    private static function encode(array $result): string
    {
        return json_encode($result, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
    }

    private static function send(string $line): never
    {
        self::$sent = true;
        Channel::writeAll(self::$out, $line . "\n");
        posix_kill(posix_getpid(), SIGKILL);
        exit(1);
    }
}
