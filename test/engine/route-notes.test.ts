// A sample that calls what its client lacks gets the client's words and, when the API's
// description says why (the route is deprecated, undocumented or absent), that as a note.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRun } from '../../harness/engine/engine.ts';
import { runFixtures } from './helpers.ts';

const page = (route: string, call: string) =>
  ['# A route', '', '```', `POST ${route} ⇒ { enrollment_automation }`, '```', '', '{% tabs %}', '{% tab title="JavaScript" %}', '#### Request', '', '```javascript', call, '```', '', '#### Response', '', '```javascript', '{ "enrollment_automation_id": "e-1" }', '```', '{% endtab %}', '{% endtabs %}', ''].join('\n');

describe('a call to what the client lacks', () => {
  let root = '';
  let run: TestRun;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'doc-harness-route-notes-'));
    await mkdir(path.join(root, 'docs'));
    await writeFile(path.join(root, 'docs', 'removed.md'), page('/user_identities/enrollment_automations/get', 'await seam.userIdentities.enrollmentAutomations.get({ enrollment_automation_id: "e-1" });'));
    await writeFile(path.join(root, 'docs', 'invented.md'), page('/widgets/frobnicate', 'await seam.widgets.frobnicate({ widget_id: "w-1" });'));
    run = await runFixtures([path.join(root, 'docs')], { cwd: root, languages: ['javascript'] });
  }, 120_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('says the SDK has no such method, and what the API description says of the route', () => {
    const removed = run.results.find((r) => r.file.endsWith('removed.md'));
    expect(removed?.error?.message).toMatch(/^seam \d+\.\d+\.\d+ has no method seam\.userIdentities\.enrollmentAutomations\.get$/);
    expect(removed?.notes).toEqual(['the route /user_identities/enrollment_automations/get is marked undocumented in the API description: Will be removed.']);
    const invented = run.results.find((r) => r.file.endsWith('invented.md'));
    expect(invented?.notes).toEqual(['the API description has no route /widgets/frobnicate']);
  });
});
