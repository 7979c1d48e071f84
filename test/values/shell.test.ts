import { describe, expect, it } from 'vitest';
import { ReadFailure, Scanner } from '../../harness/values/scanner.ts';
import { splitCommand, type ShellOptions } from '../../harness/values/shell.ts';
import { makeBlock } from '../helpers/block.ts';

const FENCE = 7;

function split(code: string, options: ShellOptions = {}) {
  return splitCommand(new Scanner(makeBlock(code, FENCE), { what: 'shell' }), options);
}

describe('splitCommand', () => {
  it('removes quotes and escapes as a shell does, and says which words were quoted', () => {
    const { words } = split(`cmd 'a b' "c \\"d\\" \\x" e\\ f plain # a comment`);
    expect(words.map((w) => [w.text, w.quoted])).toEqual([
      ['cmd', false],
      ['a b', true],
      ['c "d" \\x', true],
      ['e f', true],
      ['plain', false],
    ]);
    expect(words[1]).toMatchObject({ start: 4, end: 9, raw: "'a b'" });
  });

  it('reads here-documents after the line, <<- stripping tabs', () => {
    const { words, heredocs } = split('cat <<A <<-"B" \\\n  x\none\nA\n\ttwo\n\tB', { heredocs: true });
    expect(words.map((w) => w.text)).toEqual(['cat', 'x']);
    expect(heredocs).toMatchObject([
      { delimiter: 'A', body: 'one', expands: true },
      { delimiter: 'B', body: '\ttwo', expands: false },
    ]);
  });

  it('reads JSON as one word only where asked, and lists the hazards of each word', () => {
    const { words } = split('x {"a":"$HOME\\\\"} --f={"b":1}', { json: true });
    expect(words[1].json).toMatchObject({ value: { a: '$HOME\\' }, start: 2 });
    expect(words[1].hazards.map((h) => h.kind)).toEqual(['expand', 'escapes', 'quotes']);
    expect(words[2].json).toMatchObject({ value: { b: 1 }, start: 22 });
    // Where its members stand, for findings about them: `"b"` at offset 23, its value at 27.
    expect(words[2].json?.map.keys.get('/b')).toMatchObject({ start: 23, end: 26 });
    expect(words[2].json?.map.values.get('/b')).toMatchObject({ start: 27, end: 28 });
    // Without `json`, braces are a shell's: `{a,b}` expands, `{"a":1}` only loses its quotes.
    const plain = split('x ~/p {a,b} {"a":1}').words;
    expect(plain.map((w) => w.hazards.map((h) => h.kind))).toEqual([[], ['tilde'], ['brace'], []]);
    expect(plain[3]).toMatchObject({ text: '{a:1}', quoted: true, json: undefined });
  });

  it('fails at a second command and at an unclosed quote', () => {
    const failure = (code: string) => {
      try {
        split(code);
      } catch (error) {
        if (error instanceof ReadFailure) return error.problem;
        throw error;
      }
      throw new Error('expected a failure');
    };
    expect(failure('a\n\n  b')).toEqual({ line: FENCE + 3, column: 3, message: 'shell: expected one command (a request is one call), found a second line' });
    expect(failure("a 'b")).toEqual({ line: FENCE + 1, column: 5, message: "shell: expected a closing ' for the quote opened at 8:3, found end of snippet" });
  });
});
