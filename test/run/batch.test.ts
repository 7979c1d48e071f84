import { rm } from 'node:fs/promises';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Json } from '../../harness/model.ts';
import { projectFile } from '../../harness/run/assets.ts';
import { runBatch, type BatchOptions } from '../../harness/run/batch.ts';
import type { RunJob } from '../../harness/run/types.ts';
import { nodeRequest } from '../../runners/javascript/node.ts';
import { collect, testEnv } from '../helpers/run/jobs.ts';
import { makeBlock } from '../helpers/block.ts';

const PROBE = projectFile('test', 'run', 'fixtures', 'probe-child.mjs');
/** The batch machinery needs no mock: the probe never calls one. */
const NO_MOCK = { port: 1, socket: '/nonexistent/mock.sock' };

function probeJob(name: string, job: Record<string, Json>): RunJob {
  const block = makeBlock(JSON.stringify(job), 40);
  return {
    sample: { id: name, language: 'probe', supported: true, title: 'probe', request: block, response: block, position: block.position },
    exampleId: `probe.md#${name}`,
    baseUrl: 'http://127.0.0.1:1/__example/probe',
  };
}

async function runProbe(jobs: RunJob[], overrides: Partial<BatchOptions> = {}, childEnv: Record<string, string> = {}) {
  const env = await testEnv(NO_MOCK, { sandbox: 'none' });
  const options: BatchOptions = {
    label: 'probe',
    timeoutMs: 1500,
    workers: 1,
    isolate: false,
    child: (lane) => env.sandbox.start({ label: `probe-${lane}`, ...nodeRequest(env, PROBE, [], { env: childEnv }) }),
    encode: (job) => ({ job: JSON.parse(job.sample.request.code) }),
    decode: (_job, payload) => ({ ok: true, value: { kind: 'json', json: payload as Json } }),
    ...overrides,
  };
  const results = await collect(runBatch(jobs, options));
  onTestFinished(() => rm(env.workDir, { recursive: true, force: true }));
  const json = (name: string) => {
    const outcome = results.get(name)?.outcome;
    return outcome?.ok && outcome.value.kind === 'json' ? (outcome.value.json as Record<string, Json>) : undefined;
  };
  return { results, json, env };
}

describe('runBatch (warm children on the fd-3 protocol)', () => {
  it('runs every job in one child, undisturbed by what the child prints', async () => {
    const jobs = ['a', 'b', 'c'].map((v) => probeJob(v, { action: 'echo', value: v }));
    const { json } = await runProbe(jobs);
    expect(['a', 'b', 'c'].map((v) => json(v)?.echo)).toEqual(['a', 'b', 'c']);
    expect(new Set(['a', 'b', 'c'].map((v) => json(v)?.pid)).size).toBe(1);
  });

  it('kills a hanging job at the timeout and resumes in a fresh child', async () => {
    const jobs = [probeJob('before', { action: 'echo', value: 1 }), probeJob('hang', { action: 'hang' }), probeJob('after', { action: 'echo', value: 2 })];
    const { results, json } = await runProbe(jobs);
    expect(results.get('hang')?.outcome).toEqual({
      ok: false,
      error: { kind: 'timeout', message: 'did not finish within 1500 ms; stopped', line: 41, column: 1 },
    });
    expect(json('after')?.echo).toBe(2);
    expect(json('after')?.pid).not.toBe(json('before')?.pid);
  });

  it('records a child that exits mid-job as that job crashing, with what it printed', async () => {
    const jobs = [probeJob('exit', { action: 'exit', code: 3 }), probeJob('after', { action: 'echo', value: 'x' })];
    const { results, json } = await runProbe(jobs);
    const outcome = results.get('exit')?.outcome;
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'runtime', line: 41 } });
    if (outcome && !outcome.ok) {
      expect(outcome.error.message).toBe('the probe process ended while running this sample (exit code 3): about to exit');
      expect(outcome.error.detail).toMatch(/about to exit/);
    }
    expect(json('after')?.echo).toBe('x');
  });

  it('starts a fresh child after one asks to be recycled', async () => {
    const jobs = [probeJob('r1', { action: 'recycle' }), probeJob('r2', { action: 'recycle' })];
    const { json } = await runProbe(jobs);
    expect(json('r1')?.pid).not.toBe(json('r2')?.pid);
  });

  it('isolates: one child per job', async () => {
    const jobs = ['a', 'b', 'c'].map((v) => probeJob(v, { action: 'echo', value: v }));
    const { json } = await runProbe(jobs, { isolate: true });
    expect(new Set(['a', 'b', 'c'].map((v) => json(v)?.pid)).size).toBe(3);
  });

  it('spreads jobs over workers and returns each exactly once', async () => {
    const jobs = Array.from({ length: 8 }, (_, i) => probeJob(`j${i}`, { action: 'echo', value: i }));
    const { results, json } = await runProbe(jobs, { workers: 3 });
    expect(results.size).toBe(8);
    expect(new Set(jobs.map((j) => json(j.sample.id)?.pid)).size).toBe(3);
  });

  it('gives an outcome decided without running (a parse error) without starting a child', async () => {
    const jobs = [probeJob('parsed', { action: 'echo' })];
    const { results } = await runProbe(jobs, {
      encode: () => ({ outcome: { ok: false, error: { kind: 'syntax', message: 'nope', line: 1, column: 2 } } }),
      child: async () => {
        throw new Error('must not start');
      },
    });
    expect(results.get('parsed')?.outcome).toMatchObject({ ok: false, error: { kind: 'syntax' } });
  });

  it('reports a child that cannot start, and stops trying after two failures', async () => {
    const jobs = ['a', 'b', 'c'].map((v) => probeJob(v, { action: 'echo' }));
    const started: number[] = [];
    const env = await testEnv(NO_MOCK, { sandbox: 'none' });
    onTestFinished(() => rm(env.workDir, { recursive: true, force: true }));
    const { results } = await runProbe(jobs, {
      child: (lane) => {
        started.push(lane);
        return env.sandbox.start({ label: 'probe', ...nodeRequest(env, PROBE, [], { env: { PROBE_FATAL: '1' } }) });
      },
    });
    for (const name of ['a', 'b', 'c']) {
      expect(results.get(name)?.outcome).toMatchObject({
        ok: false,
        error: { kind: 'harness', message: 'the probe process could not start: probe refuses to start' },
      });
    }
    expect(started.length).toBe(2);
  });

  it('reports a child that dies before it is ready', async () => {
    const { results } = await runProbe([probeJob('a', { action: 'echo' })], {}, { PROBE_DIE: '1' });
    expect(results.get('a')?.outcome).toMatchObject({
      ok: false,
      error: { kind: 'harness', message: 'the probe process could not start: exited before it was ready (killed by SIGKILL)' },
    });
  });
});

describe('the environment a child starts with (also without the OS sandbox)', () => {
  it('inherits only the allowlist: no real key, token or proxy reaches a child', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      SEAM_API_KEY: 'seam_real_key_must_not_leak',
      GITHUB_TOKEN: 'ghp_secret',
      HTTPS_PROXY: 'http://proxy.invalid:3128',
      NODE_OPTIONS: '--require /nonexistent.js',
      LANG: 'C.UTF-8',
    });
    try {
      const { json, env } = await runProbe([probeJob('env', { action: 'env' })], {}, { EXTRA_FROM_RUNNER: 'yes' });
      const seen = json('env') as { env: Record<string, string>; cwd: string; files: string[] };
      expect(seen.env.SEAM_API_KEY).toBeUndefined();
      expect(seen.env.GITHUB_TOKEN).toBeUndefined();
      expect(seen.env.HTTPS_PROXY).toBeUndefined();
      expect(seen.env.NODE_OPTIONS).toBeUndefined();
      expect(seen.env.LANG).toBe('C.UTF-8');
      expect(seen.env.EXTRA_FROM_RUNNER).toBe('yes');
      expect(seen.env.HOME.startsWith(env.workDir)).toBe(true);
      expect(seen.cwd.startsWith(env.workDir)).toBe(true);
      expect(seen.cwd).not.toBe(seen.env.HOME);
      expect(seen.files).toEqual([]);
      expect(Object.keys(seen.env).filter((k) => /KEY|TOKEN|PROXY|SECRET/i.test(k))).toEqual([]);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });

});
