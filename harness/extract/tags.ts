// GitBook template tags (`{% tabs %}`, `{% tab title="Go" %}`, …). remark knows nothing of them:
// they reach the tree as plain text inside paragraphs, headings, html blocks or table cells, alone
// or mixed with prose. They are found again in the node's source text, with exact offsets.

export type TagName = 'tabs' | 'tab' | 'endtab' | 'endtabs' | 'other';

export interface Tag {
  name: TagName;
  /** The tag word as written (`hint`, `endhint`, `tab`). */
  word: string;
  /** The `title` attribute of a `{% tab %}`. */
  title?: string;
  /** Offsets into the scanned string. */
  start: number;
  end: number;
}

const TAG = /\{%-?\s*([A-Za-z][\w-]*)([^%]*(?:%(?!\})[^%]*)*)-?%\}/g;
const TITLE = /\btitle\s*=\s*(?:"([^"]*)"|'([^']*)'|“([^”]*)”)/;
const KNOWN = new Set(['tabs', 'tab', 'endtab', 'endtabs']);

/**
 * Every tag in `text`. Ranges listed in `masked` (inline code spans) are skipped, so that a page
 * which shows `{% tabs %}` in backticks is not read as opening a group.
 */
export function scanTags(text: string, masked: ReadonlyArray<readonly [number, number]> = []): Tag[] {
  if (!text.includes('{%')) return [];
  const tags: Tag[] = [];
  for (const m of text.matchAll(TAG)) {
    const start = m.index;
    const end = start + m[0].length;
    if (masked.some(([a, b]) => start < b && end > a)) continue;
    const word = m[1];
    const lower = word.toLowerCase();
    const name = (KNOWN.has(lower) ? lower : 'other') as TagName;
    const tag: Tag = { name, word, start, end };
    if (name === 'tab') {
      const t = TITLE.exec(m[2]);
      tag.title = t ? (t[1] ?? t[2] ?? t[3]) : '';
    }
    tags.push(tag);
  }
  return tags;
}

/** True for lines that hold nothing but GitBook tags (an indented code block made of tags). */
export function onlyTags(text: string): boolean {
  return text.replace(TAG, '').trim() === '' && text.includes('{%');
}
