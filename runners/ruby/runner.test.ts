import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunJob, RunnerEnv, SampleRun } from '../../harness/run/types.ts';
import { ACTION_ATTEMPT, DEVICE, DEVICE_2 } from '../../test/conformance/cases.ts';
import { collect, FAKE_KEY, job, testEnv } from '../../test/helpers/run/jobs.ts';
import { cases } from './conformance-cases.ts';
import { runner } from './runner.ts';
import { skipWithoutRuby, startRubyMock } from './test-support.ts';

const server = await startRubyMock();
const env = await testEnv(server, { timeoutMs: 3000 });
const toolchain = await runner.prepare(env);
const skip = await skipWithoutRuby(toolchain);
const { snippets } = cases;

afterAll(async () => {
  await server.close();
  await rm(env.workDir, { recursive: true, force: true });
});

const FENCE = 20;
let counter = 0;
/** A job of `code` fenced at markdown line FENCE (its first line is FENCE + 1). */
const sample = (code: string, options: { fenceLine?: number; indent?: number } = {}): RunJob =>
  job(server, 'ruby', `s-${++counter}`, code, { fenceLine: FENCE, ...options });
const get = () => sample(snippets.get);

async function run(jobs: RunJob[], overrides: Partial<RunnerEnv> = {}): Promise<SampleRun[]> {
  const results = await collect(runner.run(jobs, { ...env, ...overrides }));
  return jobs.map((j) => results.get(j.sample.id) as SampleRun);
}

/** `bad` between two ordinary samples: its own outcome, after checking both others passed. */
async function between(bad: RunJob, overrides: Partial<RunnerEnv> = {}): Promise<SampleRun> {
  const [before, result, after] = await run([get(), bad, get()], overrides);
  expect(before.outcome, 'the sample before').toEqual({ ok: true, value: { kind: 'json', json: DEVICE } });
  expect(after.outcome, 'the sample after').toEqual({ ok: true, value: { kind: 'json', json: DEVICE } });
  return result;
}

describe.skipIf(skip)(`ruby runner${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('is ready with a client and says which one', () => {
    expect(toolchain.ready).toBe(true);
    if (!toolchain.ready) return;
    if (toolchain.client === 'built-in client') {
      expect(toolchain.version).toBe('— seam gem not installable');
      expect(toolchain.notes?.[0]).toMatch(/^seam gem not installable: .+; ran doc-harness's built-in client instead/);
    } else {
      expect(toolchain).toMatchObject({ client: 'seam', version: expect.stringMatching(/^\d+\.\d+/) });
    }
  });

  it('returns resources, lists, action attempts and void as the documented values', async () => {
    const jobs = [get(), sample(snippets.list), sample(snippets.action), sample(snippets.void)];
    const [one, list, action, none] = await run(jobs);
    expect(one.outcome).toEqual({ ok: true, value: { kind: 'json', json: DEVICE } });
    expect(list.outcome).toEqual({ ok: true, value: { kind: 'json', json: [DEVICE, DEVICE_2] } });
    expect(action.outcome).toEqual({ ok: true, value: { kind: 'json', json: ACTION_ATTEMPT } });
    expect(none.outcome).toEqual({ ok: true, value: { kind: 'void' } });
    // Each request went to its own example, as a JSON POST with the fake key and nothing else.
    const sent = server.requests.find((r) => r.example === jobs[0].baseUrl.split('/').pop());
    expect(sent).toMatchObject({ method: 'POST', path: '/devices/get', body: { device_id: 'd-1' }, authorization: `Bearer ${FAKE_KEY}` });
  });

  describe('hostile snippets: each gets its own verdict and the rest of its batch passes', () => {
    const line = (n: number) => FENCE + n;

    it('an endless loop times out', async () => {
      const result = await between(sample(snippets.infiniteLoop));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'timeout', message: 'did not finish within 3000 ms; stopped', line: line(1) } });
    });

    it('exit, exit! and abort end only their own sample', async () => {
      const exits = await run([sample(snippets.exit), sample('exit!(3)'), sample('abort("bye")'), get()]);
      expect(exits.map((r) => r.outcome)).toMatchObject([
        { ok: false, error: { kind: 'runtime', message: 'the snippet called exit(3)', line: line(1) } },
        { ok: false, error: { kind: 'runtime', message: 'the snippet exited with code 3' } },
        { ok: false, error: { kind: 'runtime', message: 'the snippet called abort("bye")', line: line(1) } },
        { ok: true },
      ]);
    });

    it('an exception is a runtime error at the deepest snippet line', async () => {
      const result = await between(sample(snippets.raise));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'RuntimeError: boom: Front Door', line: line(2) } });
      const nested = await between(sample('def helper\n  nil.upcase\nend\nhelper'));
      expect(nested.outcome).toMatchObject({ ok: false, error: { kind: 'runtime', message: expect.stringMatching(/^NoMethodError: undefined method `upcase' for nil/), line: line(2) } });
    });

    it('a syntax error points at its markdown line and column', async () => {
      const result = await between(sample(snippets.syntax));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'syntax', line: line(3), column: 3 } });
      if (!result.outcome.ok) expect(result.outcome.error.message).toMatch(/^SyntaxError: syntax error, unexpected/);
    });

    it('a syntax error inside a list-indented fence keeps the indent, columns in characters', async () => {
      const [result] = await run([sample('seam.devices.get(device_id: "d-1")\nx = ["é", )', { fenceLine: 5, indent: 3 })]);
      // `)` is the 11th character of the snippet's second line (its 12th byte: é is two).
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'syntax', line: 7, column: 3 + 11 } });
    });

    it('a request no recording matches is unmatched, with the mock message', async () => {
      const result = await between(sample(snippets.unrecorded));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'unmatched', message: expect.stringMatching(/^no recorded request matches POST \/devices\/get/), line: line(1) } });
    });

    it('a connection to anything but the mock fails at once as network', async () => {
      for (const code of [snippets.foreignHost, 'Seam.new(endpoint: "https://connect.getseam.com").devices.list']) {
        const started = performance.now();
        const result = await between(sample(code));
        expect(result.outcome, code).toMatchObject({ ok: false, error: { kind: 'network', message: expect.stringMatching(/^refused a connection to .+: only the local mock may be reached$/) } });
        expect(performance.now() - started).toBeLessThan(env.timeoutMs);
      }
    });

    it('memory past the limit is a limit verdict', async () => {
      const result = await between(sample(snippets.memoryBomb));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: 'limit', message: 'memory limit 1 GiB exceeded' } });
    });

    it('CPU time and file size past their limits are limit verdicts', async () => {
      // A sandbox of 3 CPU seconds: a sample gets SIGXCPU a second before the sandbox's SIGKILL.
      const tight = await testEnv(server, { timeoutMs: 8000, limits: { cpuSeconds: 3, fileBytes: 1 << 20 } });
      const [cpu, file, after] = await run([sample('loop {}'), sample('File.write(File.join(ENV["TMPDIR"], "big"), "x" * (2 << 20))'), get()], tight);
      expect(cpu.outcome).toMatchObject({ ok: false, error: { kind: 'limit', message: 'CPU time limit of 2 s exceeded' } });
      expect(file.outcome).toMatchObject({ ok: false, error: { kind: 'limit', message: 'file size limit 1 MiB exceeded' } });
      expect(after.outcome).toMatchObject({ ok: true });
      await rm(tight.workDir, { recursive: true, force: true });
    });

    it('printing without end is stopped at the output limit', async () => {
      const result = await between(sample(snippets.outputFlood));
      expect(result.outcome).toMatchObject({ ok: false, error: { kind: expect.stringMatching(/^(limit|timeout)$/) } });
    });

    it('a process the snippet forks does not answer for it', async () => {
      const result = await between(sample(`fork\n${snippets.get}`));
      expect(result.outcome).toEqual({ ok: true, value: { kind: 'json', json: DEVICE } });
    });

    it('a snippet that kills its parent loses only its own sample', async () => {
      const result = await between(sample(cases.attacks.killParent));
      expect(result.outcome.ok).toBe(false);
    });

    it('changes to core classes, the client, globals and ENV never reach the next sample', async () => {
      const [, victim] = await run([sample(snippets.mutateGlobal), sample(snippets.victim)]);
      expect(victim.outcome).toEqual({ ok: true, value: { kind: 'json', json: DEVICE } });
    });

    // Both need the sandbox: a private /tmp to clear, a PID namespace to sweep.
    it.skipIf(env.sandbox.kind !== 'bwrap')('files a sample writes are gone for the next one', async () => {
      const path = 'File.join(ENV["TMPDIR"], "left-behind")';
      const [first, next] = await run([sample(`File.write(${path}, "x")\nFile.exist?(${path})`), sample(`File.exist?(${path})`)]);
      expect(first.outcome).toEqual({ ok: true, value: { kind: 'json', json: true } });
      expect(next.outcome).toEqual({ ok: true, value: { kind: 'json', json: false } });
    });

    it.skipIf(env.sandbox.kind !== 'bwrap')('work a sample leaves running never reaches the mock after it', async () => {
      const before = server.requests.length;
      const [result] = await run([sample(snippets.leaveRunning), get()]);
      expect(result.outcome).toMatchObject({ ok: true });
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(server.requests.slice(before).filter((r) => JSON.stringify(r.body).includes('d-leak'))).toEqual([]);
    });
  });

  it('--isolate gives every sample the same outcome as the batch', async () => {
    const codes = [snippets.get, snippets.exit, snippets.raise, snippets.syntax, snippets.unrecorded, snippets.foreignHost, snippets.mutateGlobal, snippets.victim, snippets.void];
    const jobs = codes.map((code) => sample(code));
    const strip = (r: SampleRun) => (r.outcome.ok ? r.outcome : { ok: false, error: { ...r.outcome.error, detail: undefined } });
    const batch = (await run(jobs)).map(strip);
    const isolated = (await run(jobs, { isolate: true })).map(strip);
    expect(isolated).toEqual(batch);
    expect(batch.filter((r) => r.ok).length).toBe(3);
  });

  it('spreads a batch over several workers', async () => {
    const jobs = Array.from({ length: 6 }, () => get());
    const results = await run(jobs, { workers: 3 });
    expect(results.every((r) => r.outcome.ok)).toBe(true);
  });
});
