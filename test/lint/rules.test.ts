// Each lint rule on its own fixtures (test/fixtures/lint/<rule>/): a page that triggers it, with
// every finding asserted at its position, and pages that must not.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../harness/extract/index.ts';
import { lintPages } from '../../harness/lint/lint.ts';
import { rules } from '../../harness/lint/registry.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { fixturePath } from '../helpers/corpus.ts';

const folder = (rule: string) => fixturePath('lint', rule);

function lint(rule: string, file: string) {
  const path = join(folder(rule), file);
  const page = extractMarkdown(readFileSync(path, 'utf8'), path, { profile: seamProfile });
  expect(page.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const owner = rules.find((r) => r.id === rule);
  const ids = [rule, ...(owner?.alsoReports ?? [])];
  return lintPages([page], { profile: seamProfile, only: ids }).map(
    (d) => `${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`,
  );
}

const expected: Record<string, string[]> = {
  'request-mismatch': [
    '42:1 error request-mismatch Seam CLI request differs from JavaScript, Python: params.device_id: "lock-8" in Seam CLI, "lock-7" in JavaScript, Python',
    '56:1 error request-mismatch Go request differs from JavaScript, Python: calls /devices/get, JavaScript, Python call /locks/get; params.include_battery: missing in Go, true in JavaScript, Python',
  ],
  'response-mismatch': [
    '38:1 error response-mismatch Python response differs from JavaScript, Seam CLI: $.status: "success" in Python, "pending" in JavaScript, Seam CLI',
    '53:1 info response-artefact PHP response differs from JavaScript, Seam CLI only by a display artefact: PHP prints an empty object as [] (generator artefact)',
  ],
  'return-shape': [
    '18:1 error return-shape the page declares a list of device (devices), but JavaScript, Python document one object',
    '50:1 warning response-type Python response is typed AccessCode, but the page returns device (expected Device)',
  ],
  'request-parameters': [
    '12:1 error request-parameters passes `nickname`, which Request Parameters does not list',
    '12:1 error request-parameters misses the required parameter `device_id`',
    '26:1 error request-parameters passes `colour`, which Request Parameters does not list (Ruby)',
  ],
  'snippet-invalid-in-language': [
    "12:49 warning snippet-invalid-in-language Python request: `false` is not Python: copying this raises NameError: name 'false' is not defined (use False)",
    "32:49 warning snippet-invalid-in-language Ruby response: `null` is not Ruby: copying this raises NameError (undefined local variable or method 'null') (use nil)",
  ],
  'cli-shell-unsafe': [
    '12:82 warning cli-shell-unsafe Seam CLI request: unquoted JSON value: a shell would brace-expand `{…,…}` into separate words and remove its double quotes, so `seam` would not receive this JSON; wrap it in single quotes',
  ],
  'request-response-conflict': [
    '12:1 warning request-response-conflict asks for acs_user_id "user-1", but the documented response has acs_user_id "user-2"',
  ],
  'snippet-unreadable': [
    '12:43 error snippet-unreadable JavaScript request does not read: unexpected token, found `)`',
    "32:23 error snippet-unreadable Python response does not read: expected ')' to close Device( opened at 32:1, found end of snippet",
  ],
};

describe('lint rules', () => {
  it('has fixtures for every rule', () => {
    expect(Object.keys(expected).sort()).toEqual(rules.map((rule) => rule.id).sort());
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      it('reports each defect of its failing page, at its position', () => {
        expect(lint(rule.id, 'fail.md')).toEqual(expected[rule.id]);
      });

      const passing = readdirSync(folder(rule.id)).filter((file) => file.startsWith('pass'));
      it.each(passing)('is silent on %s', (file) => {
        expect(lint(rule.id, file).filter((line) => / (error|warning) /.test(line))).toEqual([]);
      });
    });
  }
});
