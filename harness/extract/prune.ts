// remark parses a 400 KB reference in most of a second on a small machine, and most of that text
// is resource property lists that can hold no example. Before parsing, the body of every `##`/`###`
// section that has no GitBook tag, no code fence, and is not one of the sections the page model
// reads is emptied. Line count and every kept line stay as they were, so positions are exact.

const FENCE = /^\s*(`{3,}|~{3,})(.*)$/;
const SECTION = /^ {0,3}(#{2,3})[ \t]+(.*?)[ \t#]*$/;
/** `##` sections the page model reads (parameters, return shape, example titles). */
const READ = /^(request parameters|parameters|return type|returns?|response|examples?)\b/i;

interface Section {
  from: number;
  /** The section's heading line stays, so that section context survives pruning. */
  keep: boolean;
}

export function pruneForExtraction(text: string): string {
  const lines = text.split('\n');
  const sections: Section[] = [{ from: 0, keep: true }];
  let fence: { char: string; length: number } | null = null;
  let h2Reads = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const current = sections[sections.length - 1];
    const f = FENCE.exec(line);
    if (f) {
      current.keep = true;
      const marker = f[1];
      if (!fence) {
        if (!(marker[0] === '`' && f[2].includes('`'))) fence = { char: marker[0], length: marker.length };
      } else if (marker[0] === fence.char && marker.length >= fence.length && f[2].trim() === '') {
        fence = null;
      }
      continue;
    }
    if (fence) continue;
    if (line.includes('{%')) current.keep = true;
    const h = SECTION.exec(line);
    if (h) {
      if (h[1].length === 2) h2Reads = READ.test(h[2]);
      sections.push({ from: i, keep: h2Reads && (h[1].length === 2 || /^(request )?parameters/i.test(sectionTitle(lines, sections))) });
    }
  }
  if (sections.every((s) => s.keep)) return text;
  for (let s = 0; s < sections.length; s++) {
    if (sections[s].keep) continue;
    const end = s + 1 < sections.length ? sections[s + 1].from : lines.length;
    for (let i = sections[s].from + 1; i < end; i++) lines[i] = lines[i].endsWith('\r') ? '\r' : '';
  }
  return lines.join('\n');
}

/** The title of the `##` section the newest section belongs to. */
function sectionTitle(lines: string[], sections: Section[]): string {
  for (let s = sections.length - 1; s > 0; s--) {
    const h = SECTION.exec(lines[sections[s].from]);
    if (h && h[1].length === 2) return h[2];
  }
  return '';
}
