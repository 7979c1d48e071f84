<?php
// Why a sample failed, as the driver contract's error: its kind, one line of message, the line of
// the snippet it points to, and the PHP report as detail with the snippet's frames named by the
// markdown file and line.

namespace DocHarness;

final class Failure
{
    /** How PHP names code run by eval(): `/path/driver.php(12) : eval()'d code`. */
    private const EVALUATED = ": eval()'d code";

    /** How PHP and the HTTP clients say a connection could not be made. */
    private const UNREACHABLE = '/Network is unreachable|Connection refused|No route to host|Connection timed out|getaddrinfo|php_network_getaddresses|Could not resolve host|Failed to connect|Operation not permitted/i';

    private const MEMORY = '/^(Allowed memory size of \d+ bytes exhausted|Out of memory)/';

    public function __construct(private array $job)
    {
    }

    public static function inSnippet(?string $file): bool
    {
        return $file !== null && str_ends_with($file, self::EVALUATED);
    }

    /** A throwable that escaped the snippet. */
    public function ofThrowable(\Throwable $error): array
    {
        $message = self::firstLine($error->getMessage());
        $line = self::lineIn($error);
        $detail = $this->detail((string) $error);
        if ($error instanceof \ParseError) {
            $column = $line === null ? null : Snippet::columnOf($this->job['source'], $line, $message);
            return self::error('syntax', "ParseError: {$message}", $line, $detail, $column);
        }
        if ($error instanceof \CompileError) {
            return self::error('compile', get_class($error) . ": {$message}", $line, $detail);
        }
        $type = method_exists($error, 'getErrorCode') ? $error->getErrorCode() : null;
        if ($type === $this->job['unmatchedType'] || str_contains($error->getMessage(), $this->job['unmatchedType'])) {
            return self::error('unmatched', $message, $line, $detail);
        }
        if (self::isConnectionFailure($error)) {
            return self::error('network', get_class($error) . ": {$message} (only the local mock may be reached)", $line, $detail);
        }
        if (preg_match(self::MEMORY, $message)) {
            return $this->memory($line, $detail);
        }
        return self::error('runtime', get_class($error) . ": {$message}", $line, $detail);
    }

    /** A fatal error PHP raised without an exception (error_get_last() in a shutdown function). */
    public function ofFatal(array $last): array
    {
        $line = self::inSnippet($last['file'] ?? null) ? $last['line'] : null;
        $message = self::firstLine($last['message']);
        $detail = $this->detail("PHP Fatal error: {$last['message']} in {$last['file']}:{$last['line']}");
        if (preg_match(self::MEMORY, $message)) {
            return $this->memory($line, $detail);
        }
        $kind = $last['type'] === E_COMPILE_ERROR ? 'compile' : 'runtime';
        return self::error($kind, "PHP Fatal error: {$message}", $line, $detail);
    }

    /** How the snippet's process ended when it sent no result: a signal or an exit code. */
    public function ofExit(int $status): array
    {
        $limits = $this->job['limits'];
        if (pcntl_wifsignaled($status)) {
            $signal = pcntl_wtermsig($status);
            return match ($signal) {
                SIGXCPU => self::error('limit', "CPU time limit of {$limits['cpuSeconds']} s exceeded"),
                SIGXFSZ => self::error('limit', 'file size limit ' . self::bytes($limits['fileBytes']) . ' exceeded'),
                default => self::error('runtime', 'the snippet was killed by signal ' . self::signalName($signal)),
            };
        }
        return self::error('runtime', 'the snippet exited (code ' . pcntl_wexitstatus($status) . ')');
    }

    public function timeout(): array
    {
        return self::error('timeout', "did not finish within {$this->job['timeoutMs']} ms; stopped");
    }

    public function output(): array
    {
        return self::error('limit', 'output limit of ' . self::bytes($this->job['limits']['outputBytes']) . ' exceeded; stopped');
    }

    public static function error(string $kind, string $message, ?int $line = null, ?string $detail = null, ?int $column = null): array
    {
        $error = ['kind' => $kind, 'message' => $message];
        if ($line !== null) {
            $error['line'] = $line;
        }
        if ($column !== null) {
            $error['column'] = $column;
        }
        if ($detail !== null) {
            $error['detail'] = $detail;
        }
        return ['ok' => false, 'error' => $error];
    }

    /** `1 GiB`, `64 MiB`: as harness/run/sandbox/limits.ts writes sizes. */
    public static function bytes(int $bytes): string
    {
        foreach (['GiB' => 1 << 30, 'MiB' => 1 << 20, 'KiB' => 1 << 10] as $unit => $size) {
            if ($bytes >= $size) {
                $value = $bytes / $size;
                return (floor($value) == $value ? (string) (int) $value : number_format($value, 1, '.', '')) . " {$unit}";
            }
        }
        return "{$bytes} bytes";
    }

    private function memory(?int $line, string $detail): array
    {
        return self::error('limit', 'memory limit ' . self::bytes($this->job['limits']['memoryBytes']) . ' exceeded', $line, $detail);
    }

    /** The innermost place in the snippet the error passed through: where it was thrown, else its deepest snippet frame. */
    private static function lineIn(\Throwable $error): ?int
    {
        if (self::inSnippet($error->getFile())) {
            return $error->getLine();
        }
        foreach ($error->getTrace() as $frame) {
            if (self::inSnippet($frame['file'] ?? null)) {
                return $frame['line'] ?? null;
            }
        }
        return null;
    }

    private static function isConnectionFailure(\Throwable $error): bool
    {
        for ($e = $error; $e !== null; $e = $e->getPrevious()) {
            $class = get_class($e);
            if (str_ends_with($class, 'ConnectException')) {
                return true;
            }
            // A stream or socket function's warning, raised by the driver as an ErrorException.
            if ($e instanceof \ErrorException && preg_match(self::UNREACHABLE, $e->getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** PHP's report with each `driver.php(12) : eval()'d code(3)` as `docs/page.md:42`. */
    private function detail(string $report): string
    {
        $filename = $this->job['filename'];
        $firstLine = (int) $this->job['firstLine'];
        return preg_replace_callback(
            '/\S*\(\d+\) ?' . preg_quote(self::EVALUATED, '/') . '(?:\((\d+)\)|:(\d+)| on line (\d+))/',
            static function (array $m) use ($filename, $firstLine): string {
                $line = (int) ($m[1] !== '' ? $m[1] : (($m[2] ?? '') !== '' ? $m[2] : ($m[3] ?? 1)));
                return $filename . ':' . ($firstLine + $line - 1);
            },
            $report,
        );
    }

    private static function firstLine(string $text): string
    {
        foreach (explode("\n", $text) as $line) {
            if (trim($line) !== '') {
                return trim($line);
            }
        }
        return '(no message)';
    }

    private static function signalName(int $signal): string
    {
        foreach (['SIGKILL', 'SIGTERM', 'SIGSEGV', 'SIGABRT', 'SIGBUS', 'SIGILL', 'SIGFPE', 'SIGINT', 'SIGHUP', 'SIGPIPE', 'SIGSYS'] as $name) {
            if (defined($name) && constant($name) === $signal) {
                return $name;
            }
        }
        return (string) $signal;
    }
}
