import { isEmptyList, type DisplayArtefact } from '../../harness/values/artefacts.ts';
import fields from './sdk-fields.json' with { type: 'json' };

const structs = fields.types as Record<string, string[]>;

/**
 * What a Go tab cannot show as the other tabs do:
 * - an empty list: a nil slice prints as `nil` (void at the top, null inside), and `omitempty`
 *   leaves an empty one out of the struct's JSON;
 * - a field of the response that the Go SDK's struct does not have (sdk-fields.json, made by
 *   sdk-fields.mjs from the pinned SDK): the Go client cannot return it, so a Go tab that
 *   documents what its client returns leaves it out.
 */
export const artefact: DisplayArtefact = (others, shown, where) => {
  // A nil slice prints as `nil`, and a struct's `omitempty` leaves an empty one out altogether.
  if (isEmptyList(others) && (shown === undefined || shown === null)) return 'Go prints an empty list as nil or leaves it out';
  if (where?.kind !== 'missing' || !where.type) return null;
  const field = /^\$(?:\[\d+\])?\.(\w+)$/.exec(where.path)?.[1];
  const struct = where.type.replace(/^\[\]/, '').replace(/^\*?(?:\w+\.)?/, '');
  const known = structs[struct];
  if (!field || !known || known.includes(field)) return null;
  return `${fields.sdk}'s ${struct} has no field ${field}`;
};
