// A request no recording answers is explained: the closest recording it could have meant, and
// field by field (method, path, each parameter) what differs. The JSON goes back to the client
// in the API's own error shape, so every SDK surfaces `message` as the example's failure line.
import type { Json, JsonObject } from '../model.ts';
import { canonicalJson } from '../values/canonical.ts';
import type { NormalRequest } from './normalize.ts';
import type { Recording } from './recordings.ts';

export type DiffKind = 'missing' | 'extra' | 'different';

export interface FieldDiff {
  /** `method`, `path`, `params.device_id`, `params.schedule.starts_at`, `params.ids[1]`. */
  field: string;
  kind: DiffKind;
  recorded?: Json;
  received?: Json;
}

export interface Miss {
  message: string;
  request: { example: string | null; method: string; path: string; params: JsonObject };
  closest: { example: string | null; method: string; path: string; params: JsonObject; source: string } | null;
  diff: FieldDiff[];
}

export const MISS_TYPE = 'doc_harness_unmatched_request';

function diffValues(recorded: Json | undefined, received: Json | undefined, field: string, out: FieldDiff[]): void {
  if (recorded === undefined && received === undefined) return;
  if (recorded === undefined) return void out.push({ field, kind: 'extra', received });
  if (received === undefined) return void out.push({ field, kind: 'missing', recorded });
  const bothObjects = [recorded, received].every((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
  if (bothObjects) {
    const a = recorded as JsonObject;
    const b = received as JsonObject;
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      diffValues(a[key], b[key], `${field}.${key}`, out);
    }
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(received) && recorded.length === received.length) {
    recorded.forEach((item, index) => diffValues(item, received[index], `${field}[${index}]`, out));
    return;
  }
  if (canonicalJson(recorded) !== canonicalJson(received)) out.push({ field, kind: 'different', recorded, received });
}

function fieldDiffs(request: NormalRequest, recording: Recording, allowedFor: (path: string) => readonly string[]): FieldDiff[] {
  const out: FieldDiff[] = [];
  const sameRoute = request.path === recording.path;
  // Methods are interchangeable within a route: a method differs only if the recorded route refuses it.
  const methodMatches = sameRoute ? request.methodAllowed && recording.methodAllowed : allowedFor(recording.path).includes(request.method);
  if (!methodMatches) out.push({ field: 'method', kind: 'different', recorded: recording.method, received: request.method });
  if (!sameRoute) out.push({ field: 'path', kind: 'different', recorded: recording.path, received: request.path });
  diffValues(recording.params, request.params, 'params', out);
  return out;
}

/** How far apart two routes are: a differing namespace (`/devices/…` vs `/locks/…`) counts more than a differing action. */
function pathDistance(a: string, b: string): number {
  const x = a.split('/').filter(Boolean);
  const y = b.split('/').filter(Boolean);
  const length = Math.max(x.length, y.length);
  let distance = 0;
  for (let i = 0; i < length; i++) if (x[i] !== y[i]) distance += length - i;
  return distance;
}

function closestOf(
  request: NormalRequest,
  candidates: readonly Recording[],
  allowedFor: (path: string) => readonly string[],
): { recording: Recording; diff: FieldDiff[] } | null {
  let best: { recording: Recording; diff: FieldDiff[]; cost: number } | null = null;
  for (const recording of candidates) {
    const diff = fieldDiffs(request, recording, allowedFor);
    // A different route outweighs any number of parameter differences.
    const cost = (recording.path === request.path ? 0 : 1000 * pathDistance(recording.path, request.path)) + diff.length;
    if (best === null || cost < best.cost) best = { recording, diff, cost };
  }
  return best;
}

function show(value: Json | undefined): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function describe(diff: FieldDiff, allowed: readonly string[]): string {
  if (diff.field === 'method') return `method: recorded ${diff.recorded}, received ${diff.received} (the route accepts ${allowed.join(', ')})`;
  if (diff.field === 'path') return `path: recorded ${diff.recorded}, received ${diff.received}`;
  if (diff.kind === 'missing') return `${diff.field}: recorded ${show(diff.recorded)}, not sent`;
  if (diff.kind === 'extra') return `${diff.field}: sent ${show(diff.received)}, not recorded`;
  return `${diff.field}: recorded ${show(diff.recorded)}, received ${show(diff.received)}`;
}

const SHOWN_DIFFS = 4;

export function explainMiss(
  request: NormalRequest,
  candidates: readonly Recording[],
  allowedFor: (path: string) => readonly string[],
  exampleKnown: boolean,
): Miss {
  const asked = `${request.method} ${request.path}`;
  const requestPart = { example: request.exampleId, method: request.method, path: request.path, params: request.params };
  const closest = closestOf(request, candidates, allowedFor);
  if (closest === null) {
    const why =
      request.exampleId !== null && !exampleKnown
        ? `example ${request.exampleId} has no recordings (is its cassette missing? \`doc-harness record\` makes it)`
        : 'no recordings are loaded';
    return { message: `no recording for ${asked}: ${why}`, request: requestPart, closest: null, diff: [] };
  }
  const { recording, diff } = closest;
  const owner = recording.exampleId ?? recording.source;
  const shown = diff.slice(0, SHOWN_DIFFS).map((d) => describe(d, allowedFor(recording.path)));
  if (diff.length > SHOWN_DIFFS) shown.push(`and ${diff.length - SHOWN_DIFFS} more`);
  const what = shown.length > 0 ? shown.join('; ') : 'no field differs, yet nock did not answer';
  const route = recording.path === request.path ? '' : ` (${request.exampleId === null ? 'nothing' : 'nothing in this example'} is recorded for ${request.path})`;
  return {
    message: `no recording for ${asked}${route}: closest is ${recording.method} ${recording.path} (${owner}): ${what}`,
    request: requestPart,
    closest: { example: recording.exampleId, method: recording.method, path: recording.path, params: recording.params, source: recording.source },
    diff,
  };
}
