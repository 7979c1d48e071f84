// UTF-8 that was once decoded as Windows-1252 (or Latin-1) and saved again: `⇒` becomes `â‡’`,
// `…` becomes `â€¦`. Such text is read as what it meant; the code blocks themselves are left
// exactly as written (a snippet that shows mojibake is a finding, reported, not rewritten).

/** Windows-1252 bytes 0x80–0x9F that decode to characters outside Latin-1. */
const CP1252: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
  '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93,
  '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
  'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

const CONT = "[\\u0080-\\u00BF€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]";
/** A lead byte (as a Latin-1 character) followed by the continuation bytes it needs. */
const CANDIDATE = new RegExp(`[\\u00C2-\\u00DF]${CONT}|[\\u00E0-\\u00EF]${CONT}{2}|[\\u00F0-\\u00F4]${CONT}{3}`, 'g');

const strict = new TextDecoder('utf-8', { fatal: true });

function byteOf(ch: string): number {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? code : CP1252[ch];
}

export interface MojibakeHit {
  /** Offset of the mis-decoded sequence in the string. */
  index: number;
  found: string;
  meant: string;
}

export function findMojibake(text: string): MojibakeHit[] {
  if (!/[\u00C2-\u00F4]/.test(text)) return [];
  const hits: MojibakeHit[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const bytes = Uint8Array.from([...m[0]].map(byteOf));
    try {
      hits.push({ index: m.index, found: m[0], meant: strict.decode(bytes) });
    } catch {
      // Not a UTF-8 sequence after all: ordinary Latin-1 text.
    }
  }
  return hits;
}

/** The text as its author meant it. */
export function repairMojibake(text: string): string {
  const hits = findMojibake(text);
  if (hits.length === 0) return text;
  let out = '';
  let last = 0;
  for (const hit of hits) {
    out += text.slice(last, hit.index) + hit.meant;
    last = hit.index + hit.found.length;
  }
  return out + text.slice(last);
}
