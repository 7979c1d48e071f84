import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunJob, SampleRun } from '../../harness/run/types.ts';
import { planCurl } from './command.ts';
import { runner } from './runner.ts';
import { makeBlock } from '../../test/helpers/block.ts';
import { collect, FAKE_KEY, job, testEnv } from '../../test/helpers/run/jobs.ts';
import { seamRoutes, startMockServer, type MockServer } from '../../test/helpers/run/mock-server.ts';

const API = 'https://connect.getseam.com';
const server: MockServer = await startMockServer({ ...seamRoutes, '/slow': () => ({ body: { ok: true }, delayMs: 4000 }) });
const env = await testEnv(server, { timeoutMs: 1500, apiOrigin: API });
const toolchain = await runner.prepare(env);
const skip = toolchain.ready ? false : toolchain.reason;

const getDevice = [
  'curl --include --request POST "https://connect.getseam.com/devices/get" \\',
  '  --header "Authorization: Bearer $SEAM_API_KEY" \\',
  '  --json @- <<EOF',
  '{',
  '  "device_id": "d-9"',
  '}',
  'EOF',
].join('\n');

describe('planCurl', () => {
  const settings = { baseUrl: 'http://127.0.0.1:9/__example/x', apiOrigin: API, variables: { SEAM_API_KEY: 'seam_fake' }, timeoutMs: 5000 };

  it('rewrites the origin, expands the key, feeds the here-document and keeps curl on the mock', () => {
    const plan = planCurl(makeBlock(getDevice), settings);
    expect(plan).toEqual({
      ok: true,
      command: {
        args: [
          '-q', '--request', 'POST', 'http://127.0.0.1:9/__example/x/devices/get', '--header', 'Authorization: Bearer seam_fake', '--json', '@-',
          '--silent', '--show-error', '--noproxy', '*', '--max-time', '5', '--max-redirs', '0', '--proto', '=http', '--include',
        ],
        stdin: '{\n  "device_id": "d-9"\n}\n',
      },
    });
  });

  it('does not expand inside single quotes', () => {
    const plan = planCurl(makeBlock(`curl '${API}/devices/list' -H 'X-Literal: $SEAM_API_KEY'`), settings);
    expect(plan.ok && plan.command.args).toContain('X-Literal: $SEAM_API_KEY');
  });

  it('refuses another host, proxies and --resolve before running anything', () => {
    const other = planCurl(makeBlock(`curl ${API}/devices/list https://example.com/x`, 10), settings);
    // Column 47: the second URL, after `curl ` (5), the API URL (40) and a space.
    expect(other).toMatchObject({ ok: false, error: { kind: 'network', line: 11, column: 47 } });
    for (const option of ['--proxy http://p:1', '-x http://p:1', '--resolve connect.getseam.com:443:1.2.3.4', '--connect-to ::example.com:', '-K /etc/curlrc']) {
      expect(planCurl(makeBlock(`curl ${option} ${API}/devices/list`), settings)).toMatchObject({ ok: false, error: { kind: 'network' } });
    }
  });

  it('says which variable is not set', () => {
    const plan = planCurl(makeBlock(`curl ${API}/devices/list -H "Authorization: Bearer $OTHER_TOKEN"`), settings);
    expect(plan).toMatchObject({ ok: false, error: { kind: 'runtime', message: expect.stringMatching(/\$OTHER_TOKEN, which is not set/) } });
  });

  it('reports an unclosed quote at its place', () => {
    const plan = planCurl(makeBlock(`curl "${API}/devices/list`, 20), settings);
    expect(plan).toMatchObject({ ok: false, error: { kind: 'syntax', line: 21 } });
  });
});

describe.skipIf(skip)(`curl runner${skip ? ` (skipped: ${skip})` : ''}`, () => {
  afterAll(async () => {
    await server?.close();
    await rm(env.workDir, { recursive: true, force: true });
  });

  it('reports the curl it found', () => {
    expect(toolchain).toMatchObject({ ready: true, client: 'curl', version: expect.stringMatching(/^\d+\.\d+/) });
  });

  it('runs a batch: wrapped bodies, lists, void, and each failure on its own', async () => {
    const jobs: RunJob[] = [
      job(server, 'curl', 'get', getDevice, { responseKey: 'device' }),
      job(server, 'curl', 'list', `curl --include --request POST "${API}/devices/list" --header "Authorization: Bearer $SEAM_API_KEY"`, { responseKey: 'devices' }),
      job(server, 'curl', 'delete', `curl --request POST "${API}/access_codes/delete" --header "Authorization: Bearer $SEAM_API_KEY" --json '{"access_code_id":"ac-1"}'`, { responseKey: null }),
      job(server, 'curl', 'unmatched', `curl --request POST "${API}/locks/unlock_door" --json '{"device_id":"d-1"}'`, { responseKey: 'action_attempt' }),
      job(server, 'curl', 'elsewhere', 'curl --request POST "https://example.com/devices/list"'),
      job(server, 'curl', 'slow', `curl --request POST "${API}/slow"`),
      job(server, 'curl', 'after', getDevice, { responseKey: 'device' }),
    ];
    const results = await collect(runner.run(jobs, env));
    const outcome = (i: number) => (results.get(jobs[i].sample.id) as SampleRun).outcome;
    // The documented cURL output is the wrapped body: the resource, with the key that wrapped it.
    expect(outcome(0)).toEqual({
      ok: true,
      value: { kind: 'json', key: 'device', json: { device_id: 'd-9', display_name: 'Front Door', created_at: '2024-05-01T10:00:00.000Z', properties: { online: true } } },
    });
    expect(outcome(1)).toMatchObject({ ok: true, value: { kind: 'json', key: 'devices', json: [{ device_id: 'd-1' }, { device_id: 'd-2' }] } });
    expect(outcome(2)).toEqual({ ok: true, value: { kind: 'void' } });
    expect(outcome(3)).toMatchObject({ ok: false, error: { kind: 'unmatched', message: expect.stringMatching(/POST \/locks\/unlock_door/) } });
    expect(outcome(4)).toMatchObject({ ok: false, error: { kind: 'network' } });
    expect(outcome(5)).toMatchObject({ ok: false, error: { kind: 'timeout', line: 11 } });
    expect(outcome(6)).toMatchObject({ ok: true });

    const get = server.requests.find((r) => r.example === 'get');
    expect(get).toMatchObject({ method: 'POST', path: '/devices/get', body: { device_id: 'd-9' }, authorization: `Bearer ${FAKE_KEY}` });
    expect(server.requests.some((r) => r.example === 'elsewhere')).toBe(false);
  });
});
