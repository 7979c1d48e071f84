// `lint` on the real Seam reference (March 2025): the defects found there, each checked by hand
// against the page and against the API description the Seam profile holds (@seamapi/types
// 1.977.0, late 2026), and nothing else at warning level or above.
// The description is newer than the pages: many of the schema findings are fields the API
// gained or lost since, which is what docs checked against today's API are told.
import { beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../../harness/extract/index.ts';
import { lintPages } from '../../harness/lint/lint.ts';
import type { Page } from '../../harness/model.ts';
import type { ApiDescription } from '../../harness/values/schema/api.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { corpusPath, corpusTitle, hasCorpus } from '../helpers/corpus.ts';

const verified = [
  // Python requests passing JSON `true` (NameError when copied); Go `[N]string{api.String(…)}` (does not compile); a Ruby response with a nested JSON `null`.
  'acs/credentials/create.md:57:36 warning snippet-invalid-in-language',
  'acs/credentials/create.md:191:44 warning snippet-invalid-in-language',
  'acs/credentials/list.md:49:36 warning snippet-invalid-in-language',
  'acs/users/create.md:519:33 warning snippet-invalid-in-language',
  'thermostats/create_climate_preset.md:45:29 warning snippet-invalid-in-language',
  'thermostats/list.md:111:17 warning snippet-invalid-in-language',
  'thermostats/update_climate_preset.md:37:29 warning snippet-invalid-in-language',
  'user_identities/enrollment_automations/launch.md:45:36 warning snippet-invalid-in-language',
  // Seam CLI lines with unquoted JSON a shell would glob or brace-expand.
  'acs/credentials/create.md:156:138 warning cli-shell-unsafe',
  'acs/users/create.md:311:184 warning cli-shell-unsafe',
  'acs/users/create.md:483:189 warning cli-shell-unsafe',
  // Asks for one id, documents another (the request's id echoed in the response differs).
  'acs/credentials/get.md:15:22 warning request-response-conflict',
  'acs/users/get.md:15:16 warning request-response-conflict',
  'thermostats/schedules/create.md:15:14 warning request-response-conflict',
  'thermostats/schedules/list.md:15:14 warning request-response-conflict',
  // acs/credentials/list filters by user, system, both, or user identity: not all three at once.
  'acs/credentials/list.md:17:3 error request-schema',
  // Declared `⇒ { acs_system }`, documented a one-item list; declared a list, documented one object.
  'acs/systems/get.md:24:1 error return-shape',
  'acs/users/list.md:20:1 error return-shape',
  // `manual_override_allowed` is deprecated in favour of the schedule's `is_override_allowed`.
  'thermostats/create_climate_preset.md:22:3 warning parameter-deprecated',
  'thermostats/update_climate_preset.md:18:3 warning parameter-deprecated',
  // Typed `Unknown` where the page returns an enrollment_automation.
  'user_identities/enrollment_automations/launch.md:52:1 warning response-type',
  'user_identities/enrollment_automations/launch.md:169:1 warning response-type',
  // Responses that miss fields the API description requires (each checked against @seamapi/types 1.977.0: required, neither undocumented nor deprecated).
  'acs/access_groups/get.md:22:1 error response-schema',
  'acs/access_groups/list.md:24:3 error response-schema',
  'acs/access_groups/list_accessible_entrances.md:23:3 error response-schema',
  'acs/access_groups/list_users.md:23:3 error response-schema',
  'acs/credentials/create.md:31:1 error response-schema',
  'acs/credentials/get.md:22:1 error response-schema',
  'acs/credentials/list.md:26:3 error response-schema',
  'acs/credentials/list_accessible_entrances.md:23:3 error response-schema',
  'acs/entrances/get.md:22:1 error response-schema',
  'acs/entrances/list.md:21:3 error response-schema',
  'acs/entrances/list_credentials_with_access.md:23:3 error response-schema',
  'acs/systems/list.md:26:2 error response-schema',
  'acs/systems/list_compatible_credential_manager_acs_systems.md:26:2 error response-schema',
  'acs/users/create.md:25:1 error response-schema',
  'acs/users/create.md:196:1 error response-schema',
  'acs/users/create.md:377:1 error response-schema',
  'acs/users/get.md:22:1 error response-schema',
  'thermostats/activate_climate_preset.md:23:1 error response-schema',
  'thermostats/list.md:21:3 error response-schema',
  'thermostats/list.md:25:19 error response-schema',
  'thermostats/schedules/create.md:27:1 error response-schema',
  'thermostats/schedules/get.md:22:1 error response-schema',
  'thermostats/schedules/list.md:23:3 error response-schema',
  'thermostats/set_fan_mode.md:23:1 error response-schema',
  'thermostats/set_hvac_mode.md:25:1 error response-schema',
  'user_identities/create.md:25:1 error response-schema',
  'user_identities/get.md:22:1 error response-schema',
  'user_identities/list.md:21:3 error response-schema',
  'user_identities/list_accessible_devices.md:23:3 error response-schema',
  'user_identities/list_acs_systems.md:23:3 error response-schema',
  'user_identities/list_acs_users.md:23:3 error response-schema',
  // Fields the API does not have: misspelt (`farenheit`), in the wrong object (`properties.created_at`), or not in the description at all.
  'acs/access_groups/list_accessible_entrances.md:25:5 error response-schema',
  'acs/access_groups/list_accessible_entrances.md:28:5 error response-schema',
  'acs/credentials/list_accessible_entrances.md:26:5 error response-schema',
  'thermostats/list.md:29:7 error response-schema',
  'thermostats/list.md:33:9 error response-schema',
  'thermostats/list.md:34:9 error response-schema',
  'thermostats/list.md:37:7 error response-schema',
  'thermostats/list.md:38:7 error response-schema',
  'thermostats/list.md:39:7 error response-schema',
  'thermostats/list.md:40:7 error response-schema',
  'user_identities/enrollment_automations/get.md:25:3 error response-schema',
  'user_identities/enrollment_automations/get.md:27:3 error response-schema',
  'user_identities/enrollment_automations/launch.md:28:3 error response-schema',
  'user_identities/enrollment_automations/launch.md:30:3 error response-schema',
  'user_identities/enrollment_automations/list.md:26:5 error response-schema',
  'user_identities/enrollment_automations/list.md:28:5 error response-schema',
  'user_identities/list_accessible_devices.md:35:9 error response-schema',
  'user_identities/list_accessible_devices.md:63:7 error response-schema',
  // Values of the wrong type: the string "true," for a boolean, null for an object (a list where the page declares one object is return-shape's).
  'acs/credentials/list_accessible_entrances.md:37:23 error response-schema',
  'thermostats/list.md:27:17 error response-schema',
  'user_identities/list_accessible_devices.md:65:17 error response-schema',
  // Formats: an "id" that is not a UUID.
  'acs/systems/list_compatible_credential_manager_acs_systems.md:26:21 error response-schema',
  // Enums: action types the API does not have (thermostat actions are SET_HVAC_MODE).
  'thermostats/cool.md:26:18 error response-schema',
  'thermostats/heat.md:26:18 error response-schema',
  'thermostats/heat_cool.md:27:18 error response-schema',
  'thermostats/off.md:25:18 error response-schema',
];

describe.skipIf(!hasCorpus)(corpusTitle('lint on the corpus'), () => {
  let pages: Page[];
  let api: ApiDescription;
  beforeAll(async () => {
    [{ pages }, api] = await Promise.all([extract([corpusPath], { profile: seamProfile, cwd: corpusPath }), seamProfile.loadApi!()]);
  });

  it('reports exactly the hand-verified defects at warning level or above', () => {
    const findings = lintPages(pages, { profile: seamProfile, api })
      .filter((d) => d.severity !== 'info')
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`);
    expect(findings.sort()).toEqual([...verified].sort());
  });

  it('names the generator artefacts it sees, at info level only', () => {
    const artefacts = lintPages(pages, { profile: seamProfile, api, only: ['response-artefact'] });
    expect(artefacts.map((d) => `${d.file}:${d.line} ${d.severity} ${d.message.split(':').pop()?.trim()}`)).toEqual([
      'user_identities/list_accessible_devices.md:231 info PHP prints an empty object as [] (generator artefact)',
      'user_identities/list_accessible_devices.md:382 info Go prints an empty list as nil or leaves it out',
    ]);
  });

  it('reports thermostats/list.md\'s slips one message per defect, at the offending value', () => {
    const messages = lintPages(pages.filter((page) => page.file === 'thermostats/list.md'), { profile: seamProfile, api, only: ['response-schema'] }).map(
      (d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message.replace(/ \(a list of device, in every tab\)$/, '')}`,
    );
    expect(messages).toContain('27:17-27:24 $[0].properties.online: expected a boolean, found the string "true,"');
    expect(messages).toContain('29:7-29:30 $[0].properties.temperature_farenheit: `temperature_farenheit` is not a field the API has here: did you mean `temperature_fahrenheit`?');
    expect(messages).toContain('40:7-40:19 $[0].properties.created_at: `created_at` is not a field the API has here: it belongs to $, which misses it');
  });

  it('finds no secret in the corpus, and no route it does not know', () => {
    expect(lintPages(pages, { profile: seamProfile, api, only: ['secret-in-docs', 'route-unknown', 'route-deprecated'] })).toEqual([]);
  });
});
