<?php
// The value a snippet returned, as the JSON the harness compares: objects by their public
// properties (the SDK's resources, stdClass), arrays as lists or maps, dates as the API's ISO
// strings. What JSON cannot hold is an error that says what it is, never a silent stand-in.

namespace DocHarness;

final class JsonValue
{
    /** @throws \DomainException when the value holds something JSON cannot */
    public static function of(mixed $value): mixed
    {
        return self::walk($value, new \SplObjectStorage());
    }

    private static function walk(mixed $value, \SplObjectStorage $path): mixed
    {
        if (is_float($value) && !is_finite($value)) {
            throw new \DomainException('it holds ' . (is_nan($value) ? 'NAN' : 'INF'));
        }
        if ($value === null || is_scalar($value)) {
            return $value;
        }
        if (is_array($value)) {
            $items = [];
            foreach ($value as $key => $item) {
                $items[$key] = self::walk($item, $path);
            }
            return array_is_list($items) ? $items : (object) $items;
        }
        if (!is_object($value)) {
            throw new \DomainException('it holds a ' . get_debug_type($value));
        }
        if ($path->contains($value)) {
            throw new \DomainException('it refers to itself (' . get_class($value) . ')');
        }
        $path->attach($value);
        try {
            return self::object($value, $path);
        } finally {
            $path->detach($value);
        }
    }

    private static function object(object $value, \SplObjectStorage $path): mixed
    {
        if ($value instanceof \DateTimeInterface) {
            return \DateTimeImmutable::createFromInterface($value)->setTimezone(new \DateTimeZone('UTC'))->format('Y-m-d\TH:i:s.v\Z');
        }
        if ($value instanceof \BackedEnum) {
            return $value->value;
        }
        if ($value instanceof \UnitEnum) {
            return $value->name;
        }
        if ($value instanceof \JsonSerializable) {
            return self::walk($value->jsonSerialize(), $path);
        }
        if ($value instanceof \Closure || $value instanceof \Generator) {
            throw new \DomainException('it holds a ' . get_class($value));
        }
        $fields = new \stdClass();
        // From outside the object's class, get_object_vars sees its public properties only.
        foreach (get_object_vars($value) as $name => $field) {
            $fields->{$name} = self::walk($field, $path);
        }
        return $fields;
    }
}
