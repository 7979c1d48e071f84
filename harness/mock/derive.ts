// Derive mode: recordings built from the docs themselves, for when no live server is at hand. The
// request is the example's call as its tabs make it (they should all agree; when they do not,
// that is said and JavaScript's call, or else the majority's, is recorded); the response is the
// documented value, wrapped as the API wraps it (the route's response key; `{}` for void).
import type { Diagnostic, Example, JsonObject, Page, Sample, Value } from '../model.ts';
import type { Profile, RouteInfo } from '../profile.ts';
import { canonicalJson } from '../values/canonical.ts';
import { readCalls, readExample, readResponses, type ReadExample } from '../values/read-example.ts';
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

/** The language whose tab is the reference when tabs disagree, and whose response is recorded. */
const REFERENCE_LANGUAGE = 'javascript';

function labelOf(sample: Sample, profile: Profile): string {
  return profile.languages.find((language) => language.id === sample.language)?.label ?? sample.title;
}

function short(text: string, limit = 80): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/** Reference first, then the profile's language order, then tab order. */
function preference(profile: Profile): (a: Sample, b: Sample) => number {
  const order = (sample: Sample) => {
    if (sample.language === REFERENCE_LANGUAGE) return -1;
    const index = profile.languages.findIndex((language) => language.id === sample.language);
    return index === -1 ? profile.languages.length : index;
  };
  return (a, b) => order(a) - order(b);
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

export async function deriveRecordings(pages: readonly Page[], profile: Profile): Promise<DeriveResult> {
  const routes = await profile.loadRoutes?.();
  const scrubber = scrubberFor(profile);
  const prefer = preference(profile);
  const result: DeriveResult = { recordings: new Map(), diagnostics: [], skipped: [] };

  for (const page of pages) {
    for (const example of page.examples) {
      const at = { file: example.file, line: example.line, column: example.column };
      const report = (severity: Diagnostic['severity'], rule: string, message: string) =>
        result.diagnostics.push({ ...at, severity, rule, message: `${example.id}: ${message}` });
      const skip = (rule: string, message: string) => {
        report('error', rule, `no recording: ${message}`);
        result.skipped.push(example.id);
      };

      const read = readExample(example);
      const calls = readCalls(read).sort((a, b) => prefer(a.sample, b.sample));
      if (calls.length === 0) {
        skip('record-no-request', `no tab's request could be read (${unreadable(read, 'request', profile)})`);
        continue;
      }
      const keyOf = (entry: (typeof calls)[number]) => `${entry.call.path} ${canonicalJson(entry.call.params)}`;
      const groups = new Map<string, typeof calls>();
      for (const entry of calls) groups.set(keyOf(entry), [...(groups.get(keyOf(entry)) ?? []), entry]);
      // The reference language's call when it reads; else the majority's (a tie goes to the preferred tab).
      const reference = calls.find((entry) => entry.sample.language === REFERENCE_LANGUAGE);
      const chosen = reference ? groups.get(keyOf(reference))! : [...groups.values()].sort((a, b) => b.length - a.length)[0];
      if (groups.size > 1) {
        const describe = (group: typeof calls) =>
          `${group.map((e) => labelOf(e.sample, profile)).join(', ')}: ${group[0].call.path} ${short(canonicalJson(group[0].call.params))}`;
        const whose = chosen.some((e) => e.sample.language === REFERENCE_LANGUAGE) ? `${labelOf(chosen[0].sample, profile)}'s` : 'the majority\'s';
        report('warning', 'record-tabs-disagree', `tabs make different calls (${[...groups.values()].map(describe).join(' | ')}); recorded ${whose}`);
      }
      const call = chosen[0].call;

      const responses = readResponses(read).sort((a, b) => prefer(a.sample, b.sample));
      if (responses.length === 0) {
        skip('record-no-response', `no tab's documented response could be read (${unreadable(read, 'response', profile)})`);
        continue;
      }
      const { value, sample: responseSample } = responses[0];
      if (responseSample.language !== REFERENCE_LANGUAGE && example.samples.some((s) => s.language === REFERENCE_LANGUAGE)) {
        report('warning', 'record-response-fallback', `the JavaScript response could not be read; recorded ${labelOf(responseSample, profile)}'s`);
      }

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
          response: scrubber.json(response),
        },
      ]);
    }
  }
  return result;
}
