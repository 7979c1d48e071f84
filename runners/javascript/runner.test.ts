import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { SampleRun } from '../../harness/run/types.ts';
import { runner } from './runner.ts';
import { collect, FAKE_KEY, job, testEnv } from '../../test/helpers/run/jobs.ts';
import { seamRoutes, startMockServer, type MockServer } from '../../test/helpers/run/mock-server.ts';
import { prepareOrSkip } from '../../test/helpers/run/toolchain.ts';

const server: MockServer = await startMockServer(seamRoutes);
const env = await testEnv(server, { timeoutMs: 3000 });
const { toolchain, skip } = await prepareOrSkip(runner, env);

describe.skipIf(skip)(`javascript runner${skip ? ` (skipped: ${skip})` : ''}`, () => {
  afterAll(async () => {
    await server?.close();
    await rm(env.workDir, { recursive: true, force: true });
  });

  const get = (slug: string) => job(server, 'javascript', slug, 'await seam.devices.get({\n  device_id: "d-42",\n});');

  it('reports the installed client', () => {
    expect(toolchain).toMatchObject({ ready: true, client: 'seam' });
    if (toolchain.ready) expect(toolchain.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('returns resources, lists, action attempts and void as the SDK does', async () => {
    const jobs = [
      get('get'),
      job(server, 'javascript', 'list', 'await seam.devices.list();'),
      job(server, 'javascript', 'heat', 'await seam.thermostats.heat({ device_id: "t-1", heating_set_point_celsius: 20 });'),
      job(server, 'javascript', 'delete', 'await seam.accessCodes.delete({ access_code_id: "ac-1" });'),
    ];
    const results = await collect(runner.run(jobs, env));
    expect(value(results, jobs[0])).toEqual({
      kind: 'json',
      json: { device_id: 'd-42', display_name: 'Front Door', created_at: '2024-05-01T10:00:00.000Z', properties: { online: true } },
    });
    expect(value(results, jobs[1])).toMatchObject({ kind: 'json', json: [{ device_id: 'd-1' }, { device_id: 'd-2' }] });
    expect(value(results, jobs[2])).toMatchObject({ kind: 'json', json: { action_attempt_id: 'aa-1', status: 'pending' } });
    expect(value(results, jobs[3])).toEqual({ kind: 'void' });
    // Each request went to its own example's prefix, with the fake key and never a real one.
    const get42 = server.requests.find((r) => r.example === 'get');
    expect(get42).toMatchObject({ path: '/devices/get', authorization: `Bearer ${FAKE_KEY}` });
    expect(server.requests.find((r) => r.example === 'heat')?.body).toEqual({ device_id: 't-1', heating_set_point_celsius: 20 });
  });

  it('gives a snippet that makes its own client the fake key and the mock', async () => {
    const own = job(server, 'javascript', 'own-client', 'const client = new Seam();\nawait client.devices.get({ device_id: "d-5" });');
    const results = await collect(runner.run([own], env));
    expect(results.get(own.sample.id)?.outcome).toMatchObject({ ok: true, value: { json: { device_id: 'd-5' } } });
    expect(server.requests.find((r) => r.example === 'own-client')?.authorization).toBe(`Bearer ${FAKE_KEY}`);
  });

  describe('hostile snippets: each gets its own verdict and the rest of its batch still passes', () => {
    const hostile = async (code: string, fenceLine = 20): Promise<SampleRun> => {
      const bad = job(server, 'javascript', 'hostile', code, { fenceLine });
      const before = get('before');
      const after = get('after');
      const started = performance.now();
      const results = await collect(runner.run([before, bad, after], env));
      for (const good of [before, after]) expect(results.get(good.sample.id)?.outcome).toMatchObject({ ok: true });
      const result = results.get(bad.sample.id) as SampleRun;
      return { ...result, durationMs: performance.now() - started };
    };

    it('an infinite loop times out', async () => {
      const result = await hostile('while (true) {}');
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'timeout', line: 21, column: 1 } });
    });

    it('process.exit ends only its own sample', async () => {
      const result = await hostile('process.exit(3);');
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'the snippet called process.exit(3)', line: 21 } });
    });

    it('a snippet has no way to the driver: no process.kill, require, fetch or import', async () => {
      for (const code of ['process.kill(process.pid, "SIGKILL");', 'require("node:fs");', 'await fetch("http://example.com/");', 'await import("node:net");']) {
        const result = await hostile(code);
        expect(result.outcome, code).toMatchObject({ ok: false, error: { kind: 'runtime', line: 21 } });
      }
    });

    it('a throw is a runtime error at its line', async () => {
      const result = await hostile('const device = await seam.devices.get({ device_id: "d" });\n  throw new Error("boom");');
      // V8 places an Error where it is constructed: `new` on the snippet's second line.
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'Error: boom', line: 22, column: 9 } });
    });

    it('a syntax error points at its markdown position', async () => {
      const result = await hostile('await seam.devices.get({\n  device_id: "d-1"\n  name: "x",\n});');
      // `name` on the snippet's third line, after the fence at line 20.
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'syntax', line: 23, column: 3 } });
    });

    it('a syntax error inside a list-indented fence keeps the indent', async () => {
      const bad = job(server, 'javascript', 'indented', 'await seam.devices.get({\n  device_id: ,\n});', { fenceLine: 5, indent: 3 });
      const results = await collect(runner.run([bad], env));
      expect(results.get(bad.sample.id)?.outcome).toMatchObject({ ok: false, error: { kind: 'syntax', line: 7, column: 17 } });
    });

    it('a call to an unrecorded route is unmatched, with the mock message', async () => {
      const result = await hostile('await seam.locks.unlockDoor({ device_id: "d-1" });');
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'unmatched', line: 21 } });
      if (!result.outcome.ok) expect(result.outcome.error.message).toMatch(/no recorded request matches POST \/locks\/unlock_door/);
    });

    it('a Seam client pointed at the real API fails fast with a network error', async () => {
      const result = await hostile('await new Seam({ endpoint: "https://connect.getseam.com", apiKey: "seam_other_key" }).devices.list();');
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'network' } });
      expect(result.durationMs).toBeLessThan(env.timeoutMs);
    });

    it('a sample that changes builtins leaves the next sample untouched', async () => {
      const result = await hostile(
        'Object.prototype.device_id = "poisoned";\nJSON.parse = () => ({});\nPromise.prototype.then = function () { return this; };\nawait seam.devices.get({ device_id: "d" });',
      );
      // The client's plumbing captured its intrinsics before the snippet ran: even its own call works.
      expect(result.outcome).toMatchObject({ ok: true });
    });

    it('work a sample leaves behind never runs after it', async () => {
      const before = server.requests.length;
      await hostile('setTimeout(() => seam.devices.get({ device_id: "d-leak" }), 50);\nawait seam.devices.get({ device_id: "d" });');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.requests.slice(before).filter((r) => JSON.stringify(r.body ?? r.query).includes('d-leak'))).toEqual([]);
    });
  });

  it('--isolate runs each sample in its own process with the same results', async () => {
    const jobs = [get('iso-1'), job(server, 'javascript', 'iso-2', 'process.exit(1)'), get('iso-3')];
    const results = await collect(runner.run(jobs, { ...env, isolate: true }));
    expect(results.get(jobs[0].sample.id)?.outcome).toMatchObject({ ok: true });
    expect(results.get(jobs[1].sample.id)?.outcome).toMatchObject({ ok: false, error: { kind: 'runtime' } });
    expect(results.get(jobs[2].sample.id)?.outcome).toMatchObject({ ok: true });
  });

  it('spreads a batch over several workers', async () => {
    const jobs = Array.from({ length: 6 }, (_, i) => get(`w-${i}`));
    const results = await collect(runner.run(jobs, { ...env, workers: 3 }));
    expect([...results.values()].every((r) => r.outcome.ok)).toBe(true);
    expect(results.size).toBe(6);
  });
});

function value(results: Map<string, SampleRun>, j: { sample: { id: string } }) {
  const outcome = results.get(j.sample.id)?.outcome;
  if (!outcome?.ok) throw new Error(`expected a value, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}
