import { describe, expect, it } from 'vitest';
import { consensus } from '../../harness/values/consensus.ts';

const key = (s: string) => s;

describe('consensus', () => {
  it('takes the value most items share, the others departing from it', () => {
    expect(consensus(['a', 'b', 'a'], key)).toEqual({
      kind: 'agreed',
      reference: { key: 'a', items: ['a', 'a'] },
      others: [{ key: 'b', items: ['b'] }],
    });
  });

  it('has no reference when no group is larger than every other', () => {
    expect(consensus(['a', 'b'], key)).toEqual({ kind: 'conflict', groups: [{ key: 'a', items: ['a'] }, { key: 'b', items: ['b'] }] });
  });

  it('lets the schema decide: a group that fits it outweighs larger ones that do not', () => {
    const result = consensus(['bad', 'bad', 'good'], key, (group) => group.key === 'good');
    expect(result).toMatchObject({ kind: 'agreed', reference: { key: 'good' } });
    // Among groups that all fit (or all do not), size decides again.
    expect(consensus(['x', 'y', 'y'], key, () => false)).toMatchObject({ kind: 'agreed', reference: { key: 'y' } });
  });

  it('has nothing to say about no items', () => {
    expect(consensus([], key)).toBeNull();
  });
});
