// Name conversions between the docs' languages and the canonical snake_case.

/**
 * `accessCodes` → `access_codes`, `AcsUserId` → `acs_user_id`, `HeatingSetPointCelsius` →
 * `heating_set_point_celsius`, `access-codes` → `access_codes`. A run of capitals is one word
 * (`URLPath` → `url_path`); digits stay with the word before them (`Ipv4` → `ipv4`).
 */
export function toSnakeCase(name: string): string {
  return name
    .replace(/-/g, '_')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** `action_attempt` → `ActionAttempt`: how generated SDKs name a resource's class or struct. */
export function toPascalCase(name: string): string {
  return name
    .split(/[_\-\s]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

/** Route path from the words of a client call: `['acs', 'credentials', 'assign']` → `/acs/credentials/assign`. */
export function routeFromWords(words: readonly string[]): string {
  return '/' + words.map(toSnakeCase).join('/');
}
