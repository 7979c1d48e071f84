// The endpoint line and the declared return shape, in each generation's spelling.
import type { CodeBlock, Endpoint, ReturnShape } from '../model.ts';
import { repairMojibake } from './mojibake.ts';

const ENDPOINT = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+(\/\S*)(?:\s*(?:⇒|=>|→|->)\s*(.*?))?\s*$/;

/** `POST /devices/get ⇒ { device }` as the only line of a code block, or null. */
export function parseEndpoint(block: CodeBlock): Endpoint | null {
  const text = repairMojibake(block.code).trim();
  if (text.includes('\n')) return null;
  const m = ENDPOINT.exec(text);
  if (!m) return null;
  return {
    method: m[1],
    path: m[2],
    returns: m[3] ? parseShapeOnLine(m[3]) : null,
    text,
    position: block.position,
  };
}

/** `void`, `{ device }`, `{ devices: [device, …] }`. */
export function parseShapeOnLine(text: string): ReturnShape {
  const t = text.trim();
  if (/^void$/i.test(t)) return { kind: 'void' };
  let m = /^\{\s*([A-Za-z_]\w*)\s*\}$/.exec(t);
  if (m) return { kind: 'resource', key: m[1] };
  m = /^\{\s*([A-Za-z_]\w*)\s*:\s*\[\s*([A-Za-z_]\w*)\s*(?:,\s*(?:…|\.\.\.)\s*)?\]\s*\}$/.exec(t);
  if (m) return { kind: 'list', key: m[1], item: m[2] };
  return { kind: 'unknown', text: t };
}

/**
 * The first paragraph of `## Return Type` / `## Response`: `void`, `[action\_attempt](./)`,
 * `Array<[acs\_user](./)>` (generation 1); a link (generation 2); `Returns:` then `**void**`,
 * `**[access\_code](.)**`, `**Array of [connect\_webviews](.)**` (generation 3).
 * Null when the text holds no shape at all (a lone `Returns:`).
 */
export function parseShapeInSection(markdown: string): ReturnShape | null {
  const text = repairMojibake(markdown)
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\\(.)/g, '$1')
    .replace(/\*+|`+/g, '')
    .replace(/(^|\W)_+|_+(?=\W|$)/g, '$1')
    .replace(/^\s*returns?\s*:?\s*/i, '')
    .trim();
  if (text === '') return null;
  if (/^void$/i.test(text)) return { kind: 'void' };
  let m = /^Array\s*(?:<\s*([A-Za-z_]\w*)\s*>|of\s+([A-Za-z_]\w*))$/i.exec(text);
  if (m) return listOf(m[1] ?? m[2]);
  m = /^([A-Za-z_]\w*)$/.exec(text);
  if (m && m[1].toLowerCase() !== 'unknown') return { kind: 'resource', key: m[1] };
  return { kind: 'unknown', text };
}

/**
 * A list shape from the one name a section gives. Generation 1 names the item (`acs_user`),
 * generation 3 the response key (`connect_webviews`); English plurals of resource names are
 * regular enough (`-s`, `-ies`) to recover the other.
 */
function listOf(name: string): ReturnShape {
  if (/ies$/.test(name)) return { kind: 'list', key: name, item: name.replace(/ies$/, 'y') };
  if (/[^s]s$/.test(name)) return { kind: 'list', key: name, item: name.slice(0, -1) };
  if (/y$/.test(name) && !/[aeiou]y$/.test(name)) return { kind: 'list', key: name.replace(/y$/, 'ies'), item: name };
  return { kind: 'list', key: `${name}s`, item: name };
}
