// The PHP runner in the real sandbox against the test mock: ordinary snippets, and hostile ones
// that each get their own verdict while the rest of their batch passes, the same in one batch
// and with --isolate, their errors at the markdown line.
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunJob, SampleRun } from '../../harness/run/types.ts';
import { collect, FAKE_KEY, job, testEnv } from '../../test/helpers/run/jobs.ts';
import { seamRoutes, startMockServer } from '../../test/helpers/run/mock-server.ts';
import { runner } from './runner.ts';

const server = await startMockServer(seamRoutes);
const env = await testEnv(server, { timeoutMs: 3000 });
const toolchain = await runner.prepare(env);

afterAll(async () => {
  await server.close();
  await rm(env.workDir, { recursive: true, force: true });
});

const FENCE = 20;
/** The markdown line of the snippet's line `n` (line 1 is `<?php`) when it is fenced at FENCE. */
const lineOf = (n: number) => FENCE + n;
const php = (slug: string, body: string, options: { fenceLine?: number; indent?: number; responseKey?: string | null } = {}) =>
  job(server, 'php', slug, `<?php\n${body}`, { fenceLine: FENCE, ...options });
const get = (slug: string) => php(slug, '$seam->devices->get(device_id: "d-42");');

function outcome(results: Map<string, SampleRun>, j: RunJob): SampleRun['outcome'] {
  const result = results.get(j.sample.id);
  if (!result) throw new Error(`no result for ${j.sample.id}`);
  return result.outcome;
}

/** A verdict without the PHP report, which names process-specific paths. */
function verdict(result: SampleRun['outcome']) {
  if (result.ok) return result;
  const { detail: _, ...error } = result.error;
  return { ok: false, error };
}

/** Runs `bad` between two ordinary samples; both of those must pass. */
async function hostile(bad: RunJob): Promise<SampleRun & { wallMs: number }> {
  const before = get('before');
  const after = get('after');
  const started = performance.now();
  const results = await collect(runner.run([before, bad, after], env));
  for (const good of [before, after]) expect(outcome(results, good), `${good.exampleId} next to ${bad.exampleId}`).toMatchObject({ ok: true });
  return { ...(results.get(bad.sample.id) as SampleRun), wallMs: performance.now() - started };
}

describe('php runner', () => {
  it('is ready, and says which client runs', () => {
    expect(toolchain).toMatchObject({ ready: true, client: expect.stringMatching(/^(seamapi\/seam|built-in client)$/) });
    // Without Composer and Packagist the built-in client runs, and the report says why.
    if (toolchain.ready && toolchain.client.includes('built-in')) expect(toolchain.notes?.join(' ')).toMatch(/the built-in client, modelled on .+, runs instead/);
  });

  it('returns resources, lists, action attempts and void as the SDK does, never waiting for an attempt', async () => {
    const jobs = [
      get('get'),
      php('list', '$seam->devices->list();'),
      php('heat', '$seam->thermostats->heat(device_id: "t-1", heating_set_point_celsius: 20);', { responseKey: 'action_attempt' }),
      php('delete', '$seam->access_codes->delete(access_code_id: "ac-1");', { responseKey: null }),
    ];
    const results = await collect(runner.run(jobs, env));
    expect(outcome(results, jobs[0])).toEqual({
      ok: true,
      value: { kind: 'json', json: { device_id: 'd-42', display_name: 'Front Door', created_at: '2024-05-01T10:00:00.000Z', properties: { online: true } } },
    });
    expect(outcome(results, jobs[1])).toMatchObject({ ok: true, value: { kind: 'json', json: [{ device_id: 'd-1' }, { device_id: 'd-2' }] } });
    expect(outcome(results, jobs[2])).toMatchObject({ ok: true, value: { kind: 'json', json: { action_attempt_id: 'aa-1', status: 'pending' } } });
    expect(outcome(results, jobs[3])).toEqual({ ok: true, value: { kind: 'void' } });
    expect(server.requests.find((r) => r.example === 'get')).toMatchObject({ method: 'POST', path: '/devices/get', authorization: `Bearer ${FAKE_KEY}` });
    expect(server.requests.find((r) => r.example === 'heat')?.body).toEqual({ device_id: 't-1', heating_set_point_celsius: 20 });
    expect(server.requests.filter((r) => r.path === '/action_attempts/get')).toEqual([]);
  });

  it('returns what the snippet computed from the client: property reads, arrays, dates', async () => {
    const jobs = [
      php('read', '$device = $seam->devices->get(device_id: "d-1");\n$device->properties->online;'),
      php('array', '$devices = $seam->devices->list();\n["count" => count($devices), "first" => $devices[0]->device_id];'),
      php('date', 'new DateTimeImmutable("2024-05-01T12:00:00+02:00");'),
      php('nothing', 'echo "a statement has no value";'),
    ];
    const results = await collect(runner.run(jobs, env));
    expect(jobs.map((j) => outcome(results, j))).toEqual([
      { ok: true, value: { kind: 'json', json: true } },
      { ok: true, value: { kind: 'json', json: { count: 2, first: 'd-1' } } },
      { ok: true, value: { kind: 'json', json: '2024-05-01T10:00:00.000Z' } },
      { ok: true, value: { kind: 'void' } },
    ]);
  });

  describe('hostile snippets: each gets its own verdict and the rest of its batch still passes', () => {
    it('an infinite loop times out', async () => {
      const result = await hostile(php('loop', 'while (true) {\n}'));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'timeout', line: lineOf(1) } });
    });

    it('exit() ends only its own sample', async () => {
      const result = await hostile(php('exit', 'exit(3);'));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'the snippet exited (code 3)' } });
    });

    it('a throw is a runtime error at its line', async () => {
      const result = await hostile(php('throw', '$device = $seam->devices->get(device_id: "d-1");\nthrow new RuntimeException("boom");'));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'RuntimeException: boom', line: lineOf(3) } });
    });

    it('a call to a method the client lacks fails at the line of the call', async () => {
      const result = await hostile(php('undefined', '$x = 1;\n$seam->devices->getDevice(device_id: "d-1");'));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'Error: Call to undefined method Seam\\Routes\\DevicesClient::getDevice()', line: lineOf(3) } });
    });

    it("the snippet's own warnings are errors at their line", async () => {
      const result = await hostile(php('warning', '$seam->devices->get(\n    device_id: $device_id,\n);'));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'ErrorException: Undefined variable $device_id', line: lineOf(3) } });
    });

    it('a syntax error is reported by PHP at its markdown line', async () => {
      const result = await hostile(php('syntax', '$seam->devices->get(\n    device_id: "d-1"\n    name: "x",\n);'));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'syntax', line: lineOf(4), column: 5 } });
      if (!result.outcome.ok) expect(result.outcome.error.message).toMatch(/^ParseError: syntax error, unexpected identifier "name"/);
    });

    it('a syntax error inside a list-indented fence keeps the indent', async () => {
      const bad = job(server, 'php', 'indented', '<?php\n$seam->devices->get(device_id: );', { fenceLine: 5, indent: 3 });
      const results = await collect(runner.run([bad], env));
      expect(outcome(results, bad)).toMatchObject({ ok: false, error: { kind: 'syntax', line: 7, column: 35 } });
    });

    it('a function declared twice in one snippet is a compile error at the second', async () => {
      const result = await hostile(php('redeclare', 'function helper() {}\nfunction helper() {}'));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'compile', line: lineOf(3) } });
      if (!result.outcome.ok) expect(result.outcome.error.message).toMatch(/Cannot redeclare/);
    });

    it('a call to an unrecorded route is unmatched, with the mock message', async () => {
      const result = await hostile(php('unrecorded', '$seam->locks->unlock_door(device_id: "d-1");'));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'unmatched', line: lineOf(2) } });
      if (!result.outcome.ok) expect(result.outcome.error.message).toMatch(/no recorded request matches POST \/locks\/unlock_door/);
    });

    it('a connection to a host other than the mock fails fast with a network error', async () => {
      const result = await hostile(php('foreign', 'file_get_contents("http://203.0.113.7/");'));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'network', line: lineOf(2) } });
      expect(result.wallMs).toBeLessThan(env.timeoutMs);
    });

    it('a client the snippet makes itself gets the fake key, and cannot reach the real API', async () => {
      const result = await hostile(php('own-client', '$mine = new Seam\\SeamClient();\n$mine->api_key === getenv("SEAM_API_KEY") ? $mine->devices->list() : "no key";'));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'network', line: lineOf(3) } });
      if (!result.outcome.ok) expect(result.outcome.error.message).toMatch(/connect\.getseam\.com:443/);
    });

    it('a memory bomb hits the memory limit', async () => {
      const result = await hostile(php('memory', '$blocks = [];\nwhile (true) {\n    $blocks[] = str_repeat("x", 1 << 20);\n}'));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'limit', message: `memory limit 1 GiB exceeded`, line: lineOf(4) } });
    });

    it('SIGXCPU is the CPU limit', async () => {
      const result = await hostile(php('cpu', 'posix_setrlimit(POSIX_RLIMIT_CPU, 1, 2);\nwhile (true) {\n}'));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'limit', message: expect.stringMatching(/^CPU time limit of \d+ s exceeded$/) } });
    });

    it('cannot write to the protocol channel', async () => {
      const fake = JSON.stringify({ type: 'result', id: '3', payload: { ok: true, value: { kind: 'void' } } });
      const result = await hostile(php('channel', `$channel = fopen("php://fd/3", "w");\nfwrite($channel, '${fake}' . "\\n");\n$seam->devices->get(device_id: "d-1");`));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', line: lineOf(2) } });
    });
  });

  it('lets nothing a sample defines or changes reach the next one, as with --isolate', async () => {
    const define = 'function pick_device() { return "d-1"; }\nclass Memo { public static ?string $last = null; }\n';
    const jobs = [
      php('mutate', `${define}Memo::$last = "leaked";\nputenv("SEAM_API_KEY=seam_leaked");\n$_ENV["LEAK"] = 1;\n$GLOBALS["seam"] = null;\n"mutated";`),
      php('victim', `${define}if (Memo::$last !== null || getenv("SEAM_API_KEY") === "seam_leaked" || isset($_ENV["LEAK"])) {\n    throw new RuntimeException("leaked");\n}\n$seam->devices->get(device_id: pick_device());`),
      php('exit-1', 'exit(1);'),
      php('loop', 'while (true) {\n}'),
      php('throw', 'throw new LogicException("boom");'),
      get('last'),
    ];
    const batch = await collect(runner.run(jobs, env));
    const isolated = await collect(runner.run(jobs, { ...env, isolate: true }));
    expect(outcome(batch, jobs[1])).toMatchObject({ ok: true, value: { json: { device_id: 'd-1' } } });
    expect(jobs.map((j) => verdict(outcome(batch, j)))).toEqual(jobs.map((j) => verdict(outcome(isolated, j))));
  });

  it('kills what a sample leaves running, even a process that left its group', async () => {
    const leaver = php(
      'leaver',
      ['if (pcntl_fork() === 0) {', '    posix_setsid();', '    usleep(500000);', '    $seam->devices->get(device_id: "d-leak");', '    exit(0);', '}', '"left";'].join('\n'),
    );
    // The next sample outlasts the leaver's delay: the driver is still up when it would call.
    const slow = php('after-leaver', 'usleep(1200000);\n$seam->devices->get(device_id: "d-1");');
    const results = await collect(runner.run([leaver, slow], env));
    expect(outcome(results, leaver)).toEqual({ ok: true, value: { kind: 'json', json: 'left' } });
    expect(outcome(results, slow)).toMatchObject({ ok: true });
    expect(server.requests.filter((r) => JSON.stringify(r.body ?? {}).includes('d-leak'))).toEqual([]);
  });

  it('runs without a sandbox too (--no-sandbox), one sample per fork all the same', async () => {
    const bare = await testEnv(server, { timeoutMs: 3000, sandbox: 'none' });
    try {
      const jobs = [php('bare-define', 'function twice() { return "d-1"; }\n$seam->devices->get(device_id: twice());'), php('bare-exit', 'exit(2);'), php('bare-again', 'function twice() { return "d-2"; }\n$seam->devices->get(device_id: twice());')];
      const results = await collect(runner.run(jobs, bare));
      expect(jobs.map((j) => verdict(outcome(results, j)))).toEqual([
        { ok: true, value: { kind: 'json', json: expect.objectContaining({ device_id: 'd-1' }) } },
        { ok: false, error: expect.objectContaining({ kind: 'runtime', message: 'the snippet exited (code 2)' }) },
        { ok: true, value: { kind: 'json', json: expect.objectContaining({ device_id: 'd-2' }) } },
      ]);
    } finally {
      await rm(bare.workDir, { recursive: true, force: true });
    }
  });

  it('spreads a batch over several workers', async () => {
    const jobs = Array.from({ length: 6 }, (_, i) => get(`w-${i}`));
    const results = await collect(runner.run(jobs, { ...env, workers: 3 }));
    expect([...results.values()].every((r) => r.outcome.ok)).toBe(true);
    expect(results.size).toBe(6);
  });
});
