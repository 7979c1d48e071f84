// Derive mode: recordings built from the docs themselves, for when no live server is at hand. The
// request is the call the example's tabs agree on, and the response the value they agree on,
// wrapped as the API wraps it (the route's response key; `{}` for void). "Agree" is consensus.ts's:
// the most tabs, unless the API's schema rejects that and accepts what other tabs show. A tab that
// departs from it is the one whose sample then fails (and lint names it); with no majority there
// is nothing to record, and every tab's sample says so.
//
// Documented values are recorded as documented, never scrubbed: they are already public, in the
// page the recording is derived from, and a placeholder in their place would change the verdict
// (a documented client session token `seam_cst…` compared with `<SEAM_API_KEY>`). The request is
// scrubbed as replay scrubs every incoming request, so matching is unchanged. A real credential in
// a page is lint's `secret-in-docs` finding, to be fixed in the page.
import type { Diagnostic, Example, JsonObject, Page, RecordRuleId, Sample, Value } from '../model.ts';
import type { Profile, RouteInfo } from '../profile.ts';
import { agreedCall, agreedResponse, representative } from '../values/agreement.ts';
import { canonicalJson } from '../values/canonical.ts';
import type { Group } from '../values/consensus.ts';
import { readExample, type ReadCall, type ReadExample } from '../values/read-example.ts';
import type { Definition } from './cassette.ts';
import { recordedMethod } from './normalize.ts';
import { scrubberFor } from './scrub.ts';

export interface DeriveResult {
  /** Example id → its recordings. */
  recordings: Map<string, Definition[]>;
  /** Why an example has no recording (error), or what was chosen for it (warning). */
  diagnostics: Diagnostic[];
  /** Example ids that got no recording. */
  skipped: string[];
}

function labelOf(sample: Sample, profile: Profile): string {
  return profile.languages.find((language) => language.id === sample.language)?.label ?? sample.title;
}

function tabsOf(group: Group<{ sample: Sample }>, profile: Profile): string {
  return group.items.map((entry) => labelOf(entry.sample, profile)).join(', ');
}

function short(text: string, limit = 80): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function unreadable(read: ReadExample, part: 'request' | 'response', profile: Profile): string {
  const reasons = read.samples
    .filter((s) => s[part] !== null && !s[part]!.ok)
    .map((s) => {
      const result = s[part]!;
      return result.ok ? '' : `${labelOf(s.sample, profile)}: ${result.error.message} (line ${result.error.line})`;
    });
  return reasons.length > 0 ? reasons.join('; ') : 'no tab is in a language doc-harness reads';
}

/** The key the response body wraps the value in: the API description's, else what the page shows. */
function responseKeyFor(route: RouteInfo | undefined, value: Value, example: Example, page: Page): string | null | undefined {
  if (route) return route.responseKey;
  if (value.kind === 'json' && value.key) return value.key;
  const declared = example.endpoint?.returns ?? page.returns;
  if (declared?.kind === 'void') return null;
  if (declared?.kind === 'resource' || declared?.kind === 'list') return declared.key;
  return undefined;
}

const describeCall = (group: Group<ReadCall>) => `${group.items[0].call.path} ${short(canonicalJson(group.items[0].call.params))}`;

/** `cacheDir`: where the API description, once prepared, is kept for the next run. */
export async function deriveRecordings(pages: readonly Page[], profile: Profile, cacheDir?: string): Promise<DeriveResult> {
  const [routes, api] = await Promise.all([profile.loadRoutes?.(), profile.loadApi?.(cacheDir ? { cacheDir } : undefined)]);
  const scrubber = scrubberFor(profile);
  const result: DeriveResult = { recordings: new Map(), diagnostics: [], skipped: [] };

  for (const page of pages) {
    for (const example of page.examples) {
      const at = { file: example.file, line: example.line, column: example.column };
      const report = (severity: Diagnostic['severity'], rule: RecordRuleId, message: string) =>
        result.diagnostics.push({ ...at, severity, rule, message: `${example.id}: ${message}` });
      const skip = (rule: RecordRuleId, message: string) => {
        report('error', rule, `no recording: ${message}`);
        result.skipped.push(example.id);
      };

      const read = readExample(example);
      const calls = agreedCall(read, api);
      if (!calls) {
        skip('record-no-request', `no tab's request could be read (${unreadable(read, 'request', profile)})`);
        continue;
      }
      if (calls.kind === 'conflict') {
        const sides = calls.groups.map((group) => `${tabsOf(group, profile)}: ${describeCall(group)}`).join(' | ');
        skip('record-tabs-conflict', `the tabs make different calls and none is made by more tabs than the others (${sides})`);
        continue;
      }
      if (calls.others.length > 0) {
        const others = calls.others.map((group) => `${tabsOf(group, profile)}: ${describeCall(group)}`).join(' | ');
        report('warning', 'record-tabs-disagree', `tabs make different calls; recorded the one ${tabsOf(calls.reference, profile)} make (${describeCall(calls.reference)}), so ${others} will not match it`);
      }
      const call = calls.reference.items[0].call;

      const responses = agreedResponse(read, call.path, api);
      if (!responses) {
        skip('record-no-response', `no tab's documented response could be read (${unreadable(read, 'response', profile)})`);
        continue;
      }
      if (responses.kind === 'conflict') {
        const sides = responses.groups.map((group) => tabsOf(group, profile)).join(' | ');
        skip('record-tabs-conflict', `the tabs document different responses and none is shown by more tabs than the others (${sides})`);
        continue;
      }
      if (responses.others.length > 0) {
        const others = responses.others.map((group) => tabsOf(group, profile)).join(', ');
        report('warning', 'record-tabs-disagree', `tabs document different responses; recorded the one ${tabsOf(responses.reference, profile)} show, so ${others} will fail`);
      }
      const { value } = representative(responses.reference);

      const route = routes?.get(call.path);
      const key = responseKeyFor(route, value, example, page);
      if (key === undefined) {
        skip('record-unknown-route', `${call.path} is not in the API description and the page declares no return shape, so the response cannot be wrapped`);
        continue;
      }
      if (key !== null && value.kind === 'void') {
        report('warning', 'record-void-response', `the documented response is void, but ${call.path} answers { ${key} }; recorded {}`);
      }
      // Recorded as documented either way; said here because replaying it cannot show it.
      const declared = example.endpoint?.returns ?? page.returns;
      if (value.kind === 'json' && declared && (declared.kind === 'list') !== Array.isArray(value.json) && (declared.kind === 'list' || declared.kind === 'resource')) {
        report('warning', 'record-response-shape', `the page declares ${declared.kind === 'list' ? `a list (${declared.key})` : `one ${declared.key}`}, but the documented response is ${Array.isArray(value.json) ? 'a list' : 'not a list'}; recorded as documented`);
      }
      const response: JsonObject = key === null || value.kind === 'void' ? {} : { [key]: value.json };
      result.recordings.set(example.id, [
        {
          example: example.id,
          scope: profile.apiOrigin,
          method: recordedMethod(routes, call.path, example.endpoint?.method ?? 'POST'),
          path: call.path,
          body: scrubber.json(call.params),
          status: 200,
          response,
        },
      ]);
    }
  }
  return result;
}
