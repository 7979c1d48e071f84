import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectFile } from '../../harness/run/assets.ts';
import { ensureGo, PINNED_GO_SDK } from './install.ts';
import { findGo, inspectGo } from './toolchain.ts';

const fresh = await mkdtemp(path.join(tmpdir(), 'doc-harness-go-cache-'));
afterAll(() => rm(fresh, { recursive: true, force: true }));
const go = await findGo();
const cacheDir = projectFile('.doc-harness', 'cache');
// The project's cache, installed online (the other Go tests do the same).
const online = await ensureGo({ cacheDir });

describe('the Go toolchain', () => {
  it('says clearly when there is no go command, or one that does not work', async () => {
    expect(await inspectGo(undefined)).toEqual({ reason: 'Go is not installed (no `go` on PATH): install Go 1.24 or newer' });
    expect(await inspectGo('/nonexistent/bin/go')).toMatchObject({ reason: expect.stringMatching(/^`\/nonexistent\/bin\/go env` failed: /) });
  });
});

describe.skipIf('reason' in go)('installing the SDK offline', () => {
  it('contacts nothing and says what is missing when nothing is installed', async () => {
    expect(await ensureGo({ cacheDir: fresh, offline: true })).toEqual({
      reason: `github.com/seamapi/go@${PINNED_GO_SDK} is not installed and this run may not contact the Go module proxy (run doc-harness once online first)`,
    });
  });

  it.skipIf('reason' in online)('uses what an online run installed', async () => {
    if ('reason' in online) throw new Error(online.reason);
    const offline = await ensureGo({ cacheDir, offline: true });
    expect(offline).toMatchObject({ version: PINNED_GO_SDK, rewrite: online.rewrite, moduleDir: online.moduleDir });
  });
});
