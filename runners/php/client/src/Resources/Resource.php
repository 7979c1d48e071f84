<?php

namespace Seam\Resources;

/**
 * A resource the API returned, its fields as public properties (`$device->properties->online`),
 * so that `json_encode` and `get_object_vars` see the API's own JSON. The generated SDK has a
 * class per resource with every schema field declared; here a field the response lacks reads
 * as null, as an absent schema field does there.
 */
#[\AllowDynamicProperties]
class Resource
{
    /** JSON objects become resources, lists stay arrays, scalars stay as they are. */
    public static function from(mixed $json): mixed
    {
        if (is_array($json)) {
            return array_map(self::from(...), $json);
        }
        if (!$json instanceof \stdClass) {
            return $json;
        }
        $resource = new self();
        foreach (get_object_vars($json) as $name => $value) {
            $resource->{$name} = self::from($value);
        }
        return $resource;
    }

    public function __get(string $name): mixed
    {
        return null;
    }
}
