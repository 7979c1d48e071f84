<?php

namespace Seam\Http;

/** The request never got an answer: the host could not be reached. */
class ConnectException extends \RuntimeException
{
    public static function to(string $url, string $why): self
    {
        $parts = parse_url($url) ?: [];
        $scheme = $parts['scheme'] ?? 'http';
        $host = ($parts['host'] ?? '?') . ':' . ($parts['port'] ?? ($scheme === 'https' ? 443 : 80));
        return new self("could not connect to {$host}: " . ($why !== '' ? $why : 'no answer'));
    }
}
