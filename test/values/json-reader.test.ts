import { describe, expect, it } from 'vitest';
import { readJson } from '../../harness/values/json-reader.ts';
import { ReadFailure, Scanner } from '../../harness/values/scanner.ts';
import { makeBlock } from '../helpers/block.ts';

const FENCE = 5;

function read(code: string) {
  const s = new Scanner(makeBlock(code, FENCE), { what: 'json' });
  return { value: readJson(s), end: s.pos };
}

function failure(code: string) {
  try {
    read(code);
  } catch (error) {
    if (error instanceof ReadFailure) return error.problem;
    throw error;
  }
  throw new Error('expected a read failure');
}

describe('readJson', () => {
  it('reads every JSON form and stops right after the value', () => {
    const code = '{"a": [1, -0.5e2, 20.0, true, false, null], "b": {"c": "\\u00e9\\n\\"x\\""}} rest';
    expect(read(code)).toEqual({ value: { a: [1, -50, 20, true, false, null], b: { c: 'é\n"x"' } }, end: code.indexOf(' rest') });
  });

  it('keeps a __proto__ key as data', () => {
    const { value } = read('{"__proto__": {"x": 1}}');
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value as object)).toEqual(['__proto__']);
  });

  it('reports a misspelt literal, an invalid escape and a raw control character where they stand', () => {
    expect(failure('[tru]')).toEqual({ line: FENCE + 1, column: 2, message: 'json: expected a JSON value, found `tru`' });
    expect(failure('{"a":\n  "x\\q"}')).toEqual({ line: FENCE + 2, column: 5, message: 'json: invalid escape `\\q` in a JSON string' });
    expect(failure('["a\tb"]')).toEqual({ line: FENCE + 1, column: 4, message: 'json: control character U+0009 in a string: write it escaped' });
  });

  it('reports an unterminated string and an unclosed array with where they opened', () => {
    expect(failure('["abc')).toEqual({ line: FENCE + 1, column: 6, message: `json: unterminated string (opened at ${FENCE + 1}:2)` });
    expect(failure('[1, 2')).toEqual({ line: FENCE + 1, column: 6, message: `json: expected ',' or ']' in the array opened at ${FENCE + 1}:1, found end of snippet` });
  });
});
