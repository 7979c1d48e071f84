import type { LanguageId } from './model.ts';

/** How the docs name one language: by fence info string first, by tab title second. */
export interface LanguageSpec {
  id: LanguageId;
  /** Fence info strings that name it (`javascript`, `js`). */
  fences: string[];
  /** Tab titles that name it, compared case-insensitively once suffixes like ` TEST` are dropped. */
  titles: string[];
}

/**
 * Everything about one API's docs that the core must not hard-code: which languages its tabs
 * use, what its clients are called in snippets, where its real API lives, which strings are
 * secrets. The default profile is Seam's (`profiles/seam/`).
 */
export interface Profile {
  name: string;
  languages: LanguageSpec[];
  /** Words dropped from the end of a tab title before it is matched (`TEST`). */
  titleSuffixes: string[];
  /** The origin the docs' cURL tabs call, and the scope recordings are filed under. */
  apiOrigin: string;
  /** Patterns of secret values (API keys, tokens) scrubbed from anything written. */
  secretPatterns: RegExp[];
}
