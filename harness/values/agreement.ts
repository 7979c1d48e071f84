// What the tabs of one example agree on, for its call and for its documented response, with the
// API's schema as the tie-breaker (see consensus.ts). Lint and derived recordings share it, so the
// tab a finding blames is the tab a derived recording does not follow.
import type { Value } from '../model.ts';
import { canonicalJson, canonicalValue } from './canonical.ts';
import { consensus, type Consensus } from './consensus.ts';
import { readCalls, readResponses, type ReadCall, type ReadExample, type ReadResponse } from './read-example.ts';
import { compareValues } from '../compare/values.ts';
import { artefactFor } from '../../runners/registry.ts';
import type { ApiDescription } from './schema/api.ts';

const callKey = (entry: ReadCall) => `${entry.call.path} ${canonicalJson(entry.call.params)}`;

// Several rules ask about the same example: each answer is worked out once per example read.
const calls = new WeakMap<ReadExample, Map<ApiDescription | undefined, Consensus<ReadCall> | null>>();
const responses = new WeakMap<ReadExample, Map<ApiDescription | undefined, Map<string | undefined, Consensus<ReadResponse> | null>>>();

function remember<K, V>(table: Map<K, V>, key: K, make: () => V): V {
  if (!table.has(key)) table.set(key, make());
  return table.get(key)!;
}

/** The call the tabs agree on; a call the schema accepts outweighs a larger group it rejects. */
export function agreedCall(read: ReadExample, api?: ApiDescription): Consensus<ReadCall> | null {
  const table = calls.get(read) ?? new Map();
  calls.set(read, table);
  return remember(table, api, () => consensus(readCalls(read), callKey, api && ((group) => fitsRequest(api, group.items[0]))));
}

/**
 * The response the tabs agree on, for the route they call (`path`); a response the schema
 * accepts outweighs a larger group it rejects. A tab whose value differs from another's only by
 * its language's display artefacts (PHP `[]` for `{}`) agrees with it.
 */
export function agreedResponse(read: ReadExample, path: string | undefined, api?: ApiDescription): Consensus<ReadResponse> | null {
  const tables = responses.get(read) ?? new Map();
  responses.set(read, tables);
  const table = remember(tables, api, () => new Map<string | undefined, Consensus<ReadResponse> | null>());
  return remember(table, path, () => computeResponse(read, path, api));
}

function computeResponse(read: ReadExample, path: string | undefined, api?: ApiDescription): Consensus<ReadResponse> | null {
  const entries = readResponses(read);
  const plain = entries.filter((entry) => !artefactFor(entry.sample.language));
  const keyOf = (entry: ReadResponse): string => {
    const artefact = artefactFor(entry.sample.language);
    const type = entry.value.kind === 'json' ? entry.value.type : undefined;
    const same =
      artefact &&
      plain.find((other) =>
        compareValues(other.value, entry.value, { strict: true }).differences.every((d) => artefact(d.documented, d.returned, { path: d.path, kind: d.kind, type })),
      );
    return canonicalValue((same ?? entry).value);
  };
  const fits = api && path !== undefined && api.route(path) ? (group: { items: ReadResponse[] }) => fitsResponse(api, path, representative(group).value) : undefined;
  return consensus(entries, keyOf, fits);
}

/** The entry that stands for its group: the first whose language has no display artefacts. */
export function representative(group: { items: ReadResponse[] }): ReadResponse {
  return group.items.find((entry) => !artefactFor(entry.sample.language)) ?? group.items[0];
}

function fitsRequest(api: ApiDescription, entry: ReadCall): boolean {
  return api.route(entry.call.path) !== undefined && api.checkRequest(entry.call.path, entry.call.params).length === 0;
}

function fitsResponse(api: ApiDescription, path: string, value: Value): boolean {
  const shape = api.responseShape(path);
  if (shape === undefined) return false;
  if (value.kind === 'void') return shape.kind === 'void';
  return shape.kind !== 'void' && api.checkResponse(path, value.json).length === 0;
}

/** The route the example calls: the agreed call's, or, in a conflict, the one most tabs name. */
export function agreedPath(calls: Consensus<ReadCall> | null): string | undefined {
  if (!calls) return undefined;
  if (calls.kind === 'agreed') return calls.reference.items[0].call.path;
  const paths = consensus(calls.groups.flatMap((group) => group.items), (entry) => entry.call.path);
  return paths?.kind === 'agreed' ? paths.reference.items[0].call.path : undefined;
}
