// Secrets never reach a recording. Request headers are not recorded at all; what is recorded
// (the path, parameters, response bodies) has every string matching a secret pattern — the
// common shapes of secrets.ts and the profile's own — replaced by the profile's placeholder. Replay scrubs incoming parameters the same way, so a request carrying a
// real key still matches the recording that holds its placeholder.
import type { Json } from '../model.ts';
import type { Profile } from '../profile.ts';
import { COMMON_SECRET_PATTERNS } from './secrets.ts';

export interface Scrubber {
  text(value: string): string;
  json<T extends Json>(value: T): T;
}

export function scrubberFor(profile: Profile, extraPatterns: readonly RegExp[] = []): Scrubber {
  const placeholder = profile.secretPlaceholder ?? '<SECRET>';
  // Own global copies: a shared /g regex carries lastIndex between callers.
  const patterns = [...COMMON_SECRET_PATTERNS, ...profile.secretPatterns, ...extraPatterns].map(
    (pattern) => new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
  );
  const replaceAll = (value: string) => patterns.reduce((out, pattern) => out.replace(pattern, placeholder), value);
  // A secret in a URL arrives percent-encoded (`Bearer%20…`, `%2F` inside a key): it is looked
  // for in the decoded text too, and a value that held one is kept decoded, scrubbed.
  const text = (value: string) => {
    const scrubbed = replaceAll(value);
    if (!value.includes('%')) return scrubbed;
    let decoded: string;
    try {
      decoded = decodeURIComponent(scrubbed);
    } catch {
      return scrubbed;
    }
    const again = replaceAll(decoded);
    return again === decoded ? scrubbed : again;
  };
  const json = (value: Json): Json => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(json);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, Json> = {};
      for (const [key, item] of Object.entries(value)) out[text(key)] = json(item);
      return out;
    }
    return value;
  };
  return { text, json: json as Scrubber['json'] };
}
