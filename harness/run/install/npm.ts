// npm as a client installer: one package into a folder of doc-harness's cache, used by the
// runners whose clients are npm packages (the JavaScript SDK, the Seam CLI).
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { installOnce, isInstalled, readJson, type ClientRequest } from './index.ts';

export type NpmInstalled = { ok: true; dir: string; version: string; engines?: Record<string, string> } | { ok: false; reason: string };

/**
 * Installs `name` (a release, or a local .tgz or folder) into `<root>/<name>@<version>/`, once,
 * and reuses it after: the clients snippets run against never touch the project's or the user's
 * node_modules. Install scripts are not run; peer dependencies are not installed (the Seam CLI's
 * peer is an AI set-up wizard with hundreds of packages that no snippet uses). Offline, only a
 * finished install counts.
 */
export function ensureNpmPackage(root: string, name: string, request: ClientRequest & { fallback: string }, offline: boolean): Promise<NpmInstalled> {
  const spec = request.kind === 'version' ? request.version : request.kind === 'path' ? request.path : request.fallback;
  const dir = join(root, request.kind === 'path' ? `local-${localKey(request.path)}` : `${name.replace('/', '+')}@${spec}`);
  if (offline && !isInstalled(dir)) {
    return Promise.resolve({ ok: false, reason: `${name}@${spec} is not installed and this run may not contact a registry (run \`doc-harness setup\` first)` });
  }
  return installOnce<NpmInstalled>(
    dir,
    async (staging) => {
      await writeFile(join(staging, 'package.json'), `${JSON.stringify({ name: 'doc-harness-client', private: true, type: 'module' }, null, 2)}\n`);
      const target = request.kind === 'path' ? request.path : `${name}@${spec}`;
      const result = await execa(
        'npm',
        ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--omit=peer', '--save-exact', '--loglevel=error', target],
        { cwd: staging, env: npmEnv(), extendEnv: false, reject: false, timeout: 300_000, stdin: 'ignore' },
      );
      if (!result.failed) return { ok: true, dir: staging, version: '' };
      const why =
        result.exitCode === undefined && /ENOENT/.test(String(result.message))
          ? 'npm was not found on PATH'
          : `npm install ${target} failed: ${firstError(String(result.stderr || result.stdout || result.shortMessage))}`;
      return { ok: false, reason: why };
    },
    async (done) => {
      const manifest = await readJson<{ version?: string; engines?: Record<string, string> }>(join(done, 'node_modules', name, 'package.json'));
      if (!manifest) return { ok: false, reason: `npm installed ${spec} but ${name} is not in ${done}` };
      return { ok: true, dir: done, version: String(manifest.version), engines: manifest.engines };
    },
  );
}

/** A local build's cache key: its path and when it last changed, so a rebuilt package is reinstalled. */
function localKey(file: string): string {
  let stamp = '';
  try {
    stamp = String(statSync(file).mtimeMs);
  } catch {
    // A path that does not exist fails in npm, with npm's message.
  }
  return createHash('sha256').update(`${file}\0${stamp}`).digest('hex').slice(0, 16);
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
export function engineNotes(client: string, installed: NpmInstalled, node = process.versions.node): string[] {
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
