// Small pieces several rules share: how to name a tab, and how to find what most tabs agree on.
import type { Json, Sample } from '../model.ts';
import type { Profile } from '../profile.ts';
import type { Difference } from '../compare/values.ts';
import { show } from '../compare/format.ts';

export function label(sample: Sample, profile: Profile): string {
  return profile.languages.find((language) => language.id === sample.language)?.label ?? sample.title;
}

export function labels(samples: readonly Sample[], profile: Profile): string {
  return samples.map((sample) => label(sample, profile)).join(', ');
}

export interface Group<T> {
  key: string;
  items: T[];
}

/**
 * Groups items by key, largest group first; a tie goes to the group holding the earliest item,
 * so that with no majority the first tab (JavaScript in most docs) is the reference.
 */
export function groupByKey<T>(items: readonly T[], key: (item: T) => string): Group<T>[] {
  const groups = new Map<string, Group<T>>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k) ?? { key: k, items: [] };
    group.items.push(item);
    groups.set(k, group);
  }
  const order = [...groups.values()];
  return order
    .map((group, index) => ({ group, index }))
    .sort((a, b) => b.group.items.length - a.group.items.length || a.index - b.index)
    .map(({ group }) => group);
}


/**
 * One tab against the tabs it disagrees with, a clause per difference:
 * `params.limit: 10 in Go, "10" in JavaScript, Python`. `root` names what `$` stands for.
 */
export function describeDifference(difference: Difference, here: string, there: string, root: string): string {
  const path = root + difference.path.slice(1);
  const theirs = (value: Json | undefined) => (value === undefined ? 'void' : show(value));
  switch (difference.kind) {
    case 'different':
      return `${path}: ${show(difference.returned)} in ${here}, ${show(difference.documented)} in ${there}`;
    case 'missing':
      return `${path}: missing in ${here}, ${show(difference.documented)} in ${there}`;
    case 'extra':
      return `${path}: ${show(difference.returned)} in ${here}, missing in ${there}`;
    case 'length':
      return `${path}: ${(difference.returned as Json[]).length} item(s) in ${here}, ${(difference.documented as Json[]).length} in ${there}`;
    case 'void':
      return `${path}: ${theirs(difference.returned)} in ${here}, ${theirs(difference.documented)} in ${there}`;
  }
}
