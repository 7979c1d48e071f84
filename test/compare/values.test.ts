import { describe, expect, it } from 'vitest';
import { compareValues } from '../../harness/compare/values.ts';
import { formatDifference } from '../../harness/compare/format.ts';
import type { Json, Value } from '../../harness/model.ts';

const json = (value: Json): Value => ({ kind: 'json', json: value });
const VOID: Value = { kind: 'void' };

function lines(documented: Value, returned: Value, strict = false): string[] {
  return compareValues(documented, returned, { strict }).differences.map(formatDifference);
}

describe('compareValues', () => {
  it('accepts a documented value contained in the returned one, with null or empty extras', () => {
    const result = compareValues(
      json({ device_id: 'd1', properties: { online: true } }),
      json({ device_id: 'd1', properties: { online: true, name: null }, errors: [], warnings: {}, nickname: '' }),
    );
    expect(result.equal).toBe(true);
    expect(result.emptyExtras).toBe(4);
  });

  it('reports an extra returned field that holds a value', () => {
    expect(lines(json({ a: 1 }), json({ a: 1, b: 'x' }))).toEqual(['$.b: returned "x", not documented']);
  });

  it('demands equality in strict mode', () => {
    expect(lines(json({ a: 1 }), json({ a: 1, b: null }), true)).toEqual(['$.b: returned null, not documented']);
  });

  it('names the path of a differing scalar', () => {
    expect(lines(json({ action_attempt: { status: 'pending' } }), json({ action_attempt: { status: 'success' } }))).toEqual([
      '$.action_attempt.status: documented "pending", returned "success"',
    ]);
  });

  it('reports a missing field and a list of another length', () => {
    expect(lines(json({ a: 1, xs: [1, 2] }), json({ xs: [1] }))).toEqual([
      '$.a: documented 1, not returned',
      '$.xs: documented 2 item(s), returned 1',
    ]);
  });

  it('compares list items by position', () => {
    expect(lines(json([{ id: 'a' }, { id: 'b' }]), json([{ id: 'a' }, { id: 'c' }]))).toEqual([
      '$[1].id: documented "b", returned "c"',
    ]);
  });

  it('treats 20 and 20.0 as one number and never a number as its string', () => {
    expect(compareValues(json({ t: 20 }), json({ t: 20.0 })).equal).toBe(true);
    expect(lines(json({ t: 20 }), json({ t: '20' }))).toEqual(['$.t: documented 20, returned "20"']);
  });

  it('matches keys by canonical snake_case', () => {
    expect(compareValues(json({ actionAttemptId: 'x' }), json({ action_attempt_id: 'x' })).equal).toBe(true);
  });

  it('treats two spellings of one instant as equal, and two instants as different', () => {
    expect(compareValues(json({ at: '2025-01-02T03:04:05.000Z' }), json({ at: '2025-01-02T03:04:05+00:00' })).equal).toBe(true);
    expect(compareValues(json({ at: '2025-01-02T03:04:05Z' }), json({ at: '2025-01-02T03:04:06Z' })).equal).toBe(false);
  });

  it('distinguishes void from an empty object and from the string "void"', () => {
    expect(compareValues(VOID, VOID).equal).toBe(true);
    expect(lines(VOID, json({}))).toEqual(['$: documented void, returned {}']);
    expect(lines(json('void'), VOID)).toEqual(['$: documented "void", returned void']);
  });
});
