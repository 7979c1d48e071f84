// What the tabs of one example agree on. Derived recordings are built from it and lint blames the
// tabs that depart from it: the value most tabs show, unless the API's schema rejects it and a
// value other tabs show fits (then the schema decides); with no single largest group, there is no
// reference and every tab is in conflict.

export interface Group<T> {
  key: string;
  items: T[];
}

export type Consensus<T> =
  /** `reference` is what the tabs agree on; `others` depart from it (largest first). */
  | { kind: 'agreed'; reference: Group<T>; others: Group<T>[] }
  /** No majority: every group, largest first, ties in tab order. */
  | { kind: 'conflict'; groups: Group<T>[] };

/**
 * Groups items by key (in order of first appearance) and finds the reference group. `fits` says
 * whether a group's value fits the API's schema; without it, size alone decides.
 */
export function consensus<T>(items: readonly T[], key: (item: T) => string, fits?: (group: Group<T>) => boolean): Consensus<T> | null {
  const byKey = new Map<string, Group<T>>();
  for (const item of items) {
    const k = key(item);
    const group = byKey.get(k) ?? { key: k, items: [] };
    group.items.push(item);
    byKey.set(k, group);
  }
  const groups = [...byKey.values()].sort((a, b) => b.items.length - a.items.length);
  if (groups.length === 0) return null;
  if (groups.length === 1) return { kind: 'agreed', reference: groups[0], others: [] };
  const fitting = fits ? groups.filter(fits) : [];
  const candidates = fitting.length > 0 ? fitting : groups;
  const [first, second] = candidates;
  if (second !== undefined && second.items.length === first.items.length) return { kind: 'conflict', groups };
  return { kind: 'agreed', reference: first, others: groups.filter((group) => group !== first) };
}
