<?php
// One sample in its own forked process, from the warm driver's side: fork, wait for the result
// line until the timeout, then kill whatever the sample left running (its process group, and in
// a sandbox of its own every process but the driver and its ancestors).

namespace DocHarness;

final class Sample
{
    /** While waiting, the child's exit is checked at least this often (a SIGCHLD can be missed). */
    private const POLL_SECONDS = 0.05;

    /** How long a sweep may take to see every process of the box gone. */
    private const SWEEP_SECONDS = 5;

    /**
     * The sample's result in the driver, or null in the forked child, which goes on to run the
     * snippet (see driver.php).
     */
    public static function run(array $job): ?array
    {
        $pair = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
        $pid = $pair === false ? -1 : pcntl_fork();
        if ($pid === -1) {
            return Failure::error('harness', 'the PHP driver cannot fork: ' . posix_strerror(posix_get_last_error()));
        }
        [$in, $out] = $pair;
        if ($pid === 0) {
            fclose($in);
            Child::begin($job, $out);
            return null;
        }
        fclose($out);
        @posix_setpgid($pid, $pid);
        $failure = new Failure($job);
        [$line, $status, $why] = self::await($pid, $in, $job);
        fclose($in);
        self::stop($pid, $job['sweep'] ?? false);
        if ($line !== null) {
            $result = json_decode($line, true);
            return is_array($result) ? $result : Failure::error('harness', 'the sample sent a result that is not JSON');
        }
        return match ($why) {
            'timeout' => $failure->timeout(),
            'output' => $failure->output(),
            default => $failure->ofExit($status),
        };
    }

    /**
     * Reads the child's result line until it is complete, the child ends, or time runs out.
     *
     * @param resource $in
     * @return array{?string, int, string} the line, the wait status, and why waiting stopped
     */
    private static function await(int $pid, $in, array $job): array
    {
        $deadline = microtime(true) + $job['timeoutMs'] / 1000;
        $buffer = '';
        $open = true;
        $status = 0;
        stream_set_blocking($in, false);
        for (;;) {
            $newline = strpos($buffer, "\n");
            if ($newline !== false) {
                return [substr($buffer, 0, $newline), 0, 'result'];
            }
            if (strlen($buffer) > $job['limits']['outputBytes']) {
                return [null, 0, 'output'];
            }
            if (pcntl_waitpid($pid, $status, WNOHANG) === $pid) {
                $buffer .= (string) stream_get_contents($in);
                $newline = strpos($buffer, "\n");
                return $newline === false ? [null, $status, 'exit'] : [substr($buffer, 0, $newline), 0, 'result'];
            }
            $left = $deadline - microtime(true);
            if ($left <= 0) {
                return [null, 0, 'timeout'];
            }
            $wait = min($left, self::POLL_SECONDS);
            if ($open) {
                $read = [$in];
                $none = null;
                if (@stream_select($read, $none, $none, 0, (int) ($wait * 1_000_000)) > 0) {
                    $chunk = fread($in, 65536);
                    if ($chunk === '' && feof($in)) {
                        $open = false;
                    }
                    $buffer .= (string) $chunk;
                }
            } else {
                // The result socket closed: the child is exiting, which takes a moment.
                usleep(1000);
            }
        }
    }

    /** Kills the sample's process group, and with `sweep` every other process of the sandbox. */
    private static function stop(int $pid, bool $sweep): void
    {
        @posix_kill(-$pid, SIGKILL);
        @posix_kill($pid, SIGKILL);
        pcntl_waitpid($pid, $ignored);
        if ($sweep) {
            self::sweep(self::ancestors());
        }
        // Reap whatever of ours has ended, so that no zombie piles up across samples.
        while (pcntl_waitpid(-1, $ignored, WNOHANG) > 0) {
        }
    }

    /**
     * Kills every process of the sandbox but `$spare`, round after round until a round finds none:
     * a process forked between a listing and its kills (a fork bomb) shows up in the next round.
     * For as long as SWEEP_SECONDS, not a fixed number of rounds: a killed process is only gone
     * once the kernel has taken it down, which on a loaded machine takes a while.
     *
     * @param array<int, true> $spare
     */
    private static function sweep(array $spare): void
    {
        $deadline = hrtime(true) + self::SWEEP_SECONDS * 1_000_000_000;
        while (hrtime(true) < $deadline) {
            $killed = false;
            foreach (glob('/proc/[0-9]*', GLOB_NOSORT) ?: [] as $dir) {
                $other = (int) basename($dir);
                if (isset($spare[$other]) || self::isZombie($other)) {
                    continue;
                }
                $killed = @posix_kill($other, SIGKILL) || $killed;
            }
            if (!$killed) {
                return;
            }
            usleep(1000);
        }
    }

    private static function isZombie(int $pid): bool
    {
        $stat = @file_get_contents("/proc/{$pid}/stat");
        if ($stat === false) {
            return true;
        }
        $state = explode(' ', substr($stat, strrpos($stat, ')') + 2))[0] ?? 'X';
        return $state === 'Z' || $state === 'X';
    }

    /** @return array<int, true> this process and every process above it */
    private static function ancestors(): array
    {
        $spare = [];
        for ($pid = posix_getpid(); $pid > 0 && !isset($spare[$pid]);) {
            $spare[$pid] = true;
            $stat = @file_get_contents("/proc/{$pid}/stat");
            // The parent's pid follows the state, after the command name in parentheses.
            $pid = $stat === false ? 0 : (int) (explode(' ', substr($stat, strrpos($stat, ')') + 2))[1] ?? 0);
        }
        return $spare;
    }
}
