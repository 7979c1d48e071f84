import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunJob, SampleRun } from '../../harness/run/types.ts';
import { collect, FAKE_KEY, job, testEnv } from '../../test/helpers/run/jobs.ts';
import { seamRoutes, startMockServer, type MockServer } from '../../test/helpers/run/mock-server.ts';
import { buildLog, runner, type GoSampleRun } from './runner.ts';

const server: MockServer = await startMockServer(seamRoutes);
const env = await testEnv(server, { timeoutMs: 5000 });
const bare = await testEnv(server, { timeoutMs: 5000, sandbox: 'none' });
const toolchain = await runner.prepare(env);
// Without Go or the module proxy the runner says why; that is not this file's concern.
const skip = toolchain.ready ? false : toolchain.reason;

/** A whole program as the docs print one: `package main`, imports, a `main` making one call. */
const program = (body: string, imports = 'import api "github.com/seamapi/go"') => `package main\n\n${imports}\n\nfunc main() {\n${body}\n}`;

const get = (slug: string, id = 'd-42') => job(server, 'go', slug, program(`\tclient.Devices.Get(context.Background(), &api.DevicesGetRequest{DeviceId: api.String("${id}")})`));

afterAll(async () => {
  await server.close();
  await rm(env.workDir, { recursive: true, force: true });
  await rm(bare.workDir, { recursive: true, force: true });
});

describe.skipIf(skip)(`go runner${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('reports the installed SDK', () => {
    expect(toolchain).toMatchObject({ ready: true, client: 'github.com/seamapi/go', version: 'v0.6.1' });
  });

  it('returns resources, lists, action attempts and void as the SDK does, in one build', async () => {
    const jobs = [
      get('get'),
      job(server, 'go', 'list', program('\tclient.Devices.List(context.Background(), &api.DevicesListRequest{})')),
      job(server, 'go', 'heat', program('\tclient.Thermostats.Heat(context.Background(), &api.ThermostatsHeatRequest{\n\t\tDeviceId:               "t-1",\n\t\tHeatingSetPointCelsius: api.Float64(20),\n\t})'), { responseKey: 'action_attempt' }),
      job(server, 'go', 'delete', program('\tclient.AccessCodes.Delete(context.Background(), &api.AccessCodesDeleteRequest{AccessCodeId: "ac-1"})')),
    ];
    const before = buildLog.length;
    const results = await collect(runner.run(jobs, env));
    expect(value(results, jobs[0])).toEqual({
      kind: 'json',
      json: { device_id: 'd-42', display_name: 'Front Door', created_at: '2024-05-01T10:00:00Z', properties: { online: true } },
    });
    expect(value(results, jobs[1])).toMatchObject({ kind: 'json', json: [{ device_id: 'd-1' }, { device_id: 'd-2' }] });
    expect(value(results, jobs[2])).toMatchObject({ kind: 'json', json: { action_attempt_id: 'aa-1', status: 'pending', result: null, error: null } });
    expect(value(results, jobs[3])).toEqual({ kind: 'void' });
    expect(buildLog.slice(before)).toEqual([{ samples: 4, rounds: 1 }]);
    // Each request went to its own example's prefix, with the fake key.
    expect(server.requests.find((r) => r.example === 'get')).toMatchObject({ path: '/devices/get', authorization: `Bearer ${FAKE_KEY}` });
    expect(server.requests.find((r) => r.example === 'heat')?.body).toEqual({ device_id: 't-1', heating_set_point_celsius: 20 });
    // The docs never import "context": added, and said so.
    expect((results.get(jobs[0].sample.id) as GoSampleRun).notes).toEqual(['added the missing standard import "context", as goimports does']);
  });

  it('leaves a valid program of several declarations working as written', async () => {
    const code = [
      'package main',
      '',
      'import (',
      '\t"fmt"',
      '\t"log"',
      '',
      '\tapi "github.com/seamapi/go"',
      ')',
      '',
      'type finder struct{ id string }',
      '',
      'func (f finder) request() *api.DevicesGetRequest {',
      '\treturn &api.DevicesGetRequest{DeviceId: api.String(f.id)}',
      '}',
      '',
      'func main() {',
      '\tdevice, err := client.Devices.Get(context.Background(), finder{"d-9"}.request())',
      '\tif err != nil {',
      '\t\tlog.Fatal(err)',
      '\t}',
      '\tfmt.Println(device.DisplayName)',
      '}',
    ].join('\n');
    const valid = job(server, 'go', 'valid', code);
    const results = await collect(runner.run([valid], env));
    expect(results.get(valid.sample.id)?.outcome).toMatchObject({ ok: true, value: { kind: 'json', json: { device_id: 'd-9', display_name: 'Front Door' } } });
  });

  it('counts columns in characters, as the markdown does, though Go counts bytes', async () => {
    const wide = job(server, 'go', 'wide', program('\tclient.Devices.Get(context.Background(), &api.DevicesGetRequest{DeviceId: api.String("dé"), Nme: nil})'));
    const results = await collect(runner.run([wide], env));
    expect(results.get(wide.sample.id)?.outcome).toMatchObject({ ok: false, error: { kind: 'compile', message: 'unknown field Nme in struct literal of type api.DevicesGetRequest', line: 16, column: 94 } });
  });

  it('runs bare statements as the body of main, the way the docs may shorten a program', async () => {
    const bare = job(server, 'go', 'bare', 'device, err := client.Devices.Get(context.Background(), &api.DevicesGetRequest{DeviceId: api.String("d-7")})\nfmt.Println(device.DisplayName, err)');
    const results = await collect(runner.run([bare], env));
    // `api` is the SDK, not the standard library: nothing adds it, and the compiler says so.
    expect(results.get(bare.sample.id)?.outcome).toMatchObject({ ok: false, error: { kind: 'compile', message: 'undefined: api', line: 11, column: 58 } });
    const imported = job(server, 'go', 'bare-2', 'device, err := client.Devices.Get(context.Background(), &api.DevicesGetRequest{DeviceId: api.String("d-7")})\nfmt.Println(device.DisplayName, err)'.replace('&api', '&sdk').replace('api.String', 'sdk.String'));
    const again = await collect(runner.run([imported], env));
    expect(again.get(imported.sample.id)?.outcome).toMatchObject({ ok: false, error: { kind: 'compile', message: 'undefined: sdk', line: 11 } });
  });

  describe('hostile snippets: each gets its own verdict and the rest of its batch still passes', () => {
    /** The bad sample between two good ones, fenced at line 20: a body line n is markdown line 25 + n. */
    const hostile = async (code: string, options: { whole?: boolean; imports?: string } = {}): Promise<SampleRun> => {
      const text = options.whole ? code : program(code, options.imports);
      const bad = job(server, 'go', 'hostile', text, { fenceLine: 20 });
      const before = get('before');
      const after = get('after');
      const results = await collect(runner.run([before, bad, after], env));
      for (const good of [before, after]) expect(results.get(good.sample.id)?.outcome, 'a good sample of the batch').toMatchObject({ ok: true });
      return results.get(bad.sample.id) as SampleRun;
    };

    it('an endless loop times out, stopped at the line it was on', async () => {
      const result = await hostile('\tfor {\n\t\ttime.Sleep(time.Millisecond)\n\t}', { imports: '' });
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'timeout', message: 'did not finish within 5000 ms; stopped', line: 27, column: 3 } });
    });

    it('a busy loop times out too, stopped in the loop', async () => {
      const result = await hostile('\tn := 0\n\tfor {\n\t\tn++\n\t}', { imports: '' });
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'timeout', line: 28, column: 3 } });
    });

    it('os.Exit ends only its own sample', async () => {
      const result = await hostile('\tos.Exit(3)', { imports: '' });
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'the program exited with code 3' } });
    });

    it('a panic is a runtime error at its markdown line', async () => {
      const result = await hostile('\tclient.Devices.Get(context.Background(), &api.DevicesGetRequest{DeviceId: api.String("d")})\n\tpanic("boom")');
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'panic: boom', line: 27, column: 2 } });
    });

    it('a compile error is the compiler\'s first, at its markdown line and column', async () => {
      // The docs' habit: a request struct where v0.6.1 takes a pointer.
      const result = await hostile('\tclient.Devices.Get(\n\t\tcontext.Background(),\n\t\tapi.DevicesGetRequest{DeviceId: api.String("d")},\n\t)');
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'compile', line: 28, column: 3 } });
      if (!result.outcome.ok) expect(result.outcome.error.message).toMatch(/^cannot use api\.DevicesGetRequest\{…\} \(value of struct type api\.DevicesGetRequest\) as \*api\.DevicesGetRequest value in argument to client\.Devices\.Get$/);
    });

    it('a package the SDK does not have is reported as Go reports it, at the import', async () => {
      const result = await hostile('\tclient.Acs.Users.Get(context.Background(), users.UsersGetRequest{})', { imports: 'import users "github.com/seamapi/go/users"' });
      expect(result.outcome).toMatchObject({
        ok: false,
        error: { kind: 'compile', message: 'module github.com/seamapi/go@latest found (v0.6.1), but does not contain package github.com/seamapi/go/users', line: 23, column: 8 },
      });
    });

    it('a syntax error points at its markdown position', async () => {
      const result = await hostile('\tclient.Devices.Get(context.Background(),\n\t\t&api.DevicesGetRequest{DeviceId: api.String("d")}\n\t\tfoo)');
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'syntax', message: "missing ',' before newline in argument list", line: 27, column: 52 } });
    });

    it('a call to an unrecorded route is unmatched, with the mock message, at the call', async () => {
      const result = await hostile('\tclient.Locks.UnlockDoor(context.Background(), &api.LocksUnlockDoorRequest{DeviceId: "d-1"})');
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'unmatched', line: 26 } });
      if (!result.outcome.ok) expect(result.outcome.error.message).toMatch(/no recorded request matches POST \/locks\/unlock_door/);
    });

    it('a request to another host fails fast with a network error', async () => {
      const started = performance.now();
      const result = await hostile('\tresp, err := http.Get("http://203.0.113.7/")\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tfmt.Println(resp.Status)', { imports: '' });
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'network', line: 28 } });
      expect(performance.now() - started).toBeLessThan(env.timeoutMs);
    });

    it('a sample that changes package-level state leaves the next sample untouched', async () => {
      const result = await hostile(
        '\thttp.DefaultTransport = nil\n\thttp.DefaultClient.Timeout = time.Nanosecond\n\tos.Setenv("HOME", "/nowhere")\n\tclient.Devices.Get(context.Background(), &api.DevicesGetRequest{DeviceId: api.String("d")})',
      );
      // It broke its own process's transport: its own call fails, and only its own.
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', line: 29 } });
    });

    it('code that runs at package init gets a program of its own', async () => {
      const result = await hostile(
        'package main\n\nimport "os"\n\nfunc init() {\n\tos.Exit(4)\n}\n\nfunc main() {}',
        { whole: true },
      );
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'the program exited with code 4' } });
    });

    it('goroutines a sample leaves running end with it', async () => {
      const before = server.requests.length;
      await hostile(
        '\tgo func() {\n\t\ttime.Sleep(50 * time.Millisecond)\n\t\tclient.Devices.Get(context.Background(), &api.DevicesGetRequest{DeviceId: api.String("d-leak")})\n\t}()\n\tclient.Devices.Get(context.Background(), &api.DevicesGetRequest{DeviceId: api.String("d")})',
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(server.requests.slice(before).filter((r) => JSON.stringify(r.body ?? r.query).includes('d-leak'))).toEqual([]);
    });

    it('allocating past the memory limit is a limit error', async () => {
      const result = await hostile('\tvar keep [][]byte\n\tfor {\n\t\tkeep = append(keep, make([]byte, 64<<20))\n\t}', { imports: '' });
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'limit', message: 'memory limit 1 GiB exceeded' } });
    });

    it('printing without end is a limit error', async () => {
      const result = await hostile('\tfor {\n\t\tfmt.Println("flood flood flood flood flood flood flood flood")\n\t}', { imports: '' });
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'limit' } });
    });
  });

  it('--isolate builds and runs each sample as a program of its own, with the same verdicts as a batch', async () => {
    const jobs = [
      get('same-get'),
      job(server, 'go', 'same-exit', program('\tos.Exit(1)', '')),
      job(server, 'go', 'same-panic', program('\tvar devices []string\n\tfmt.Println(devices[3])', '')),
      job(server, 'go', 'same-compile', program('\tclient.Devices.Get(context.Background(), api.DevicesGetRequest{})')),
      job(server, 'go', 'same-syntax', program('\tclient.Devices.Get(context.Background(),, nil)')),
      job(server, 'go', 'same-unmatched', program('\tclient.Locks.UnlockDoor(context.Background(), &api.LocksUnlockDoorRequest{DeviceId: "d-1"})')),
    ];
    const verdicts = async (isolate: boolean) => {
      const results = await collect(runner.run(jobs, { ...env, isolate }));
      return jobs.map((j) => {
        const { outcome } = results.get(j.sample.id) as SampleRun;
        // Details hold addresses and timings; the verdict is the rest.
        return outcome.ok ? outcome : { ok: false, error: { ...outcome.error, detail: undefined } };
      });
    };
    const before = buildLog.length;
    const batch = await verdicts(false);
    expect(buildLog.slice(before)).toEqual([{ samples: 6, rounds: 2 }]);
    const isolated = await verdicts(true);
    // One build per sample, but for the one that does not parse.
    expect(buildLog.length - before).toBe(1 + jobs.length - 1);
    expect(isolated).toEqual(batch);
    expect(batch.map((o) => (o.ok ? 'ok' : o.error.kind))).toEqual(['ok', 'runtime', 'runtime', 'compile', 'syntax', 'unmatched']);
    expect(batch[2]).toMatchObject({ error: { message: 'panic: runtime error: index out of range [3] with length 0', line: 17 } });
  });

  it('spreads a batch over several workers', async () => {
    const jobs = Array.from({ length: 6 }, (_, i) => get(`w-${i}`));
    const results = await collect(runner.run(jobs, { ...env, workers: 3 }));
    expect([...results.values()].map((r) => r.outcome.ok)).toEqual([true, true, true, true, true, true]);
  });
});

describe.skipIf(skip)('go runner without a sandbox (--no-sandbox)', () => {
  it('still gives each sample its own process, and refuses other hosts in-process', async () => {
    const jobs = [
      get('nobox-1'),
      job(server, 'go', 'nobox-2', program('\tresp, err := http.Get("http://203.0.113.7/")\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tfmt.Println(resp.Status)', '')),
      job(server, 'go', 'nobox-3', program('\thttp.DefaultTransport = nil\n\tos.Exit(2)', '')),
      get('nobox-4'),
    ];
    const results = await collect(runner.run(jobs, bare));
    expect(jobs.map((j) => results.get(j.sample.id)?.outcome)).toMatchObject([
      { ok: true },
      { ok: false, error: { kind: 'network', message: 'tried to reach 203.0.113.7:80, which is not the mock: only the mock is reachable', line: 18 } },
      { ok: false, error: { kind: 'runtime', message: 'the program exited with code 2' } },
      { ok: true },
    ]);
  });
});

function value(results: Map<string, SampleRun>, j: RunJob) {
  const outcome = results.get(j.sample.id)?.outcome;
  if (!outcome?.ok) throw new Error(`expected a value, got ${JSON.stringify(outcome)}`);
  return outcome.value;
}
