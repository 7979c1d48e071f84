// `lint` on the real Seam reference (March 2025): the defects found there, each checked by hand
// against the page (see the note on issue 3), and nothing else at warning level or above.
import { describe, expect, it } from 'vitest';
import { extract } from '../../harness/extract/index.ts';
import { lintPages } from '../../harness/lint/lint.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { corpusPath, corpusTitle, hasCorpus } from '../helpers/corpus.ts';

const verified = [
  // Python requests pass JSON `true`: NameError when copied.
  'acs/credentials/create.md:57:36 warning snippet-invalid-in-language',
  'acs/credentials/list.md:49:36 warning snippet-invalid-in-language',
  'thermostats/create_climate_preset.md:45:29 warning snippet-invalid-in-language',
  'thermostats/update_climate_preset.md:37:29 warning snippet-invalid-in-language',
  'user_identities/enrollment_automations/launch.md:45:36 warning snippet-invalid-in-language',
  // Go: `[N]string{api.String(…)}` puts pointers in a string array: does not compile.
  'acs/credentials/create.md:191:44 warning snippet-invalid-in-language',
  'acs/users/create.md:519:33 warning snippet-invalid-in-language',
  // Ruby response with a nested JSON `null`.
  'thermostats/list.md:111:17 warning snippet-invalid-in-language',
  // Seam CLI lines with unquoted JSON a shell would glob or brace-expand.
  'acs/credentials/create.md:156:138 warning cli-shell-unsafe',
  'acs/users/create.md:311:184 warning cli-shell-unsafe',
  'acs/users/create.md:483:189 warning cli-shell-unsafe',
  // Asks for one id, documents another.
  'acs/credentials/get.md:14:1 warning request-response-conflict',
  'acs/users/get.md:14:1 warning request-response-conflict',
  'thermostats/schedules/create.md:14:1 warning request-response-conflict',
  'thermostats/schedules/list.md:14:1 warning request-response-conflict',
  // Declared `⇒ { acs_system }`, documented a one-item list; declared a list, documented one object.
  'acs/systems/get.md:24:1 error return-shape',
  'acs/users/list.md:20:1 error return-shape',
  // Typed `Unknown` where the page returns an enrollment_automation.
  'user_identities/enrollment_automations/launch.md:52:1 warning response-type',
  'user_identities/enrollment_automations/launch.md:169:1 warning response-type',
];

describe.skipIf(!hasCorpus)(corpusTitle('lint on the corpus'), () => {
  it('reports exactly the hand-verified defects at warning level or above', async () => {
    const result = await extract([corpusPath], { profile: seamProfile, cwd: corpusPath });
    const findings = lintPages(result.pages, { profile: seamProfile })
      .filter((d) => d.severity !== 'info')
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`);
    expect(findings.sort()).toEqual([...verified].sort());
  });

  it('names the generator artefacts it sees, at info level only', async () => {
    const result = await extract([corpusPath], { profile: seamProfile, cwd: corpusPath });
    const artefacts = lintPages(result.pages, { profile: seamProfile, only: ['response-artefact'] });
    expect(artefacts.map((d) => `${d.file}:${d.line} ${d.severity} ${d.message.split(':').pop()?.trim()}`)).toEqual([
      'user_identities/list_accessible_devices.md:231 info PHP prints an empty object as [] (generator artefact)',
      'user_identities/list_accessible_devices.md:382 info Go prints an empty list as nil (generator artefact)',
    ]);
  });
});
