// The PHP client a run uses, the profile's Composer package (Seam's: `seamapi/seam`), in the
// order doc-harness tries them:
//
//   --sdk php=PATH    a local checkout of it: its vendor/autoload.php (after `composer
//                     install`), or its src/ on Debian's php-guzzlehttp-guzzle
//   --sdk php=X.Y.Z   that release, installed by Composer into the cache
//   (default)         the profile's constraint (`^3`) by Composer when Composer is there and
//                     Packagist answers; otherwise the profile's built-in client (Seam's:
//                     runners/php/client), with the reason
//
// A release asked for by name is never replaced by the built-in client: a run comparing SDK
// releases must fail loudly rather than compare the stand-in. Offline, Composer is not run.
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { PhpClient } from '../../harness/profile.ts';
import { clientOf } from '../../harness/run/client.ts';
import { clientRequest, installOnce, isInstalled, readJson, type ClientRequest, type InstallContext, type Installed, type Installer } from '../../harness/run/install/index.ts';

/** The default profile's client: what an install that names no client installs (and its tests ask for). */
const DEFAULT_CLIENT = clientOf({}, 'php') as PhpClient;
/** The default profile's package. */
export const PACKAGE = DEFAULT_CLIENT.package;
/** Debian's Guzzle, which a checkout without vendor/ runs on. */
export const DEBIAN_GUZZLE = '/usr/share/php/GuzzleHttp/autoload.php';

/** How the driver loads the client (driver/client.php), given it as DOC_HARNESS_PHP_CLIENT. */
export type DriverClient = { kind: 'builtin' | 'package'; autoload: string } | { kind: 'checkout'; root: string };

export type PhpInstalled = (Extract<Installed, { ok: true }> & { driver: DriverClient }) | Extract<Installed, { ok: false }>;

export interface PhpInstallContext extends InstallContext {
  /** How to run Composer; default `composer` on PATH. */
  composer?: string;
  /** The profile's client; the default profile's when not given. */
  client?: PhpClient;
}

export const installer = {
  async ensure(context: PhpInstallContext): Promise<PhpInstalled> {
    const { request, client = DEFAULT_CLIENT } = context;
    if (request.kind === 'path') return fromCheckout(request.path, client);
    const composed = await withComposer(context, request, client);
    if (composed.ok || request.kind === 'version' || !client.builtIn) return composed;
    return builtIn(composed.reason, client, client.builtIn);
  },
} satisfies Installer;

/** The client for a run's settings, installed once per cache and request. */
export function ensurePhpClient(env: { cacheDir: string; sdkVersion?: string; offline?: boolean }, client: PhpClient): Promise<PhpInstalled> {
  const request = clientRequest(env.sdkVersion);
  const key = `${env.cacheDir}\0${JSON.stringify(request)}\0${env.offline ?? false}\0${client.package}`;
  let installed = memo.get(key);
  if (!installed) {
    installed = installer.ensure({ cacheDir: env.cacheDir, request, offline: env.offline ?? false, client });
    memo.set(key, installed);
    void installed.then(
      (result) => !result.ok && memo.delete(key),
      () => memo.delete(key),
    );
  }
  return installed;
}
const memo = new Map<string, Promise<PhpInstalled>>();

export function builtIn(why: string, client: PhpClient, stand: NonNullable<PhpClient['builtIn']>): PhpInstalled {
  const dir = stand.folder;
  return {
    ok: true,
    // Reports print `<client> <version>`, as the Ruby runner's: `php: built-in client — seamapi/seam
    // not installable`; why, and the release it follows, in the note.
    client: 'built-in client',
    version: `— ${client.package} not installable`,
    dir,
    read: [dir],
    notes: [`${client.package} could not be used (${why}); the built-in client, modelled on ${stand.model}, runs instead: see runners/php/README.md for where it differs`],
    driver: { kind: 'builtin', autoload: path.join(dir, 'autoload.php') },
  };
}

async function fromCheckout(root: string, client: PhpClient): Promise<PhpInstalled> {
  const name = client.package;
  if (!existsSync(root) || !statSync(root).isDirectory()) return { ok: false, reason: `${root} is not a folder (a checkout of ${name})` };
  // As root, the sandbox drops to `nobody`: a checkout it cannot read would fail in the driver.
  if (process.getuid?.() === 0 && (statSync(root).mode & 0o005) !== 0o005) {
    return { ok: false, reason: `${root} is not readable by other users, and snippets run as nobody (chmod o+rx it)` };
  }
  const version = await checkoutVersion(root);
  const base = { ok: true as const, version, dir: root, read: [root] };
  const autoload = path.join(root, 'vendor', 'autoload.php');
  if (existsSync(autoload)) {
    return { ...base, client: `${name} (local checkout ${root})`, driver: { kind: 'package', autoload } };
  }
  if (!existsSync(path.join(root, 'src'))) return { ok: false, reason: `${root} has neither vendor/autoload.php nor src/: not a checkout of ${name}` };
  if (!existsSync(DEBIAN_GUZZLE)) {
    return { ok: false, reason: `${root} has no vendor/ (run \`composer install\` there) and Debian's Guzzle is not installed (apt-get install php-guzzlehttp-guzzle)` };
  }
  return {
    ...base,
    client: `${name} (local checkout ${root}, on Debian's Guzzle)`,
    notes: [`${root} has no vendor/: its src/ runs on Debian's php-guzzlehttp-guzzle, not on the versions its composer.lock pins`],
    driver: { kind: 'checkout', root },
  };
}

/** A checkout's version: composer.json's, else package.json's (where seamapi/php keeps it), else `local`. */
async function checkoutVersion(root: string): Promise<string> {
  for (const file of ['composer.json', 'package.json']) {
    const manifest = await readJson<{ version?: unknown }>(path.join(root, file));
    if (typeof manifest?.version === 'string') return manifest.version;
  }
  return 'local';
}

/** The package by Composer into `<cache>/php/<vendor>+<name>@<constraint>/`, or why not. */
async function withComposer(context: PhpInstallContext, request: Exclude<ClientRequest, { kind: 'path' }>, client: PhpClient): Promise<PhpInstalled> {
  const name = client.package;
  const describe = (dir: string) => describeInstall(dir, name);
  const constraint = request.kind === 'version' ? request.version : client.constraint;
  const dir = path.join(context.cacheDir, 'php', `${name.replace('/', '+')}@${constraint.replace(/[^A-Za-z0-9.^~*_-]/g, '_')}`);
  if (isInstalled(dir)) return describe(dir);
  if (context.offline) return { ok: false, reason: `${name} ${constraint} is not installed and this run may not contact a registry` };
  const composer = context.composer ?? 'composer';
  return installOnce<PhpInstalled>(
    dir,
    async (staging) => {
      await writeFile(path.join(staging, 'composer.json'), `${JSON.stringify({ name: 'doc-harness/php-client', require: {} }, null, 2)}\n`);
      const result = await execa(composer, ['require', '--no-interaction', '--no-progress', '--no-scripts', '--no-plugins', `${name}:${constraint}`], {
        cwd: staging,
        env: { COMPOSER_NO_INTERACTION: '1' },
        reject: false,
        stdin: 'ignore',
        timeout: 300_000,
      });
      if (!result.failed) return { ok: true, client: name, version: '', dir: staging, read: [staging], driver: { kind: 'package', autoload: '' } };
      const missing = result.exitCode === undefined && /ENOENT/.test(String(result.message));
      return { ok: false, reason: missing ? 'composer is not installed' : `composer could not install ${name}:${constraint}: ${firstError(String(result.stderr || result.stdout || result.shortMessage))}` };
    },
    describe,
  );
}

/** A finished Composer install: the version Composer resolved, from its installed.json. */
async function describeInstall(dir: string, name: string): Promise<PhpInstalled> {
  const autoload = path.join(dir, 'vendor', 'autoload.php');
  const installed = await readJson<{ packages?: Array<{ name?: string; version?: string }> } | Array<{ name?: string; version?: string }>>(
    path.join(dir, 'vendor', 'composer', 'installed.json'),
  );
  const packages = Array.isArray(installed) ? installed : (installed?.packages ?? []);
  const version = packages.find((p) => p.name === name)?.version?.replace(/^v/, '');
  if (!existsSync(autoload) || !version) return { ok: false, reason: `the install in ${dir} holds no ${name}` };
  return { ok: true, client: name, version, dir, read: [dir], driver: { kind: 'package', autoload } };
}

function firstError(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const line = lines.find((l) => /error|could not|failed|unable|not found/i.test(l)) ?? lines[0] ?? 'no output';
  return line.slice(0, 300);
}
