// Each lint rule on its own fixtures (test/fixtures/lint/<rule>/): pages that trigger it
// (`fail*.md`), with every finding asserted at its position, and pages that must not (`pass*.md`).
// The schema rules check against the Seam profile's real API description.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractionRules, extractMarkdown } from '../../harness/extract/index.ts';
import { lintPages } from '../../harness/lint/lint.ts';
import { rules, ruleIds } from '../../harness/lint/registry.ts';
import type { ApiDescription } from '../../harness/values/schema/api.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { fixturePath, projectRoot } from '../helpers/corpus.ts';

const folder = (rule: string) => fixturePath('lint', rule);
let api: ApiDescription;

beforeAll(async () => {
  api = await seamProfile.loadApi!();
});

function lint(rule: string, file: string) {
  const path = join(folder(rule), file);
  const page = extractMarkdown(readFileSync(path, 'utf8'), path, { profile: seamProfile });
  expect(page.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const owner = rules.find((r) => r.id === rule);
  const ids = [rule, ...(owner?.alsoReports ?? [])];
  return lintPages([page], { profile: seamProfile, api, only: ids }).map(
    (d) => `${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}`,
  );
}

const expected: Record<string, string[]> = {
  'request-mismatch/fail.md': [
    '42:28 error request-mismatch Seam CLI request differs from JavaScript, Python: params.device_id: "lock-8" in Seam CLI, "lock-7" in JavaScript, Python',
    '61:2 error request-mismatch Go request differs from JavaScript, Python: calls /devices/get, JavaScript, Python call /locks/get; params.include_battery: missing in Go, true in JavaScript, Python',
  ],
  'request-mismatch/fail-conflict.md': [
    '8:7 error request-mismatch JavaScript request: the tabs make different calls and no call is made by more tabs than the others (JavaScript: /locks/get {"device_id":"11111111-1111-4111-8111-111111111111"} | Python: /locks/get {"device_id":"22222222-2222-4222-8222-222222222222"})',
    '22:1 error request-mismatch Python request: the tabs make different calls and no call is made by more tabs than the others (JavaScript: /locks/get {"device_id":"11111111-1111-4111-8111-111111111111"} | Python: /locks/get {"device_id":"22222222-2222-4222-8222-222222222222"})',
  ],
  'response-mismatch/fail.md': [
    '38:75 error response-mismatch Python response differs from JavaScript, Seam CLI: $.status: "success" in Python, "pending" in JavaScript, Seam CLI',
    '53:1 info response-artefact PHP response differs from JavaScript, Seam CLI only by a display artefact: PHP prints an empty object as [] (generator artefact)',
  ],
  'response-mismatch/fail-schema.md': [
    '36:17 error response-mismatch Python response differs from JavaScript: $.action_type: "UNLOCK" in Python, "UNLOCK_DOOR" in JavaScript',
    '56:20 error response-mismatch Ruby response differs from JavaScript: $.action_type: "UNLOCK" in Ruby, "UNLOCK_DOOR" in JavaScript',
  ],
  'response-mismatch/fail-conflict.md': [
    '14:1 error response-mismatch JavaScript response: the tabs document different responses and none is shown by more tabs than the others (JavaScript | Python)',
    '28:1 error response-mismatch Python response: the tabs document different responses and none is shown by more tabs than the others (JavaScript | Python)',
  ],
  'return-shape/fail.md': [
    '18:1 error return-shape the page declares a list of device (devices), but JavaScript, Python document one object',
    '50:1 warning response-type Python response is typed AccessCode, but the page returns device (expected Device)',
  ],
  'request-parameters/fail.md': [
    '12:7 error request-parameters misses the required parameter `device_id`',
    '12:47 error request-parameters passes `nickname`, which Request Parameters does not list',
    '26:59 error request-parameters passes `colour`, which Request Parameters does not list (Ruby)',
  ],
  'request-schema/fail.md': [
    '8:26 error request-schema params.devce_id: `devce_id` is not a field the API has here: did you mean `device_id`? (/devices/get, in every tab)',
    '38:49 error request-schema params.device_id: "lock-7" is not a valid uuid (/thermostats/set_hvac_mode, in JavaScript)',
    '38:78 error request-schema params.hvac_mode_setting: "warm" is not one of "off", "cool", "heat", "heat_cool", "eco" (/thermostats/set_hvac_mode, in JavaScript)',
    '54:26 error request-schema params.limit: expected a number, found the string "10" (/devices/list, in Ruby)',
    '70:80 error request-schema params.user_identity_id: `user_identity_id` cannot be passed together with `acs_user_id`: the API takes these fields only in other combinations (/acs/credentials/list, in Seam CLI)',
  ],
  'response-schema/fail.md': [
    '18:1 error response-schema $: the object misses the required field `is_managed` (one device, in every tab)',
    expect.stringMatching(/^20:18 error response-schema \$\.device_type: "august_lok" is not one of "akuvox_lock", "august_lock", .* \(\d+ in all\) \(one device, in every tab\)$/),
    '22:3 error response-schema $.display_nme: `display_nme` is not a field the API has here: did you mean `display_name`? (one device, in every tab)',
    '25:15 error response-schema $.properties.online: expected a boolean, found the string "true" (one device, in every tab)',
    expect.stringMatching(/^33:34 error response-schema \$\.warnings\[0\]\.warning_code: "battery_low" is not one of .*"power_saving_mode".* \(one device, in every tab\)$/),
    '34:17 error response-schema $.created_at: "yesterday" is not a valid date-time (one device, in every tab)',
    '88:5 error response-schema $[0].device: the value is wrapped in `device`: the API has its fields here, not inside `device` (a list of device, in JavaScript)',
    expect.stringMatching(/^129:18 error response-schema \$\.action_type: "SET_COOL" is not one of "LOCK_DOOR", .* \(one action_attempt, in JavaScript\)$/),
    '149:1 error response-schema documents a response, but /acs/users/delete answers nothing (in JavaScript)',
  ],
  'route-unknown/fail.md': ['8:7 error route-unknown /devices/fetch is not a route of the API (in every tab)'],
  'route-deprecated/fail.md': [
    '8:7 warning route-deprecated /acs/credential_pools/list is deprecated: Use `/user_identities/enrollment_automations/list` instead. (in JavaScript)',
    "27:5 warning parameter-deprecated `manual_override_allowed` of /thermostats/create_climate_preset is deprecated: Use 'thermostat_schedule.is_override_allowed' (in Python)",
  ],
  'secret-in-docs/fail.md': [
    '8:92 error secret-in-docs cURL request holds what looks like a real credential (`Bear…`): show a placeholder, and revoke it if it is real',
    '8:173 error secret-in-docs cURL request holds what looks like a real credential (`AKIA…`): show a placeholder, and revoke it if it is real',
    '14:30 error secret-in-docs cURL response holds what looks like a real credential (`user…`): show a placeholder, and revoke it if it is real',
  ],
  'snippet-invalid-in-language/fail.md': [
    "12:49 warning snippet-invalid-in-language Python request: `false` is not Python: copying this raises NameError: name 'false' is not defined (use False)",
    "32:49 warning snippet-invalid-in-language Ruby response: `null` is not Ruby: copying this raises NameError (undefined local variable or method 'null') (use nil)",
  ],
  'cli-shell-unsafe/fail.md': [
    '12:82 warning cli-shell-unsafe Seam CLI request: unquoted JSON value: a shell would brace-expand `{…,…}` into separate words and remove its double quotes, so `seam` would not receive this JSON; wrap it in single quotes',
  ],
  'curl-response-unwrapped/fail.md': [
    '14:1 warning curl-response-unwrapped cURL response: expected the body to wrap the resource in one key, found 2: device_id, display_name; compared as shown',
  ],
  'request-response-conflict/fail.md': [
    '12:41 warning request-response-conflict asks for acs_user_id "user-1", but the documented response has acs_user_id "user-2"',
  ],
  'request-response-conflict/fail-echo.md': [
    '10:9 warning request-response-conflict asks for name "Front door", but the documented response has name "Back door"',
    '11:14 warning request-response-conflict asks for starts_at "2025-01-01T16:00:00Z", but the documented response has starts_at "2025-01-02T16:00:00.000Z"',
    '35:40 warning request-response-conflict asks for device_type "august_lock", but the documented response has device_type "schlage_lock" at $[1].device_type',
  ],
  'snippet-unreadable/fail.md': [
    '12:43 error snippet-unreadable JavaScript request does not read: unexpected token, found `)`',
    "32:23 error snippet-unreadable Python response does not read: expected ')' to close Device( opened at 32:1, found end of snippet",
  ],
};

describe('lint rules', () => {
  it('has a failing and a passing fixture for every rule', () => {
    for (const rule of rules) {
      const files = readdirSync(folder(rule.id));
      expect(files.some((file) => file.startsWith('fail')), rule.id).toBe(true);
      expect(files.some((file) => file.startsWith('pass')), rule.id).toBe(true);
    }
    const failing = rules.flatMap((rule) => readdirSync(folder(rule.id)).filter((file) => file.startsWith('fail')).map((file) => `${rule.id}/${file}`));
    expect(failing.sort()).toEqual(Object.keys(expected).sort());
  });

  it('documents every id a finding can carry: a page per rule, a section per id it also reports', () => {
    for (const [id, rule] of ruleIds()) {
      const page = readFileSync(join(projectRoot, 'harness/lint/rules', rule.id, 'README.md'), 'utf8');
      expect(page, id).toMatch(id === rule.id ? new RegExp(`^# ${id}\\n`) : new RegExp(`\\n## ${id}\\n`));
    }
    const extraction = readFileSync(join(projectRoot, 'harness/extract/rules.md'), 'utf8');
    for (const id of Object.keys(extractionRules)) expect(extraction, id).toContain(`\n## ${id}\n`);
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      const files = existsSync(folder(rule.id)) ? readdirSync(folder(rule.id)) : [];
      it.each(files.filter((file) => file.startsWith('fail')))('reports each defect of %s, at its position', (file) => {
        expect(lint(rule.id, file)).toEqual(expected[`${rule.id}/${file}`]);
      });
      it.each(files.filter((file) => file.startsWith('pass')))('is silent on %s', (file) => {
        expect(lint(rule.id, file).filter((line) => / (error|warning) /.test(line))).toEqual([]);
      });
    });
  }
});
