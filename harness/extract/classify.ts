// One tab group → an example (tabs of request/response pairs) or another kind of group.
import type { CodeBlock, Endpoint, IncompleteTab, OtherGroup, Sample, Span } from '../model.ts';
import type { Event } from './events.ts';
import type { RawGroup, RawTab, Report } from './groups.ts';
import type { LanguageResolver } from './language.ts';
import { parseEndpoint } from './returns.ts';

/** `#### Request` (generation 1), `#### Code` (2), `#### Code:` (3). */
const REQUEST = /^(request|code|example request|request example|code example|call)\s*:?$/i;
/** `#### Response` (1), `#### Output` (2), `#### Output:` (3). */
const RESPONSE = /^(response|output|result|example response|response example)\s*:?$/i;

interface ReadTab {
  raw: RawTab;
  labelled: boolean;
  description?: string;
  request: CodeBlock | null;
  response: CodeBlock | null;
}

/** Reads a tab's events into its description, request and response by the headings above them. */
function readTab(raw: RawTab, report: Report): ReadTab {
  let role: 'request' | 'response' | null = null;
  let labelled = false;
  const described: string[] = [];
  const unlabelled: CodeBlock[] = [];
  let request: CodeBlock | null = null;
  let response: CodeBlock | null = null;
  let seenStructure = false;
  for (const event of raw.events) {
    if (event.kind === 'heading') {
      seenStructure = true;
      if (REQUEST.test(event.text)) [role, labelled] = ['request', true];
      else if (RESPONSE.test(event.text)) [role, labelled] = ['response', true];
      else role = null;
    } else if (event.kind === 'prose') {
      if (!seenStructure) described.push(event.text);
    } else if (event.kind === 'code') {
      seenStructure = true;
      const block = event.block;
      if (role === 'request' && !request) request = block;
      else if (role === 'response' && !response) response = block;
      else if (role === null) unlabelled.push(block);
      else report(block.position.start, 'warning', `second code block under the ${role} heading of tab "${raw.title}" is not read`, 'tab-extra-code');
    }
  }
  // Blocks with no heading above them fill whichever part is still missing, request first.
  for (const block of unlabelled) {
    if (!request && (!response || block.position.start.line < response.position.start.line)) request = block;
    else if (!response) response = block;
    else if (labelled) report(block.position.start, 'warning', `code block in tab "${raw.title}" is neither under a request nor a response heading; not read`, 'tab-extra-code');
  }
  return { raw, labelled, description: described.length ? described.join('\n\n') : undefined, request, response };
}

export type GroupKind =
  | { kind: 'example'; samples: Sample[]; incomplete: IncompleteTab[] }
  | { kind: 'other'; group: OtherGroup; endpoint?: Endpoint };

export function classifyGroup(
  group: RawGroup,
  file: string,
  exampleId: string,
  languages: LanguageResolver,
  report: Report,
): GroupKind {
  const tabs = group.tabs.map((t) => readTab(t, report));
  const other = (reason: string, endpoint?: Endpoint): GroupKind => ({
    kind: 'other',
    group: { file, line: group.open.start.line, column: group.open.start.column, reason, tabs: group.tabs.map((t) => t.title) },
    endpoint,
  });
  if (tabs.length === 0) {
    report(group.open.start, 'warning', 'tab group holds no {% tab %}', 'tabs-empty');
    return other('empty group');
  }
  if (!tabs.some((t) => t.labelled)) {
    // No request/response heading anywhere: a resource's JSON, a signature, or guide tabs.
    const codes = group.tabs.flatMap((t) => t.events.filter((e): e is Extract<Event, { kind: 'code' }> => e.kind === 'code'));
    if (tabs.length === 1 && codes.length === 1) {
      const endpoint = parseEndpoint(codes[0].block);
      if (endpoint) return other('signature: the endpoint line', endpoint);
      const info = (codes[0].block.info ?? '').split(/\s+/)[0].toLowerCase();
      if (info === 'json' || /^json$/i.test(tabs[0].raw.title.trim())) return other('resource sample: a single JSON tab');
    }
    report(group.open.start, 'info', `tab group (${group.tabs.map((t) => t.title).join(', ')}) has no request/response headings; counted as a non-example group`, 'tabs-not-example');
    return other('no request/response headings');
  }

  const samples: Sample[] = [];
  const incomplete: IncompleteTab[] = [];
  const seen = new Map<string, number>();
  for (const tab of tabs) {
    const { raw } = tab;
    const lang = languages.resolve([tab.request?.info ?? null, tab.response?.info ?? null], raw.title);
    const at = raw.open.start;
    if (lang.conflict) {
      report(at, 'warning', `tab "${raw.title}" holds ${lang.conflict.fence} code (by its fence) but its title says ${lang.conflict.title}`, 'tab-language-mismatch');
    }
    if (!lang.supported) {
      report(at, 'info', `tab "${raw.title}" is in ${lang.id}, a language the profile does not know; kept, not run`, 'unknown-language');
    }
    const count = (seen.get(lang.id) ?? 0) + 1;
    seen.set(lang.id, count);
    if (count > 1) report(at, 'warning', `a second ${lang.id} tab ("${raw.title}") in the same group`, 'duplicate-language');
    const id = `${exampleId}:${lang.id}${count > 1 ? `~${count}` : ''}`;
    const position: Span = { start: raw.open.start, end: raw.end };
    const common = { id, language: lang.id, supported: lang.supported, title: raw.title, ...(tab.description ? { description: tab.description } : {}), position };
    if (tab.request && tab.response) {
      // The tab's own annotation, else the group's.
      const skip = raw.skip ?? group.skip;
      samples.push({ ...common, request: tab.request, response: tab.response, ...(skip ? { skip } : {}) });
      continue;
    }
    let problem: IncompleteTab['problem'];
    if (tab.response) {
      problem = 'missing-request';
      report(at, 'error', `tab "${raw.title}" has a response but no request`, 'tab-missing-request');
    } else if (tab.request) {
      problem = 'missing-response';
      report(at, 'error', `tab "${raw.title}" has a request but no response (a void call shows an empty fence under the response heading)`, 'tab-missing-response');
    } else {
      problem = 'empty';
      report(at, 'error', `tab "${raw.title}" holds no code block`, 'tab-empty');
    }
    incomplete.push({ ...common, request: tab.request, response: tab.response, problem });
  }
  return { kind: 'example', samples, incomplete };
}
