// The Seam CLI in doc-harness's cache: the profile's CLI package (`@seamapi/cli`) installed on
// first use, its schema cache built offline (schema.mjs), and an in-process entry made from its
// own bin (entry.ts).
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import type { CliClient } from '../../harness/profile.ts';
import { projectFile } from '../../harness/run/assets.ts';
import { clientOf, noClient } from '../../harness/run/client.ts';
import { clientRequest } from '../../harness/run/install/index.ts';
import { engineNotes, ensureNpmPackage } from '../../harness/run/install/npm.ts';
import type { RunnerEnv } from '../../harness/run/types.ts';
import { makeInProcessEntry } from './entry.ts';

export interface CliInstall {
  /** The profile's client: its package, bin and environment. */
  client: CliClient;
  version: string;
  /** The install's folder in the cache: what its processes read. */
  installDir: string;
  /** node_modules/<package> */
  packageDir: string;
  /** Its bin, for a process per command. */
  bin: string;
  /** The module that exports `runCli(argv)`, or why there is none (then: a process per command). */
  entry: { ok: true; file: string } | { ok: false; reason: string };
  /** The schema cache file to put in each sandbox HOME. */
  schemaFile: string;
  typesVersion: string;
  notes: string[];
}

/** Bumped when schema.mjs changes what it writes, so older cached schemas are rebuilt. */
const SCHEMA_BUILD = 1;

const pending = new Map<string, Promise<CliInstall | { failed: string }>>();

/** `--sdk seam_cli=<version|path>` picks the release; the profile's otherwise. */
export function ensureCli(env: Pick<RunnerEnv, 'cacheDir' | 'sdkVersion' | 'offline' | 'profile'>): Promise<CliInstall | { failed: string }> {
  const client = clientOf(env, 'seam_cli');
  if (!client) return Promise.resolve({ failed: noClient(env, 'command-line') });
  const request = clientRequest(env.sdkVersion);
  const key = `${env.cacheDir}\0${client.package}\0${request.kind === 'default' ? client.version : request.kind === 'version' ? request.version : request.path}`;
  let install = pending.get(key);
  if (!install) {
    install = installCli(env.cacheDir, { ...request, fallback: client.version }, env.offline ?? false, client);
    pending.set(key, install);
    // A failed or thrown install is tried again next time; the rejection itself is the caller's.
    void install.then(
      (result) => 'failed' in result && pending.delete(key),
      () => pending.delete(key),
    );
  }
  return install;
}

async function installCli(
  cacheDir: string,
  request: ReturnType<typeof clientRequest> & { fallback: string },
  offline: boolean,
  client: CliClient,
): Promise<CliInstall | { failed: string }> {
  const installed = await ensureNpmPackage(join(cacheDir, 'seam_cli'), client.package, request, offline);
  if (!installed.ok) return { failed: `cannot install ${client.package}: ${installed.reason}` };
  const dir = installed.dir;
  const packageDir = join(dir, 'node_modules', ...client.package.split('/'));
  const manifest = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  const binPath = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[client.bin];
  if (!binPath) return { failed: `${client.package} ${installed.version} has no \`${client.bin}\` bin` };
  const bin = join(packageDir, binPath);

  const types = await typesModule();
  const schemaFile = join(dir, 'doc-harness', `blueprint-types@${types.version}-build${SCHEMA_BUILD}.json`);
  const reportFile = `${schemaFile}.report.json`;
  if (!existsSync(schemaFile) || !existsSync(reportFile)) {
    // Built under a name of its own and moved in place: another doc-harness may be building it too.
    const staging = `${schemaFile}.${process.pid}`;
    const built = await execa(process.execPath, [projectFile('runners', 'seam_cli', 'schema.mjs'), packageDir, types.url, staging], {
      reject: false,
      stdin: 'ignore',
      timeout: 120_000,
    });
    if (built.failed) return { failed: `cannot build the CLI's schema cache: ${String(built.stderr || built.shortMessage).trim().split('\n')[0]}` };
    await writeFile(`${reportFile}.${process.pid}`, String(built.stdout));
    await rename(staging, schemaFile);
    await rename(`${reportFile}.${process.pid}`, reportFile);
  }
  const report = JSON.parse(await readFile(reportFile, 'utf8')) as { typesVersion: string; repairs: Array<{ left: string; why: string }> };

  const notes: string[] = [];
  notes.push(...engineNotes(client.package, { ...installed, engines: manifest.engines }));
  notes.push(`schema built offline from @seamapi/types ${report.typesVersion}`);
  if (report.repairs.length > 0) {
    notes.push(
      `the CLI's @seamapi/blueprint rejects ${report.repairs.length} part(s) of that schema, left out ` +
        `(the CLI cannot call them): ${report.repairs.map((r) => `${r.left} (${r.why})`).join(', ')}`,
    );
  }
  const entry = await makeInProcessEntry(bin);
  if (!entry.ok) notes.push(`no in-process entry (${entry.reason}): one process per command`);
  return { client, version: installed.version, installDir: dir, packageDir, bin, entry, schemaFile, typesVersion: report.typesVersion, notes };
}

/** The @seamapi/types doc-harness depends on: its OpenAPI document is the CLI's schema. */
async function typesModule(): Promise<{ url: string; version: string }> {
  const require = createRequire(import.meta.url);
  let root = dirname(require.resolve('@seamapi/types/connect'));
  let manifest: { name?: string; version?: string; exports?: Record<string, { import?: { default?: string } }> } = {};
  for (; ; root = dirname(root)) {
    const file = join(root, 'package.json');
    if (existsSync(file)) {
      manifest = JSON.parse(await readFile(file, 'utf8'));
      if (manifest.name === '@seamapi/types') break;
    }
    if (dirname(root) === root) throw new Error('cannot find the @seamapi/types package');
  }
  const module = manifest.exports?.['./connect']?.import?.default ?? './connect.js';
  return { url: pathToFileURL(join(root, module)).href, version: String(manifest.version) };
}
