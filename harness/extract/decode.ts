// Bytes → text. Docs are UTF-8; anything else is reported at its first bad byte and still read
// (with U+FFFD in place of the bad bytes) so that the rest of the page is not lost.

export interface Decoded {
  text: string;
  /** Where the first byte that is not UTF-8 stands, when there is one. */
  invalid?: { line: number; column: number; byte: number; utf16: boolean };
}

const lossy = new TextDecoder('utf-8');

export function decodeUtf8(bytes: Uint8Array): Decoded {
  const text = lossy.decode(bytes);
  const bad = firstInvalidByte(bytes);
  if (bad === -1) return { text };
  const before = lossy.decode(bytes.subarray(0, bad)).replace(/^\uFEFF/, '');
  const lines = before.split('\n');
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  return {
    text,
    invalid: { line: lines.length, column: lines[lines.length - 1].length + 1, byte: bytes[bad], utf16 },
  };
}

/** Index of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
export function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8 either.
    if (cp < min || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) return i;
    i += need + 1;
  }
  return -1;
}
