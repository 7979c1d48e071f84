<?php
// The fd-3 line protocol with doc-harness (harness/run/protocol.ts): one JSON value per line.

namespace DocHarness;

final class Channel
{
    /** @var resource|null */
    private static $stream = null;

    public static function open(): void
    {
        $stream = @fopen('php://fd/3', 'r+');
        if ($stream === false) {
            fwrite(STDERR, "doc-harness: the PHP driver runs under doc-harness, which opens file descriptor 3 for it\n");
            exit(2);
        }
        self::$stream = $stream;
    }

    public static function say(array $message): void
    {
        self::writeAll(self::$stream, json_encode($message, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR) . "\n");
    }

    /** The next `{"id", "job"}` message; null at the end of the channel. */
    public static function next(): ?array
    {
        while (($line = fgets(self::$stream)) !== false) {
            $message = json_decode($line, true);
            if (is_array($message) && isset($message['id'], $message['job'])) {
                return $message;
            }
        }
        return null;
    }

    /**
     * A sample's process lets go of the channel, so that a snippet cannot write protocol lines.
     * PHP opened a duplicate of fd 3; the original is closed through libc where FFI allows it.
     */
    public static function releaseInChild(): void
    {
        fclose(self::$stream);
        self::$stream = null;
        if (extension_loaded('ffi')) {
            try {
                \FFI::cdef('int close(int fd);')->close(3);
            } catch (\Throwable) {
                // FFI disabled by configuration: the channel stays reachable, nothing more.
            }
        }
    }

    /** @param resource $stream */
    public static function writeAll($stream, string $text): void
    {
        while ($text !== '') {
            $written = fwrite($stream, $text);
            if ($written === false || $written === 0) {
                return;
            }
            $text = substr($text, $written);
        }
    }
}
