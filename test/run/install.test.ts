import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanCache, clientRequest, installOnce, isInstalled } from '../../harness/run/install/index.ts';
import { ensureNpmPackage } from '../../harness/run/install/npm.ts';

describe('installs in the cache', () => {
  let cache = '';
  beforeEach(async () => {
    cache = await mkdtemp(path.join(tmpdir(), 'doc-harness-cache-'));
  });
  afterEach(() => rm(cache, { recursive: true, force: true }));

  const describeDir = async (dir: string) => ({ ok: true as const, dir });

  it('builds once in a staging folder, marks it finished and moves it in place; concurrent callers share it', async () => {
    let builds = 0;
    const dir = path.join(cache, 'python', 'seam@3.18.0');
    const build = async (staging: string) => {
      builds++;
      expect(staging.startsWith(`${dir}.staging-`)).toBe(true);
      await writeFile(path.join(staging, 'client.txt'), 'built');
      return { ok: true as const, dir: staging };
    };
    const [a, b] = await Promise.all([installOnce(dir, build, describeDir), installOnce(dir, build, describeDir)]);
    expect(a).toEqual({ ok: true, dir });
    expect(b).toEqual({ ok: true, dir });
    expect(builds).toBe(1);
    expect(isInstalled(dir)).toBe(true);
    expect(await readdir(path.dirname(dir))).toEqual(['seam@3.18.0']);
    // Installed: never built again.
    await installOnce(dir, build, describeDir);
    expect(builds).toBe(1);
  });

  it('a failed build leaves nothing behind and is tried again next time', async () => {
    const dir = path.join(cache, 'ruby', 'seam@1.0.0');
    const failed = await installOnce<{ ok: true; dir: string } | { ok: false; reason: string }>(dir, async () => ({ ok: false, reason: 'registry unreachable' }), describeDir);
    expect(failed).toEqual({ ok: false, reason: 'registry unreachable' });
    expect(existsSync(dir)).toBe(false);
    expect(await readdir(path.dirname(dir))).toEqual([]);
  });

  it('removes the staging folders of installs a killed run left half-way, and keeps finished ones', async () => {
    const finished = path.join(cache, 'go', 'seamapi-go@v0.6.1');
    await installOnce(finished, async (staging) => ({ ok: true as const, dir: staging }), describeDir);
    // A run that died (its pid no longer exists) mid-install.
    const dead = path.join(cache, 'go', `seamapi-go@v0.6.1.staging-999999-${Date.now()}`);
    const deadNpm = path.join(cache, 'javascript', `seam@1.245.0.staging-999998-${Date.now()}`);
    await mkdir(dead, { recursive: true });
    await mkdir(deadNpm, { recursive: true });
    const removed = await cleanCache(cache);
    expect(removed.sort()).toEqual([deadNpm, dead].sort());
    expect(existsSync(finished)).toBe(true);
  });

  it('waits for another process that holds the install’s lock, and uses what it installed', async () => {
    const dir = path.join(cache, 'go', 'sdk@v0.6.1');
    await mkdir(path.dirname(dir), { recursive: true });
    // A live process other than this one (our parent) holds the lock, then finishes the install.
    await writeFile(`${dir}.lock`, String(process.ppid));
    let built = false;
    const started = Date.now();
    const other = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, '.doc-harness-installed.json'), '{}');
      await rm(`${dir}.lock`, { force: true });
    })();
    const result = await installOnce(
      dir,
      async (staging) => {
        built = true;
        return { ok: true as const, dir: staging };
      },
      describeDir,
    );
    await other;
    expect(result).toEqual({ ok: true, dir });
    expect(built).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
  });

  it('offline, an npm client that is not installed is a clear reason, and npm is never run', async () => {
    const result = await ensureNpmPackage(path.join(cache, 'javascript'), 'seam', { kind: 'version', version: '99.99.99', fallback: '1.0.0' }, true);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/seam@99\.99\.99 is not installed and this run may not contact a registry/) });
    expect(existsSync(path.join(cache, 'javascript'))).toBe(false);
  });

  it('reads --sdk as a release or a local build', () => {
    expect(clientRequest(undefined)).toEqual({ kind: 'default' });
    expect(clientRequest('3.18.0')).toEqual({ kind: 'version', version: '3.18.0' });
    expect(clientRequest('./dist/seam-3.19.0-py3-none-any.whl', '/repo')).toEqual({ kind: 'path', path: '/repo/dist/seam-3.19.0-py3-none-any.whl' });
    expect(clientRequest('/abs/seam-1.246.0.tgz')).toEqual({ kind: 'path', path: '/abs/seam-1.246.0.tgz' });
  });
});
