import { rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunJob, SampleRun } from '../../harness/run/types.ts';
import { ensureCli } from './install.ts';
import { runner } from './runner.ts';
import { collect, FAKE_KEY, job, testEnv } from '../../test/helpers/run/jobs.ts';
import { seamRoutes, startMockServer, type MockServer } from '../../test/helpers/run/mock-server.ts';
import { prepareOrSkip } from '../../test/helpers/run/toolchain.ts';

const server: MockServer = await startMockServer(seamRoutes);
const env = await testEnv(server, { timeoutMs: 8000 });
const { toolchain, skip } = await prepareOrSkip(runner, env);

describe.skipIf(skip)(`seam_cli runner${skip ? ` (skipped: ${skip})` : ''}`, () => {
  afterAll(async () => {
    await server?.close();
    await rm(env.workDir, { recursive: true, force: true });
  });

  const commands = (prefix: string): RunJob[] => [
    job(server, 'seam_cli', `${prefix}-get`, 'seam devices get --device_id "d-7"', { responseKey: 'device' }),
    job(server, 'seam_cli', `${prefix}-list`, 'seam devices list', { responseKey: 'devices' }),
    job(server, 'seam_cli', `${prefix}-heat`, 'seam thermostats heat --device_id "t-1" --heating_set_point_celsius 20', { responseKey: 'action_attempt' }),
    job(server, 'seam_cli', `${prefix}-delete`, 'seam access-codes delete --access_code_id "ac-1"', { responseKey: null }),
    job(server, 'seam_cli', `${prefix}-unmatched`, 'seam locks unlock-door --device_id "d-1"', { responseKey: 'action_attempt' }),
    job(server, 'seam_cli', `${prefix}-unknown`, 'seam devices frobnicate --device_id "d-1"'),
    job(server, 'seam_cli', `${prefix}-network`, 'seam devices list --endpoint https://connect.getseam.com', { responseKey: 'devices' }),
  ];

  const check = (results: Map<string, SampleRun>, jobs: RunJob[]) => {
    const outcome = (i: number) => results.get(jobs[i].sample.id)?.outcome;
    expect(outcome(0)).toEqual({
      ok: true,
      value: { kind: 'json', json: { device_id: 'd-7', display_name: 'Front Door', created_at: '2024-05-01T10:00:00.000Z', properties: { online: true } } },
    });
    // A list is unwrapped to its items; the CLI's pagination is not part of the documented value.
    expect(outcome(1)).toMatchObject({ ok: true, value: { kind: 'json', json: [{ device_id: 'd-1' }, { device_id: 'd-2' }] } });
    expect(outcome(2)).toMatchObject({ ok: true, value: { kind: 'json', json: { action_attempt_id: 'aa-1', status: 'pending' } } });
    expect(outcome(3)).toEqual({ ok: true, value: { kind: 'void' } });
    expect(outcome(4)).toMatchObject({ ok: false, error: { kind: 'unmatched', line: 11 } });
    const unknown = outcome(5);
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'runtime' } });
    if (unknown && !unknown.ok) expect(unknown.error.message).toMatch(/seam exited with code 1/);
    expect(outcome(6)).toMatchObject({ ok: false, error: { kind: 'network' } });
    const heat = server.requests.find((r) => r.example.endsWith('-heat'));
    expect(heat).toMatchObject({ method: 'POST', body: { device_id: 't-1', heating_set_point_celsius: 20 }, authorization: `Bearer ${FAKE_KEY}` });
  };

  it('reports the CLI and how its schema was built', () => {
    expect(toolchain).toMatchObject({ ready: true, client: '@seamapi/cli' });
    if (toolchain.ready) expect(toolchain.notes?.join('\n')).toMatch(/schema built offline from @seamapi\/types/);
  });

  it('writes a schema cache the CLI never refreshes from the network', async () => {
    const cli = await ensureCli(env);
    if ('failed' in cli) throw new Error(cli.failed);
    const cache = JSON.parse(readFileSync(cli.schemaFile, 'utf8'));
    expect(cache).toMatchObject({ blueprintVersion: expect.any(String), typesVersion: cli.typesVersion });
    expect(Date.parse(cache.checkedAt)).toBeGreaterThan(Date.now() + 365 * 24 * 3600 * 1000);
    expect(cache.blueprint.routes.length).toBeGreaterThan(10);
  });

  it('runs many commands in one long-lived process', async () => {
    const jobs = commands('warm');
    const results = await collect(runner.run(jobs, env));
    check(results, jobs);
  });

  it('runs each command as its own process with --isolate, with the same results', async () => {
    const jobs = commands('isolated');
    const results = await collect(runner.run(jobs, { ...env, isolate: true }));
    check(results, jobs);
  });

  it('passes unquoted JSON values as the page shows them, without a shell', async () => {
    const line = 'seam thermostats heat --device_id "t-1" --heating_set_point_celsius 21 --meta {"a b":[1,2]}';
    const results = await collect(runner.run([job(server, 'seam_cli', 'json-arg', line, { responseKey: 'action_attempt' })], env));
    const outcome = [...results.values()][0].outcome;
    // The CLI rejects an argument the route does not take: what matters is that it got one word.
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'runtime' } });
    if (!outcome.ok) expect(outcome.error.detail ?? outcome.error.message).toMatch(/meta/);
  });

  it('reports an unreadable command line at its position without running it', async () => {
    const bad = job(server, 'seam_cli', 'bad', 'seam devices get --device_id "d-1', { fenceLine: 30 });
    const results = await collect(runner.run([bad], env));
    expect(results.get(bad.sample.id)?.outcome).toMatchObject({ ok: false, error: { kind: 'syntax', line: 31 } });
  });
});
