// The page declares what its endpoint returns (`⇒ void`, `⇒ { device }`, `⇒ { devices: [device, …] }`,
// or under Return Type / Response). The response its examples document must have that shape,
// and a typed response (a Python class, a Go struct) must name that resource.
import type { ReturnShape, Value } from '../../../model.ts';
import { toPascalCase } from '../../../values/naming.ts';
import { agreedCall, agreedPath, agreedResponse, representative } from '../../../values/agreement.ts';
import { readResponses } from '../../../values/read-example.ts';
import type { LintRule } from '../../rule.ts';
import { label, labels, languageOf } from '../../support.ts';
import { isJsonObject } from '../../../values/json.ts';

export const returnShape: LintRule = {
  id: 'return-shape',
  alsoReports: ['response-type'],
  description: "The documented response's shape or type contradicts the page's declared return.",
  severity: 'error',
  check({ read, profile, api, report }) {
    const declared = read.page.endpoint?.returns ?? read.page.returns;
    if (!declared || declared.kind === 'unknown') return;
    for (const example of read.examples) {
      const responses = readResponses(example);
      // Judge the value the tabs agree on; a tab that departs from it is response-mismatch's finding.
      const agreed = agreedResponse(example, agreedPath(agreedCall(example, api)), api);
      if (agreed?.kind !== 'agreed') continue;
      const majority = agreed.reference;
      const first = representative(majority);
      const shown = describeShape(first.value);
      if (!fits(declared, first.value)) {
        report({
          line: first.sample.response.codeStart.line,
          column: first.sample.response.codeStart.column,
          ...languageOf(first.sample),
          message: `the page declares ${describeDeclared(declared)}, but ${labels(majority.items.map((e) => e.sample), profile)} document ${shown}`,
        });
        continue;
      }
      if (declared.kind === 'void') continue;
      const resource = declared.kind === 'list' ? declared.item : declared.key;
      const expected = new Set([toPascalCase(resource), ...(profile.typeNames?.[resource] ?? [])]);
      for (const { sample, value } of responses) {
        if (value.kind !== 'json' || !value.type) continue;
        const type = value.type.replace(/^.*\./, '');
        if (expected.has(type)) continue;
        report({
          severity: 'warning',
          rule: 'response-type',
          line: sample.response.codeStart.line,
          column: sample.response.codeStart.column,
          ...languageOf(sample),
          message: `${label(sample, profile)} response is typed ${value.type}, but the page returns ${resource} (expected ${[...expected].join(' or ')})`,
        });
      }
    }
  },
};

function fits(declared: ReturnShape, value: Value): boolean {
  switch (declared.kind) {
    case 'void':
      return value.kind === 'void';
    case 'resource':
      return value.kind === 'json' && isJsonObject(value.json);
    case 'list':
      return value.kind === 'json' && Array.isArray(value.json);
    case 'unknown':
      return true;
  }
}


function describeDeclared(declared: ReturnShape): string {
  switch (declared.kind) {
    case 'void':
      return 'void';
    case 'resource':
      return `one ${declared.key}`;
    case 'list':
      return `a list of ${declared.item} (${declared.key})`;
    case 'unknown':
      return declared.text;
  }
}

function describeShape(value: Value): string {
  if (value.kind === 'void') return 'void';
  if (Array.isArray(value.json)) return `a list of ${value.json.length}`;
  if (isJsonObject(value.json)) return 'one object';
  return `the ${typeof value.json} ${JSON.stringify(value.json)}`;
}
