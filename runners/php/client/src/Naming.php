<?php

namespace Seam;

/**
 * The generated SDK's names are snake_case properties and methods; PHP answers any other name
 * as it would on the generated classes, so that a misspelt call fails here as it would there.
 */
final class Naming
{
    private const SNAKE = '/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/';

    /** `$name` as a namespace property of `$class`, or PHP's warning for an undefined property. */
    public static function property(string $class, string $name): string
    {
        if (!preg_match(self::SNAKE, $name)) {
            // A warning in PHP; the harness's driver raises warnings, so it is raised here too.
            throw new \ErrorException("Undefined property: {$class}::\${$name}", 0, E_WARNING);
        }
        return $name;
    }

    /** `$name` as a route method of `$class`, or PHP's error for an undefined method. */
    public static function method(string $class, string $name): string
    {
        if (!preg_match(self::SNAKE, $name)) {
            throw new \Error("Call to undefined method {$class}::{$name}()");
        }
        return $name;
    }

    /** `['acs', 'access_groups']` → `AcsAccessGroups`: how the SDK names a namespace's class. */
    public static function pascal(array $words): string
    {
        return str_replace('_', '', ucwords(implode('_', $words), '_'));
    }
}
