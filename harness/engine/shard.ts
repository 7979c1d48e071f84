// `test --shard i/n`: one CI job's share of the examples. Pages are never split (a page's examples
// share a cassette and a reader's context), and every job computes the same split from the same
// inputs, so n jobs given the same arguments cover every sample exactly once.
import type { Selected } from './select.ts';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
  /** Each page's milliseconds in a previous run (`--shard-durations`): pages are balanced by these. */
  durations?: ReadonlyMap<string, number>;
}

/** Parses `i/n` (1 ≤ i ≤ n); undefined when it is not one. */
export function parseShard(text: string): { index: number; count: number } | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const [index, count] = [Number(match[1]), Number(match[2])];
  return index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

/** The samples of the pages that fall to `shard`. */
export function inShard(selected: readonly Selected[], shard: Shard): Selected[] {
  const samples = new Map<string, number>();
  for (const entry of selected) samples.set(entry.example.file, (samples.get(entry.example.file) ?? 0) + 1);
  const mine = shardPages(samples, shard);
  return selected.filter((entry) => mine.has(entry.example.file));
}

/**
 * Greedy balancing (longest first onto the lightest shard): a page weighs what it took last time,
 * or, for a page the previous run did not have (or with no previous run), its sample count times
 * the previous run's time per sample. Ties go by file name and the lowest shard, so the split
 * depends on nothing but the inputs.
 */
export function shardPages(samplesByPage: ReadonlyMap<string, number>, shard: Shard): Set<string> {
  const pages = [...samplesByPage.keys()];
  const known = pages.filter((page) => shard.durations?.has(page));
  const knownSamples = known.reduce((sum, page) => sum + samplesByPage.get(page)!, 0);
  const knownTime = known.reduce((sum, page) => sum + shard.durations!.get(page)!, 0);
  const perSample = knownSamples > 0 && knownTime > 0 ? knownTime / knownSamples : 1;
  const weight = (page: string) => shard.durations?.get(page) ?? samplesByPage.get(page)! * perSample;
  pages.sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : a > b ? 1 : 0));

  // Equal loads (pages that weigh nothing: all skipped last time) go to the shard with fewer pages.
  const loads = Array.from({ length: shard.count }, () => ({ time: 0, pages: 0 }));
  const mine = new Set<string>();
  for (const page of pages) {
    let lightest = 0;
    for (let k = 1; k < loads.length; k++) {
      const [a, b] = [loads[k], loads[lightest]];
      if (a.time < b.time || (a.time === b.time && a.pages < b.pages)) lightest = k;
    }
    loads[lightest].time += weight(page);
    loads[lightest].pages += 1;
    if (lightest === shard.index - 1) mine.add(page);
  }
  return mine;
}
