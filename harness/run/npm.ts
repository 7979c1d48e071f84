import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

export type Installed = { ok: true; dir: string; version: string; engines?: Record<string, string> } | { ok: false; reason: string };

const MARKER = '.doc-harness-installed.json';
const pending = new Map<string, Promise<Installed>>();

/**
 * Installs one npm package into a folder of doc-harness's own cache (`dir`), on first use, and
 * reuses it after: the clients snippets run against never touch the project's or the user's
 * node_modules. Install scripts are not run; peer dependencies are not installed (the Seam CLI's
 * peer is an AI set-up wizard with hundreds of packages that no snippet uses).
 */
export function ensureNpmPackage(dir: string, name: string, spec: string): Promise<Installed> {
  let install = pending.get(dir);
  if (!install) {
    install = installOnce(dir, name, spec).finally(() => pending.delete(dir));
    pending.set(dir, install);
  }
  return install;
}

/** The version of `name` installed in `dir`, if it is there. */
export async function installedVersion(dir: string, name: string): Promise<Installed | undefined> {
  if (!existsSync(join(dir, MARKER))) return undefined;
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'node_modules', name, 'package.json'), 'utf8'));
    return { ok: true, dir, version: String(manifest.version), engines: manifest.engines };
  } catch {
    return undefined;
  }
}

async function installOnce(dir: string, name: string, spec: string): Promise<Installed> {
  const done = await installedVersion(dir, name);
  if (done) return done;
  // Install beside the final folder and move it in place, so an interrupted install is never reused.
  const staging = `${dir}.staging-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(
      join(staging, 'package.json'),
      `${JSON.stringify({ name: 'doc-harness-client', private: true, type: 'module' }, null, 2)}\n`,
    );
    const result = await execa(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=peer', '--save-exact', '--loglevel=error', `${name}@${spec}`],
      { cwd: staging, env: npmEnv(), extendEnv: false, reject: false, timeout: 300_000, stdin: 'ignore' },
    );
    if (result.failed) {
      const why =
        result.exitCode === undefined && /ENOENT/.test(String(result.message))
        ? 'npm was not found on PATH'
        : `npm install ${name}@${spec} failed: ${firstError(String(result.stderr || result.stdout || result.shortMessage))}`;
      return { ok: false, reason: why };
    }
    await writeFile(join(staging, MARKER), `${JSON.stringify({ name, spec, installedAt: new Date().toISOString() })}\n`);
    await mkdir(dirname(dir), { recursive: true });
    try {
      await rename(staging, dir);
    } catch (error) {
      // Another doc-harness process installed it meanwhile: use theirs.
      if (!(await installedVersion(dir, name))) throw error;
    }
    return (await installedVersion(dir, name)) ?? { ok: false, reason: `npm installed ${name}@${spec} but it is not in ${dir}` };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * npm runs with the user's registry, cache and proxy settings, but without what `npm test` or
 * `npx` put in the environment for the project (its prefix would make npm install there).
 */
function npmEnv(): Record<string, string> {
  const keep = /^npm_config_(registry|cache|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl|cafile|ca|@.*:registry|\/\/.*)$/i;
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^npm_/i.test(key) && !keep.test(key)) continue;
    if (key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return env;
}

function firstError(output: string): string {
  const lines = output.split('\n').map((line) => line.replace(/^npm (error|ERR!)\s*/, '').trim()).filter(Boolean);
  const line = lines.find((l) => !/^(code|errno|syscall|A complete log)/.test(l)) ?? lines[0] ?? 'no output';
  return line.slice(0, 300);
}

/**
 * What the user should know about running this SDK on this Node: said when its declared engine
 * is not met (or is a range too intricate to judge), since a failure may then be the engine's.
 */
export function engineNotes(client: string, installed: Installed, node = process.versions.node): string[] {
  if (!installed.ok) return [];
  const wanted = installed.engines?.node;
  if (!wanted || meetsMinimum(wanted, node) === true) return [];
  return [`${client} ${installed.version} declares node ${wanted}; running on Node ${node}`];
}

/** For a `>=x.y.z` range: whether `version` meets it; undefined for any other range. */
export function meetsMinimum(range: string, version: string): boolean | undefined {
  const minimum = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(range);
  if (!minimum) return undefined;
  const have = version.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const need = Number(minimum[i + 1] ?? 0);
    if ((have[i] ?? 0) !== need) return (have[i] ?? 0) > need;
  }
  return true;
}
