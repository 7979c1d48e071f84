// Which example a request belongs to travels in the URL path: a client for example E is given the
// base URL `http://127.0.0.1:PORT/__example/<slug of E>`, which every SDK's endpoint setting
// accepts. The slug keeps the id readable: `acs/credentials/assign.md#1` → `acs~credentials~assign.md@1`.
// `~` and `@` are path-safe and never appear raw in a slug, so the mapping reverses exactly.
// A run may add which client sent the request (`…@1!javascript`): the tabs of one example share
// its recordings, and the tag keeps each tab's requests apart in the log.

export const EXAMPLE_PREFIX = '/__example/';

/**
 * Fallback for clients that drop a base URL's path (an HTTP library resolving `/devices/get`
 * against the base URL as RFC 3986 says): the example id in a header.
 */
export const EXAMPLE_HEADER = 'x-doc-harness-example';
/** With it, the client tag the base URL would have carried (`ruby`), to keep each tab's requests apart. */
export const CLIENT_HEADER = 'x-doc-harness-client';

const plain = /[A-Za-z0-9._-]/;
/** Separates the example's slug from the client tag; percent-encoded inside slugs. */
const TAG = '!';

export function exampleSlug(exampleId: string): string {
  let slug = '';
  for (const char of exampleId) {
    if (char === '/') slug += '~';
    else if (char === '#') slug += '@';
    else if (plain.test(char)) slug += char;
    else for (const byte of Buffer.from(char)) slug += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return slug;
}

/** The example id a slug stands for, or null when it is not a slug. */
export function exampleIdFromSlug(slug: string): string | null {
  try {
    return decodeURIComponent(slug.replace(/~/g, '/').replace(/@/g, '#'));
  } catch {
    return null;
  }
}

/**
 * The base URL a client running example `exampleId` is pointed at; `client` (a language id)
 * tags its requests in the log.
 */
export function exampleBaseUrl(serverUrl: string, exampleId: string, client?: string): string {
  const tag = client ? `${TAG}${exampleSlug(client)}` : '';
  return `${serverUrl.replace(/\/+$/, '')}${EXAMPLE_PREFIX}${exampleSlug(exampleId)}${tag}`;
}

/** The inverse of `exampleBaseUrl`: the example a URL path names, its client tag, and the API path after it. */
export function splitExamplePath(pathname: string): { exampleId: string | null; client: string | null; path: string } {
  if (!pathname.startsWith(EXAMPLE_PREFIX)) return { exampleId: null, client: null, path: pathname };
  const rest = pathname.slice(EXAMPLE_PREFIX.length);
  const slash = rest.indexOf('/');
  const segment = slash === -1 ? rest : rest.slice(0, slash);
  const [slug, tag] = segment.includes(TAG) ? [segment.slice(0, segment.indexOf(TAG)), segment.slice(segment.indexOf(TAG) + 1)] : [segment, null];
  const client = tag === null ? null : exampleIdFromSlug(tag);
  // An undecodable slug still names an example (one that has no recordings), never "any".
  return { exampleId: exampleIdFromSlug(slug) ?? slug, client, path: slash === -1 ? '/' : rest.slice(slash) };
}
