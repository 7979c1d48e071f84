<?php

namespace Seam\Http;

use Seam\HttpApiError;
use Seam\HttpInvalidInputError;
use Seam\HttpUnauthorizedError;

/**
 * The HTTP side of the client: JSON in, decoded JSON out, the API's error answers as exceptions.
 * It uses PHP's curl extension when this PHP has one, and PHP's own http stream wrapper when not,
 * so that a bare php-cli can run it. The path is appended to the endpoint as given, keeping the
 * endpoint's own path.
 */
final class Transport
{
    private const TIMEOUT_SECONDS = 60;

    /** @param array<string, string> $headers sent with every request */
    public function __construct(
        private string $endpoint,
        private array $headers,
        private ?bool $useCurl = null,
    ) {
        $this->useCurl ??= extension_loaded('curl');
    }

    /** @return mixed the decoded body (objects as stdClass), null for an empty one */
    public function send(string $method, string $path, mixed $json, ?array $query): mixed
    {
        $url = rtrim($this->endpoint, '/') . $path . ($query ? '?' . http_build_query($query) : '');
        $headers = $this->headers + ['Accept' => 'application/json'];
        $body = null;
        if ($json !== null) {
            $body = json_encode($json, JSON_THROW_ON_ERROR);
            $headers['Content-Type'] = 'application/json';
        }
        [$status, $responseHeaders, $text] = $this->useCurl
            ? $this->sendWithCurl($method, $url, $headers, $body)
            : $this->sendWithStreams($method, $url, $headers, $body);
        $decoded = $text === '' ? null : json_decode($text);
        if ($status >= 400) {
            throw self::errorOf($method, $url, $status, $responseHeaders['seam-request-id'] ?? '', $decoded, $text);
        }
        return $decoded;
    }

    private static function errorOf(string $method, string $url, int $status, string $requestId, mixed $decoded, string $text): \Exception
    {
        if ($status === 401) {
            return new HttpUnauthorizedError($requestId);
        }
        $error = is_object($decoded) ? ($decoded->error ?? null) : null;
        if (is_object($error)) {
            return ($error->type ?? null) === 'invalid_input'
                ? new HttpInvalidInputError($error, $status, $requestId)
                : new HttpApiError($error, $status, $requestId);
        }
        $kind = $status >= 500 ? 'Server' : 'Client';
        return new RequestException("{$kind} error: `{$method} {$url}` resulted in a `{$status}` response:\n" . substr($text, 0, 120), $status);
    }

    /**
     * @param array<string, string> $headers
     * @return array{int, array<string, string>, string}
     */
    private function sendWithStreams(string $method, string $url, array $headers, ?string $body): array
    {
        $lines = '';
        foreach ($headers + ['Connection' => 'close'] as $name => $value) {
            $lines .= "{$name}: {$value}\r\n";
        }
        $context = stream_context_create([
            'http' => [
                'method' => $method,
                'header' => $lines,
                'content' => $body ?? '',
                'ignore_errors' => true,
                'timeout' => self::TIMEOUT_SECONDS,
                'protocol_version' => 1.1,
            ],
        ]);
        $failure = null;
        set_error_handler(static function (int $severity, string $message) use (&$failure): bool {
            $failure = $message;
            return true;
        });
        try {
            $text = file_get_contents($url, false, $context);
        } finally {
            restore_error_handler();
        }
        $raw = function_exists('http_get_last_response_headers') ? http_get_last_response_headers() : ($http_response_header ?? null);
        if ($text === false || !$raw) {
            throw ConnectException::to($url, preg_replace('/^file_get_contents\([^)]*\): /', '', (string) $failure));
        }
        // After a redirect the headers of every response are there: the last status line starts the last one.
        $status = 0;
        $found = [];
        foreach ($raw as $line) {
            if (preg_match('#^HTTP/\S+\s+(\d{3})#', $line, $match)) {
                $status = (int) $match[1];
                $found = [];
            } elseif (str_contains($line, ':')) {
                [$name, $value] = explode(':', $line, 2);
                $found[strtolower(trim($name))] = trim($value);
            }
        }
        return [$status, $found, $text];
    }

    /**
     * @param array<string, string> $headers
     * @return array{int, array<string, string>, string}
     */
    private function sendWithCurl(string $method, string $url, array $headers, ?string $body): array
    {
        $found = [];
        $handle = curl_init($url);
        curl_setopt_array($handle, [
            CURLOPT_CUSTOMREQUEST => $method,
            CURLOPT_HTTPHEADER => array_map(fn($name, $value) => "{$name}: {$value}", array_keys($headers), $headers),
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_FOLLOWLOCATION => true,
            CURLOPT_TIMEOUT => self::TIMEOUT_SECONDS,
            CURLOPT_HEADERFUNCTION => static function ($handle, string $line) use (&$found): int {
                if (str_starts_with($line, 'HTTP/')) {
                    $found = [];
                } elseif (str_contains($line, ':')) {
                    [$name, $value] = explode(':', $line, 2);
                    $found[strtolower(trim($name))] = trim($value);
                }
                return strlen($line);
            },
        ]);
        if ($body !== null) {
            curl_setopt($handle, CURLOPT_POSTFIELDS, $body);
        }
        $text = curl_exec($handle);
        if ($text === false) {
            $why = 'cURL error ' . curl_errno($handle) . ': ' . curl_error($handle);
            curl_close($handle);
            throw ConnectException::to($url, $why);
        }
        $status = (int) curl_getinfo($handle, CURLINFO_RESPONSE_CODE);
        curl_close($handle);
        return [$status, $found, (string) $text];
    }
}
