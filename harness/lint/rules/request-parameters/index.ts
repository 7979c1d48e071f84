// A request may pass only the parameters the page's Request Parameters section lists, and must
// pass every one it marks required. Reported once per example and parameter, at the first tab
// that shows the problem, naming the tabs when not all of them do.
import { readCalls, type ReadCall } from '../../../values/read-example.ts';
import { pointer } from '../../../values/spans.ts';
import type { LintRule } from '../../rule.ts';
import { labels, languageOf, place } from '../../support.ts';

export const requestParameters: LintRule = {
  id: 'request-parameters',
  description: 'A request passes a parameter the Request Parameters section does not list, or misses a required one.',
  severity: 'error',
  check({ read, profile, report }) {
    const { parameters } = read.page;
    // A page with no Request Parameters entries says nothing either way.
    if (parameters.length === 0) return;
    const listed = new Map(parameters.map((parameter) => [parameter.name, parameter]));
    for (const example of read.examples) {
      const calls = readCalls(example);
      const unknown = new Map<string, ReadCall[]>();
      const missing = new Map<string, ReadCall[]>();
      for (const entry of calls) {
        for (const name of Object.keys(entry.call.params)) {
          if (!listed.has(name)) unknown.set(name, [...(unknown.get(name) ?? []), entry]);
        }
        for (const parameter of parameters) {
          if (parameter.required && !(parameter.name in entry.call.params)) {
            missing.set(parameter.name, [...(missing.get(parameter.name) ?? []), entry]);
          }
        }
      }
      const which = (entries: ReadCall[]) => (entries.length === calls.length ? '' : ` (${labels(entries.map((e) => e.sample), profile)})`);
      for (const [name, entries] of unknown) {
        const [{ sample, map }] = entries;
        report({
          ...place(map?.key(pointer([name])), sample.request.codeStart),
          ...languageOf(sample),
          message: `passes \`${name}\`, which Request Parameters does not list${which(entries)}`,
        });
      }
      for (const [name, entries] of missing) {
        const [{ sample, map }] = entries;
        report({
          ...place(map?.callee, sample.request.codeStart),
          ...languageOf(sample),
          message: `misses the required parameter \`${name}\`${which(entries)}`,
        });
      }
    }
  },
};
