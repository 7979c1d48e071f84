// The Seam profile's API description, as runners and lint ask it: which routes exist, which are
// deprecated (with the description's note), and what a route's response is.
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seamProfile } from '../../profiles/seam/index.ts';

describe('the Seam API description', () => {
  it('says, by path, whether a route is unknown or deprecated, with the note', async () => {
    const routes = await seamProfile.loadRoutes!();
    expect(routes.get('/acs/credential_pools/list')?.deprecated).toBe('Use `/user_identities/enrollment_automations/list` instead.');
    expect(routes.get('/devices/get')?.deprecated).toBeUndefined();
    expect(routes.has('/devices/explode')).toBe(false);
  });

  it('knows each route\'s response shape, from its response key', async () => {
    const api = await seamProfile.loadApi!();
    expect(api.responseShape('/devices/list')).toMatchObject({ kind: 'list', name: 'device' });
    expect(api.responseShape('/devices/get')).toMatchObject({ kind: 'one', name: 'device' });
    expect(api.responseShape('/acs/users/delete')).toEqual({ kind: 'void' });
    expect(api.route('/acs/credential_pools/list')?.deprecated).toBe('Use `/user_identities/enrollment_automations/list` instead.');
  });

  it('keeps its digest in a cache folder, and a later run uses the kept one', async () => {
    const first = await mkdtemp(join(tmpdir(), 'doc-harness-api-'));
    const second = await mkdtemp(join(tmpdir(), 'doc-harness-api-'));
    try {
      await seamProfile.loadApi!({ cacheDir: first });
      const [file] = await readdir(join(first, 'schemas'));
      expect(file).toMatch(/^seam-api-\d+\.\d+\.\d+-[0-9a-f]{16}\.json$/);
      // Another run finds the digest where it keeps it: what it says is what that run knows.
      const digest = JSON.parse(await readFile(join(first, 'schemas', file), 'utf8'));
      digest.routes['/devices/get'].deprecated = 'kept digest';
      await mkdir(join(second, 'schemas'));
      await writeFile(join(second, 'schemas', file), JSON.stringify(digest));
      const api = await seamProfile.loadApi!({ cacheDir: second });
      expect(api.route('/devices/get')?.deprecated).toBe('kept digest');
    } finally {
      await rm(first, { recursive: true, force: true });
      await rm(second, { recursive: true, force: true });
    }
  });
});
