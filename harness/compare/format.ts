import type { Json } from '../model.ts';
import type { Difference } from './values.ts';

const MAX_SHOWN = 60;

/** `$.status: documented "pending", returned "success"` — one line per difference. */
export function formatDifference(difference: Difference): string {
  const { path } = difference;
  switch (difference.kind) {
    case 'missing':
      return `${path}: documented ${show(difference.documented)}, not returned`;
    case 'extra':
      return `${path}: returned ${show(difference.returned)}, not documented`;
    case 'length': {
      const documented = difference.documented as Json[];
      const returned = difference.returned as Json[];
      return `${path}: documented ${documented.length} item(s), returned ${returned.length}`;
    }
    case 'void':
      return difference.documented === undefined
        ? `${path}: documented void, returned ${show(difference.returned)}`
        : `${path}: documented ${show(difference.documented)}, returned void`;
    case 'different':
      return `${path}: documented ${show(difference.documented)}, returned ${show(difference.returned)}`;
  }
}

/** A compact one-line rendering of a value, cut at a readable length. */
export function show(value: Json | undefined): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}
