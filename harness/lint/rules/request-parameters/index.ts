// A request may pass only the parameters the page's Request Parameters section lists, and must
// pass every one it marks required. Reported once per example and parameter, at the first tab
// that shows the problem, naming the tabs when not all of them do.
import type { Sample } from '../../../model.ts';
import { readCalls } from '../../../values/read-example.ts';
import type { LintRule } from '../../rule.ts';
import { labels } from '../../support.ts';

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
      const unknown = new Map<string, Sample[]>();
      const missing = new Map<string, Sample[]>();
      for (const { sample, call } of calls) {
        for (const name of Object.keys(call.params)) {
          if (!listed.has(name)) unknown.set(name, [...(unknown.get(name) ?? []), sample]);
        }
        for (const parameter of parameters) {
          if (parameter.required && !(parameter.name in call.params)) {
            missing.set(parameter.name, [...(missing.get(parameter.name) ?? []), sample]);
          }
        }
      }
      const which = (samples: Sample[]) => (samples.length === calls.length ? '' : ` (${labels(samples, profile)})`);
      for (const [name, samples] of unknown) {
        const at = samples[0].request.codeStart;
        report({ line: at.line, column: at.column, message: `passes \`${name}\`, which Request Parameters does not list${which(samples)}` });
      }
      for (const [name, samples] of missing) {
        const at = samples[0].request.codeStart;
        report({ line: at.line, column: at.column, message: `misses the required parameter \`${name}\`${which(samples)}` });
      }
    }
  },
};
