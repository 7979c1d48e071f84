// Which PHP client a run gets, and why: Composer stand-ins (a script that fails as an unreachable
// Packagist does, one that installs a package) stand for Composer, which this machine lacks.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectFile } from '../../harness/run/assets.ts';
import { clientRequest } from '../../harness/run/install/index.ts';
import { DEBIAN_GUZZLE, installer, PACKAGE } from './install.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'doc-harness-php-install-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A `composer` that runs `body` (sh) in the folder it is called in. */
async function composer(name: string, body: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

const UNREACHABLE = 'echo \'The "https://repo.packagist.org/packages.json" file could not be downloaded: Network is unreachable\' >&2; exit 1';
const INSTALLS = [
  'mkdir -p vendor/composer',
  'echo "<?php" > vendor/autoload.php',
  `echo '{"packages":[{"name":"${PACKAGE}","version":"v3.9.1"}]}' > vendor/composer/installed.json`,
].join('\n');

describe('the PHP installer', () => {
  it('falls back to the built-in client, saying why, when Composer is missing', async () => {
    const cacheDir = path.join(dir, 'missing');
    const installed = await installer.ensure({ cacheDir, request: clientRequest(undefined), offline: false, composer: path.join(dir, 'no-such-composer') });
    expect(installed).toMatchObject({ ok: true, client: "built-in client", version: `— ${PACKAGE} not installable`, driver: { kind: "builtin" } });
    if (installed.ok) expect(installed.notes?.join("\n")).toMatch(/composer is not installed/);
    const client = projectFile('runners', 'php', 'client');
    expect(installed).toMatchObject({ dir: client, read: [client], driver: { autoload: path.join(client, 'autoload.php') } });
  });

  it("falls back with Composer's own words when Packagist cannot be reached, and leaves nothing in the cache", async () => {
    const cacheDir = path.join(dir, 'unreachable');
    const installed = await installer.ensure({ cacheDir, request: clientRequest(undefined), offline: false, composer: await composer('composer-offline', UNREACHABLE) });
    expect(installed).toMatchObject({ ok: true, driver: { kind: 'builtin' } });
    if (installed.ok) expect(installed.notes?.join("\n")).toMatch(/could not install seamapi\/seam:\^3: .*packages\.json" file could not be downloaded/);
    expect(existsSync(path.join(cacheDir, 'php', 'seamapi+seam@^3'))).toBe(false);
  });

  it('never stands the built-in client in for a release asked for by name', async () => {
    const cacheDir = path.join(dir, 'version');
    const installed = await installer.ensure({ cacheDir, request: clientRequest('3.9.1'), offline: false, composer: await composer('composer-offline-2', UNREACHABLE) });
    expect(installed).toMatchObject({ ok: false, reason: expect.stringMatching(/could not install seamapi\/seam:3\.9\.1/) });
  });

  it('installs with Composer into the cache once, and reuses the install offline', async () => {
    const cacheDir = path.join(dir, 'installs');
    const request = clientRequest('3.9.1');
    const installed = await installer.ensure({ cacheDir, request, offline: false, composer: await composer('composer-ok', INSTALLS) });
    const target = path.join(cacheDir, 'php', 'seamapi+seam@3.9.1');
    expect(installed).toEqual({ ok: true, client: PACKAGE, version: '3.9.1', dir: target, read: [target], driver: { kind: 'package', autoload: path.join(target, 'vendor', 'autoload.php') } });
    const again = await installer.ensure({ cacheDir, request, offline: true, composer: path.join(dir, 'no-such-composer') });
    expect(again).toEqual(installed);
  });

  it('offline, contacts no registry: the built-in client by default, an error for a named release', async () => {
    const cacheDir = path.join(dir, 'offline');
    const marker = path.join(dir, 'composer-ran');
    const spy = await composer('composer-spy', `touch ${marker}; exit 1`);
    const byDefault = await installer.ensure({ cacheDir, request: clientRequest(undefined), offline: true, composer: spy });
    const named = await installer.ensure({ cacheDir, request: clientRequest('3.9.1'), offline: true, composer: spy });
    expect(byDefault).toMatchObject({ ok: true, client: 'built-in client' });
    if (byDefault.ok) expect(byDefault.notes?.join('\n')).toMatch(/may not contact a registry/);
    expect(named).toMatchObject({ ok: false, reason: expect.stringMatching(/not installed and this run may not contact a registry/) });
    expect(existsSync(marker)).toBe(false);
  });

  it('runs a local checkout: its vendor/autoload.php, or its src/ on Debian’s Guzzle', async () => {
    const withVendor = path.join(dir, 'checkout-vendor');
    await mkdir(path.join(withVendor, 'vendor'), { recursive: true });
    await writeFile(path.join(withVendor, 'vendor', 'autoload.php'), '<?php\n');
    await writeFile(path.join(withVendor, 'package.json'), '{"version":"3.10.0"}');
    expect(await installer.ensure({ cacheDir: dir, request: clientRequest(withVendor), offline: true })).toMatchObject({
      ok: true,
      version: '3.10.0',
      read: [withVendor],
      driver: { kind: 'package', autoload: path.join(withVendor, 'vendor', 'autoload.php') },
    });

    const sourceOnly = path.join(dir, 'checkout-src');
    await mkdir(path.join(sourceOnly, 'src'), { recursive: true });
    const fromSource = await installer.ensure({ cacheDir: dir, request: clientRequest(sourceOnly), offline: true });
    if (existsSync(DEBIAN_GUZZLE)) expect(fromSource).toMatchObject({ ok: true, version: 'local', driver: { kind: 'checkout', root: sourceOnly } });
    else expect(fromSource).toMatchObject({ ok: false, reason: expect.stringMatching(/php-guzzlehttp-guzzle/) });

    expect(await installer.ensure({ cacheDir: dir, request: clientRequest(path.join(dir, 'nowhere')), offline: true })).toMatchObject({ ok: false });
  });
});
