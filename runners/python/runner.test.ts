import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunJob, RunnerEnv, SampleRun, Toolchain } from '../../harness/run/types.ts';
import { collect, FAKE_KEY, job, testEnv } from '../../test/helpers/run/jobs.ts';
import { seamRoutes, startMockServer } from '../../test/helpers/run/mock-server.ts';
import { clientRequest } from '../../harness/run/install/index.ts';
import { findPython, installer, PINNED_SEAM_VERSION, venvPython } from './install.ts';
import { runner } from './runner.ts';

const server = await startMockServer(seamRoutes);
const env = await testEnv(server, { timeoutMs: 3000 });
const toolchain = await runner.prepare(env);
const skip = toolchain.ready ? false : await skipReason(toolchain);

/** Without PyPI the SDK cannot be installed: that skips these tests; any other failure fails them. */
async function skipReason(failed: Extract<Toolchain, { ready: false }>): Promise<string> {
  const reachable = await fetch('https://pypi.org/simple/seam/', { method: 'HEAD', signal: AbortSignal.timeout(10_000) }).then(
    (response) => response.ok,
    () => false,
  );
  if (reachable) throw new Error(`python runner is not ready although PyPI is reachable: ${failed.reason}`);
  return `${failed.reason} (PyPI unreachable)`;
}

afterAll(async () => {
  await server.close();
  await rm(env.workDir, { recursive: true, force: true });
});

const FENCE = 20;
/** The markdown line of a snippet's line `n` when it is fenced at FENCE. */
const lineOf = (n: number) => FENCE + n;
const py = (slug: string, code: string, fenceLine = FENCE) => job(server, 'python', slug, code, { fenceLine });
const get = (slug: string) => py(slug, 'seam.devices.get(device_id="d-42")');

function outcome(results: Map<string, SampleRun>, j: RunJob) {
  const result = results.get(j.sample.id);
  if (!result) throw new Error(`no result for ${j.sample.id}`);
  return result.outcome;
}

/** A verdict without what may differ between two runs of the same sample (the traceback text). */
function verdict(result: SampleRun['outcome']) {
  if (result.ok) return result;
  const { detail: _, ...error } = result.error;
  return { ok: false, error };
}

describe.skipIf(skip)(`python runner${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('reports the pinned client, installed in a virtualenv that runs from its final folder', () => {
    expect(toolchain).toMatchObject({ ready: true, client: 'seam', version: PINNED_SEAM_VERSION });
  });

  it('returns resources, lists, action attempts and void as the SDK does', async () => {
    const jobs = [
      get('get'),
      py('list', 'seam.devices.list()'),
      py('heat', 'seam.thermostats.heat(device_id="t-1", heating_set_point_celsius=20)'),
      py('delete', 'seam.access_codes.delete(access_code_id="ac-1")'),
    ];
    const results = await collect(runner.run(jobs, env));
    const device = outcome(results, jobs[0]);
    // The SDK's dataclass, every schema field: absent ones are null; dates stay the API's strings.
    expect(device).toMatchObject({
      ok: true,
      value: { kind: 'json', json: { device_id: 'd-42', display_name: 'Front Door', created_at: '2024-05-01T10:00:00.000Z', properties: { online: true } } },
    });
    if (device.ok && device.value.kind === 'json') {
      const json = device.value.json as Record<string, unknown>;
      expect(Object.keys(json).length).toBeGreaterThan(10);
      expect(json.device_type).toBeNull();
    }
    expect(outcome(results, jobs[1])).toMatchObject({ ok: true, value: { json: [{ device_id: 'd-1' }, { device_id: 'd-2' }] } });
    expect(outcome(results, jobs[2])).toMatchObject({ ok: true, value: { json: { action_attempt_id: 'aa-1', status: 'pending' } } });
    expect(outcome(results, jobs[3])).toEqual({ ok: true, value: { kind: 'void' } });
    // Each request went to its own example's prefix, with the fake key; no action attempt was polled.
    expect(server.requests.find((r) => r.example === 'get')).toMatchObject({ method: 'GET', path: '/devices/get', authorization: `Bearer ${FAKE_KEY}` });
    expect(server.requests.find((r) => r.example === 'heat')?.body).toEqual({ device_id: 't-1', heating_set_point_celsius: 20 });
    expect(server.requests.some((r) => r.path === '/action_attempts/get')).toBe(false);
  });

  it('writes plain values, enums and datetimes as JSON, and says when a value is not JSON', async () => {
    const jobs = [
      py('plain', '{"a": [1, 2.5, None, True], "b": (1, "x")}'),
      py('enum', 'import enum\nclass Color(enum.Enum):\n    RED = "red"\n[Color.RED]'),
      py('date', 'import datetime\ndatetime.datetime(2024, 5, 1, 10, 0, tzinfo=datetime.timezone.utc)'),
      py('set', '{1, 2}'),
      py('assignment', 'device = seam.devices.get(device_id="d-1")'),
    ];
    const results = await collect(runner.run(jobs, env));
    expect(outcome(results, jobs[0])).toEqual({ ok: true, value: { kind: 'json', json: { a: [1, 2.5, null, true], b: [1, 'x'] } } });
    expect(outcome(results, jobs[1])).toEqual({ ok: true, value: { kind: 'json', json: ['red'] } });
    expect(outcome(results, jobs[2])).toEqual({ ok: true, value: { kind: 'json', json: '2024-05-01T10:00:00.000Z' } });
    expect(outcome(results, jobs[3])).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'the returned value cannot be written as JSON: $ is a builtins.set, which is not a JSON value' } });
    // A snippet that ends with a statement, not an expression, returns nothing.
    expect(outcome(results, jobs[4])).toEqual({ ok: true, value: { kind: 'void' } });
  });

  it('gives a snippet that makes its own client the fake key and its example’s mock', async () => {
    const own = py('own-client', 'client = Seam()\nclient.devices.get(device_id="d-5")');
    const results = await collect(runner.run([own], env));
    expect(outcome(results, own)).toMatchObject({ ok: true, value: { json: { device_id: 'd-5' } } });
    expect(server.requests.find((r) => r.example === 'own-client')?.authorization).toBe(`Bearer ${FAKE_KEY}`);
  });

  it('reports a JSON-style `true` as the NameError Python raises, at its markdown line and column', async () => {
    const code = 'seam.devices.get(\n    device_id="d-42",\n    include_offline=true,\n)';
    const bad = py('true', code);
    const results = await collect(runner.run([bad], env));
    expect(outcome(results, bad)).toMatchObject({
      ok: false,
      error: { kind: 'runtime', message: "NameError: name 'true' is not defined", line: lineOf(3), column: code.split('\n')[2].indexOf('true') + 1 },
    });
  });

  it('keeps the list indentation of a fence in its columns', async () => {
    const code = 'seam.devices.get(\n    device_id=true,\n)';
    const bad = job(server, 'python', 'indented', code, { fenceLine: 5, indent: 3 });
    const results = await collect(runner.run([bad], env));
    expect(outcome(results, bad)).toMatchObject({ ok: false, error: { kind: 'runtime', line: 7, column: 3 + code.split('\n')[1].indexOf('true') + 1 } });
  });

  describe('hostile snippets: each gets its own verdict, the rest of the batch passes, the same with --isolate', () => {
    // Each hostile snippet is followed by an ordinary one: it must pass in a batch as it does alone.
    const hostile: Array<{ slug: string; code: string; expected: (o: SampleRun['outcome']) => void }> = [
      {
        slug: 'loop',
        code: 'while True:\n    pass',
        expected: (o) => expect(o).toMatchObject({ ok: false, error: { kind: 'timeout', line: lineOf(1) } }),
      },
      {
        slug: 'sys-exit',
        code: 'import sys\nsys.exit(3)',
        expected: (o) => expect(o).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'the snippet called exit(3)', line: lineOf(2), column: 1 } }),
      },
      {
        slug: 'os-exit',
        code: 'import os\nos._exit(3)',
        expected: (o) => expect(o).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'the snippet exited with code 3' } }),
      },
      {
        slug: 'sigkill',
        code: 'import os, signal\nos.kill(os.getpid(), signal.SIGKILL)',
        expected: (o) => expect(o).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'the snippet was killed by SIGKILL' } }),
      },
      {
        slug: 'raise',
        code: 'device = seam.devices.get(device_id="d-1")\nraise ValueError("boom")',
        expected: (o) => expect(o).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'ValueError: boom', line: lineOf(2), column: 1 } }),
      },
      {
        slug: 'syntax',
        code: 'device = seam.devices.get(device_id="d-1")\nif device\n    device',
        // Python's parser points just after `if device`, where the colon is missing.
        expected: (o) => expect(o).toMatchObject({ ok: false, error: { kind: 'syntax', message: "SyntaxError: expected ':'", line: lineOf(2), column: 10 } }),
      },
      {
        slug: 'unrecorded',
        code: 'seam.devices.get(device_id="d-1")\nseam.locks.unlock_door(device_id="d-1")',
        expected: (o) => {
          expect(o).toMatchObject({ ok: false, error: { kind: 'unmatched', line: lineOf(2), column: 1 } });
          if (!o.ok) expect(o.error.message).toMatch(/no recorded request matches POST \/locks\/unlock_door/);
        },
      },
      {
        slug: 'foreign-socket',
        code: 'import socket\nsocket.create_connection(("203.0.113.7", 80), timeout=30)',
        expected: (o) => expect(o).toMatchObject({ ok: false, error: { kind: 'network', message: expect.stringMatching(/203\.0\.113\.7:80/), line: lineOf(2) } }),
      },
      {
        slug: 'foreign-client',
        code: 'Seam(api_key="seam_other_key", endpoint="https://connect.getseam.com").devices.list()',
        expected: (o) => expect(o).toMatchObject({ ok: false, error: { kind: 'network', message: expect.stringMatching(/connect\.getseam\.com:443/) } }),
      },
      {
        slug: 'memory',
        code: 'blob = bytearray(8 * 1024 ** 3)',
        expected: (o) => expect(o).toMatchObject({ ok: false, error: { kind: 'limit', message: 'memory limit 1 GiB exceeded', line: lineOf(1) } }),
      },
      {
        slug: 'print-much',
        // Blocks while the harness drains its output, as a script does (never a BlockingIOError).
        code: 'print("x" * (2 * 1024 * 1024))\n"printed"',
        expected: (o) => expect(o).toEqual({ ok: true, value: { kind: 'json', json: 'printed' } }),
      },
      {
        slug: 'flood',
        code: 'while True:\n    print("x" * 10000)',
        expected: (o) => expect(o).toMatchObject({ ok: false, error: { kind: 'limit', message: 'output limit of 8 MiB exceeded; stopped' } }),
      },
      {
        slug: 'mutate',
        // Everything here would break the next sample if it leaked into it.
        code: [
          'import builtins, json, os, sys, tempfile',
          'import seam as seam_module',
          'builtins.len = lambda value: -1',
          'seam_module.Seam = None',
          'os.environ["SEAM_ENDPOINT"] = "http://203.0.113.7"',
          'json.dumps = None',
          'sys.modules["urllib"] = None',
          'open("leftover.txt", "w").write("x")',
          'open(os.path.join(tempfile.gettempdir(), "leftover.txt"), "w").write("x")',
          'open(os.path.join(os.environ["HOME"], "leftover.txt"), "w").write("x")',
          '"mutated"',
        ].join('\n'),
        expected: (o) => expect(o).toEqual({ ok: true, value: { kind: 'json', json: 'mutated' } }),
      },
      {
        slug: 'victim',
        code: [
          'import json, os, tempfile, urllib.parse',
          'from seam import Seam as Fresh',
          'folders = [".", tempfile.gettempdir(), os.environ["HOME"]]',
          'assert len("ab") == 2 and json.dumps(1) == "1"',
          'assert not any(os.path.exists(os.path.join(folder, "leftover.txt")) for folder in folders)',
          // One hash seed for every process: the same value in a batch and alone.
          '[hash("doc-harness"), Fresh().devices.get(device_id="d-7").device_id]',
        ].join('\n'),
        expected: (o) => expect(o).toMatchObject({ ok: true, value: { kind: 'json', json: [expect.any(Number), 'd-7'] } }),
      },
    ];

    const jobs = hostile.flatMap(({ slug, code }) => [py(slug, code), get(`after-${slug}`)]);
    let batch: Map<string, SampleRun>;

    it('in one batch', async () => {
      batch = await collect(runner.run(jobs, env));
      for (const [i, { expected }] of hostile.entries()) {
        expected(outcome(batch, jobs[2 * i]));
        expect(outcome(batch, jobs[2 * i + 1])).toMatchObject({ ok: true });
      }
      // A refused connection was never retried: those samples took no timeout's worth of time.
      for (const [i, { slug }] of hostile.entries()) {
        if (slug.startsWith('foreign')) expect(batch.get(jobs[2 * i].sample.id)?.durationMs).toBeLessThan(env.timeoutMs);
      }
    }, 60_000);

    it('with --isolate, sample for sample the same verdicts', async () => {
      const isolated = await collect(runner.run(jobs, { ...env, isolate: true, workers: 2 }));
      for (const j of jobs) expect(verdict(outcome(isolated, j)), j.sample.id).toEqual(verdict(outcome(batch, j)));
    }, 180_000);
  });

  it('kills what a sample leaves running: threads, its process group, and processes that left the group', async () => {
    const code = [
      'import os, threading, time',
      'def later():',
      '    time.sleep(0.5)',
      '    seam.devices.get(device_id="d-leak")',
      'threading.Thread(target=later).start()',
      'if os.fork() == 0:',
      '    later()',
      '    os._exit(0)',
      'if os.fork() == 0:',
      '    os.setsid()',
      '    later()',
      '    os._exit(0)',
      'seam.devices.get(device_id="d-1")',
    ].join('\n');
    // The next sample keeps the sandbox alive long enough for a survivor to send its request.
    const jobs = [py('leave-running', code), py('after-leave-running', 'import time\ntime.sleep(1.5)\nseam.devices.get(device_id="d-42")')];
    const results = await collect(runner.run(jobs, env));
    expect(outcome(results, jobs[0])).toMatchObject({ ok: true });
    expect(outcome(results, jobs[1])).toMatchObject({ ok: true });
    expect(server.requests.filter((r) => r.query.device_id === 'd-leak')).toEqual([]);
  });

  it('stops a sample at its CPU time and file size limits', async () => {
    const limited = await testEnv(server, { timeoutMs: 10_000, limits: { cpuSeconds: 2, fileBytes: 1024 * 1024 } });
    try {
      const jobs = [py('cpu', 'while True:\n    pass'), py('file', 'with open("big.bin", "wb") as f:\n    f.write(b"x" * (2 * 1024 * 1024))'), get('after-limits')];
      const results = await collect(runner.run(jobs, limited));
      expect(outcome(results, jobs[0])).toMatchObject({ ok: false, error: { kind: 'limit', message: 'CPU time limit of 2 s exceeded' } });
      expect(outcome(results, jobs[1])).toMatchObject({ ok: false, error: { kind: 'limit', message: 'file size limit 1 MiB exceeded', line: lineOf(2) } });
      expect(outcome(results, jobs[2])).toMatchObject({ ok: true });
    } finally {
      await rm(limited.workDir, { recursive: true, force: true });
    }
  }, 30_000);

  it('spreads a batch over several workers', async () => {
    const jobs = Array.from({ length: 6 }, (_, i) => get(`w-${i}`));
    const results = await collect(runner.run(jobs, { ...env, workers: 3 }));
    expect([...results.values()].map((r) => r.outcome.ok)).toEqual(Array(6).fill(true));
  });

  it('runs without a sandbox too (--no-sandbox): other hosts refused, a sample’s process group killed', async () => {
    const unboxed = await testEnv(server, { sandbox: 'none', timeoutMs: 3000 });
    try {
      const leave = 'import os, time\nif os.fork() == 0:\n    time.sleep(0.5)\n    seam.devices.get(device_id="d-leak-unboxed")\n    os._exit(0)';
      const jobs = [
        get('unboxed'),
        py('unboxed-foreign', 'import urllib.request\nurllib.request.urlopen("http://203.0.113.7/", timeout=30)'),
        py('unboxed-leave', leave),
        py('unboxed-after', 'import time\ntime.sleep(1.5)\nseam.devices.get(device_id="d-42")'),
      ];
      const results = await collect(runner.run(jobs, unboxed));
      expect(outcome(results, jobs[0])).toMatchObject({ ok: true, value: { json: { device_id: 'd-42' } } });
      expect(outcome(results, jobs[1])).toMatchObject({ ok: false, error: { kind: 'network', line: lineOf(2) } });
      expect(outcome(results, jobs[2])).toEqual({ ok: true, value: { kind: 'void' } });
      expect(outcome(results, jobs[3])).toMatchObject({ ok: true });
      expect(server.requests.filter((r) => r.query.device_id === 'd-leak-unboxed')).toEqual([]);
    } finally {
      await rm(unboxed.workDir, { recursive: true, force: true });
    }
  });
});

describe('python client install', () => {
  it('offline, never runs pip: a release that is not installed is a clear reason', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'doc-harness-python-cache-'));
    try {
      const started = performance.now();
      const installed = await installer.ensure({ cacheDir, request: clientRequest('3.17.0'), offline: true });
      expect(installed).toEqual({ ok: false, reason: expect.stringMatching(/^seam==3\.17\.0 is not installed in .*, and this run may not contact a registry/) });
      expect(performance.now() - started).toBeLessThan(1000);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it.skipIf(skip)('installs a local build (a wheel) into a folder of its own', async () => {
    // A wheel of the pinned release, downloaded once to a stable place: its path and mtime are the
    // install's key, so later runs reuse the install.
    const wheels = join(tmpdir(), 'doc-harness-python-test-wheels');
    const wheel = join(wheels, `seam-${PINNED_SEAM_VERSION}-py3-none-any.whl`);
    if (!existsSync(wheel)) {
      const release = await installer.ensure({ cacheDir: env.cacheDir, request: clientRequest(undefined), offline: true });
      if (!release.ok) throw new Error(release.reason);
      await execa(venvPython(release.dir), ['-m', 'pip', 'download', '--quiet', '--no-deps', `seam==${PINNED_SEAM_VERSION}`, '-d', wheels]);
    }
    const installed = await installer.ensure({ cacheDir: env.cacheDir, request: clientRequest(wheel), offline: false });
    expect(installed).toMatchObject({ ok: true, client: 'seam', version: PINNED_SEAM_VERSION, notes: [expect.stringContaining(`local build ${wheel}`)] });
    if (installed.ok) expect(basename(installed.dir)).toMatch(/^local-[0-9a-f]{16}$/);
  }, 300_000);

  it.skipIf(skip)('offline, uses an install that is there', async () => {
    const offline: RunnerEnv = { ...env, offline: true };
    expect(await runner.prepare(offline)).toEqual(toolchain);
  });

  describe('finding the interpreter', () => {
    let dir: string;
    /** A stand-in interpreter that describes itself as `probe` says. */
    const fake = async (name: string, probe: object) => {
      const file = join(dir, name);
      await writeFile(file, `#!/bin/sh\necho '${JSON.stringify({ executable: file, basePrefix: dir, seam: null, ...probe })}'\n`);
      await chmod(file, 0o755);
      return file;
    };
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('says what it found when no interpreter fits', async () => {
      dir = await mkdtemp(join(tmpdir(), 'doc-harness-python-'));
      const old = await fake('old-python', { version: [3, 9, 18], venv: true });
      const bare = await fake('bare-python', { version: [3, 11, 2], venv: false });
      const found = await findPython([join(dir, 'missing-python'), old, bare]);
      expect(found.ok).toBe(false);
      if (found.ok) return;
      expect(found.reason).toMatch(/^the seam SDK needs Python ≥ 3\.11: .*old-python is Python 3\.9\.18/);
      expect(found.reason).toMatch(/bare-python \(Python 3\.11\.2, .*\) cannot make a virtualenv: .*apt-get install python3-venv/);
      expect(await findPython([join(dir, 'missing-python')])).toEqual({ ok: false, reason: expect.stringMatching(/^no Python found on PATH .*needs Python ≥ 3\.11/) });
    });

    it('takes the first that fits', async () => {
      const old = await fake('older-python', { version: [3, 10, 1], venv: true });
      const good = await fake('good-python', { version: [3, 12, 1], venv: true });
      expect(await findPython([old, good])).toMatchObject({ ok: true, python: good });
    });
  });
});
