// Secrets never reach a recording. Request headers are not recorded at all; what is recorded
// (parameters, response bodies) has every string matching a secret pattern replaced by the
// profile's placeholder. Replay scrubs incoming parameters the same way, so a request carrying a
// real key still matches the recording that holds its placeholder.
import type { Json } from '../model.ts';
import type { Profile } from '../profile.ts';

export interface Scrubber {
  text(value: string): string;
  json<T extends Json>(value: T): T;
}

export function scrubberFor(profile: Profile, extraPatterns: readonly RegExp[] = []): Scrubber {
  const placeholder = profile.secretPlaceholder ?? '<SECRET>';
  // Own global copies: a shared /g regex carries lastIndex between callers.
  const patterns = [...profile.secretPatterns, ...extraPatterns].map(
    (pattern) => new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`),
  );
  const text = (value: string) => patterns.reduce((out, pattern) => out.replace(pattern, placeholder), value);
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
