<?php

namespace Seam;

/**
 * Which key of a response body holds the route's result. The generated SDK knows it per route;
 * here it is the caller's hint when there is one, else the body's only key besides `ok` and
 * `pagination`, else nothing (a void route).
 */
final class ResponseKey
{
    private const ENVELOPE = ['ok', 'pagination'];

    /**
     * @param string|null|false $hint the route's key, null for a void route, false when unknown
     */
    public static function of(mixed $body, string|null|false $hint, string $path): ?string
    {
        if ($hint === null) {
            return null;
        }
        $keys = is_object($body) ? array_values(array_diff(array_keys(get_object_vars($body)), self::ENVELOPE)) : [];
        if ($hint !== false) {
            if (!in_array($hint, $keys, true)) {
                throw new \UnexpectedValueException("the response to POST {$path} has no \"{$hint}\"");
            }
            return $hint;
        }
        if (count($keys) > 1) {
            throw new \UnexpectedValueException(
                "the response to POST {$path} holds " . implode(', ', $keys) . ': the built-in client cannot tell which is the result',
            );
        }
        return $keys[0] ?? null;
    }
}
