// The profile's Go SDK (Seam's: github.com/seamapi/go) and the rewrite helper in doc-harness's
// cache. Installing is the only step that reaches the Go module proxy; a run offline (CI,
// lockdown) uses what is installed or says why not.
//
//   <cache>/go/sdk@v0.6.1/module/   go.mod + go.sum every batch module starts from
//   <cache>/go/sdk@v0.6.1/mod/      that SDK's module graph (GOMODCACHE; also the builds' file proxy)
//   <cache>/go/rewrite@<hash>/      the helper, built from runners/go/rewrite
//   <cache>/go/build-cache/         GOCACHE, shared: a second run builds from cache
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { GoClient } from '../../harness/profile.ts';
import { projectFile } from '../../harness/run/assets.ts';
import { clientOf } from '../../harness/run/client.ts';
import { clientRequest, installOnce, isInstalled, type ClientRequest } from '../../harness/run/install/index.ts';
import type { RunnerEnv } from '../../harness/run/types.ts';
import { buildEnv, downloadEnv, findGo, firstLine, goCache, type GoToolchain } from './toolchain.ts';

/** The default profile's client: what an install that names no profile installs (and its tests ask for). */
const DEFAULT_CLIENT = clientOf({}, 'go') as GoClient;
/** The default profile's release; `--sdk go=<version|path>` picks another. */
export const PINNED_GO_SDK = DEFAULT_CLIENT.version;
/** The module path of every batch program. */
export const BATCH_MODULE = 'doc-harness.local/batch';

export interface GoInstall {
  toolchain: GoToolchain;
  /** The profile's client: its module, and how a batch declares the snippets' variable. */
  client: GoClient;
  /** The SDK's resolved version (`v0.6.1`), or `local <path>`. */
  version: string;
  /** go.mod and go.sum for a batch module. */
  moduleDir: string;
  modCache: string;
  /** The rewrite helper's binary. */
  rewrite: string;
  /** The environment of builds and package checks (no network). */
  buildEnv: Record<string, string>;
  notes: string[];
}

const pending = new Map<string, Promise<GoInstall | { reason: string }>>();

/** The toolchain, the SDK and the helper, installed on first use (once per process and request). */
export function ensureGo(env: Pick<RunnerEnv, 'cacheDir' | 'sdkVersion' | 'offline'> & { profile?: RunnerEnv['profile'] }): Promise<GoInstall | { reason: string }> {
  const client = clientOf(env, 'go');
  if (!client) return Promise.resolve({ reason: `the profile "${env.profile?.name}" describes no Go client` });
  const request = clientRequest(env.sdkVersion);
  const key = `${env.cacheDir}\0${JSON.stringify(request)}\0${env.offline === true}\0${client.module}@${client.version}`;
  let install = pending.get(key);
  if (!install) {
    install = installAll(env.cacheDir, request, env.offline ?? false, client);
    pending.set(key, install);
    void install.then(
      (result) => 'reason' in result && pending.delete(key),
      () => pending.delete(key),
    );
  }
  return install;
}

async function installAll(cacheDir: string, request: ClientRequest, offline: boolean, client: GoClient): Promise<GoInstall | { reason: string }> {
  const toolchain = await findGo();
  if ('reason' in toolchain) return toolchain;
  await mkdir(path.join(goCache(cacheDir).root, 'home'), { recursive: true });
  const [sdk, rewrite] = await Promise.all([installSdk(toolchain, cacheDir, request, offline, client), buildRewrite(toolchain, cacheDir, offline)]);
  if (!sdk.ok) return { reason: sdk.reason };
  if (!rewrite.ok) return { reason: rewrite.reason };
  const notes = [`built with ${toolchain.version}`];
  if (request.kind === 'path') notes.push(`the SDK is the local checkout ${request.path}`);
  return {
    toolchain,
    client,
    version: sdk.version,
    moduleDir: path.join(sdk.dir, 'module'),
    modCache: path.join(sdk.dir, 'mod'),
    rewrite: rewrite.binary,
    buildEnv: buildEnv(toolchain, cacheDir, path.join(sdk.dir, 'mod')),
    notes,
  };
}

/** `0.6.1` and `v0.6.1` name one release. */
function moduleVersion(version: string): string {
  return /^\d/.test(version) ? `v${version}` : version;
}

async function installSdk(
  toolchain: GoToolchain,
  cacheDir: string,
  request: ClientRequest,
  offline: boolean,
  client: GoClient,
): Promise<{ ok: true; dir: string; version: string } | { ok: false; reason: string }> {
  const sdkModule = client.module;
  const root = goCache(cacheDir).root;
  const wanted = request.kind === 'version' ? moduleVersion(request.version) : client.version;
  // The default profile's SDK keeps the folder it always had; another module gets one of its own.
  const name = client.module === DEFAULT_CLIENT.module ? 'sdk' : `sdk-${client.module.replace(/[^A-Za-z0-9.-]/g, '+')}`;
  const dir = path.join(root, request.kind === 'path' ? `${name}-local-${localKey(request.path)}` : `${name}@${wanted}`);
  const label = request.kind === 'path' ? `${sdkModule} from ${request.path}` : `${sdkModule}@${wanted}`;
  if (offline && !isInstalled(dir)) {
    return { ok: false, reason: `${label} is not installed and this run may not contact the Go module proxy (run doc-harness once online first)` };
  }
  return installOnce<{ ok: true; dir: string; version: string } | { ok: false; reason: string }>(
    dir,
    async (staging) => {
      const moduleDir = path.join(staging, 'module');
      await mkdir(moduleDir, { recursive: true });
      // A checkout stands in for the module (any version: the replace decides).
      const replace = request.kind === 'path' ? `\nrequire ${sdkModule} v0.0.0-00010101000000-000000000000\n\nreplace ${sdkModule} => ${request.path}\n` : '';
      await writeFile(path.join(moduleDir, 'go.mod'), `module ${BATCH_MODULE}\n\ngo ${toolchain.language}\n${replace}`);
      // The packages a batch uses, so that tidy records their whole module graph in go.sum.
      const stub = path.join(moduleDir, 'stub.go');
      // The module's root package (snippets import its request types) and the glue's.
      const packages = [...new Set([sdkModule, ...Object.values(client.imports)])];
      await writeFile(stub, `package main\n\nimport (\n${packages.map((p) => `\t_ "${p}"\n`).join('')})\n\nfunc main() {}\n`);
      const env = downloadEnv(toolchain, cacheDir, path.join(staging, 'mod'), false);
      const steps = request.kind === 'path' ? [['mod', 'tidy']] : [['get', `${sdkModule}@${wanted}`], ['mod', 'tidy']];
      for (const args of steps) {
        const result = await execa(toolchain.go, args, { cwd: moduleDir, env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 300_000 });
        if (result.failed) return { ok: false, reason: `go ${args.join(' ')} failed: ${firstLine(String(result.stderr || result.stdout || result.shortMessage))}` };
      }
      await rm(stub);
      return { ok: true, dir: staging, version: '' };
    },
    async (done) => {
      const listed = await execa(toolchain.go, ['list', '-m', '-f', '{{.Version}}', sdkModule], {
        cwd: path.join(done, 'module'),
        env: buildEnv(toolchain, cacheDir, path.join(done, 'mod')),
        extendEnv: false,
        reject: false,
        stdin: 'ignore',
        timeout: 60_000,
      });
      if (listed.failed) return { ok: false, reason: `the installed ${label} is broken: ${firstLine(String(listed.stderr))}` };
      const version = request.kind === 'path' ? `local ${request.path}` : String(listed.stdout).trim();
      return { ok: true, dir: done, version };
    },
  );
}

/** A checkout's cache key: its path and when its go.mod last changed, so an edited one is reinstalled. */
function localKey(dir: string): string {
  let stamp = '';
  try {
    stamp = String(statSync(path.join(dir, 'go.mod')).mtimeMs);
  } catch {
    // No go.mod: `go get` says so.
  }
  return createHash('sha256').update(`${dir}\0${stamp}`).digest('hex').slice(0, 16);
}

const REWRITE_SOURCE = projectFile('runners', 'go', 'rewrite');

/**
 * The rewrite helper, built once per source and Go version. Its dependency (golang.org/x/tools)
 * comes from the proxy on first use; offline, a module cache that has it still builds it.
 */
async function buildRewrite(toolchain: GoToolchain, cacheDir: string, offline: boolean): Promise<{ ok: true; binary: string } | { ok: false; reason: string }> {
  const root = goCache(cacheDir).root;
  const dir = path.join(root, `rewrite@${await sourceKey(toolchain)}`);
  const binary = path.join(dir, 'rewrite');
  const built = await installOnce<{ ok: true; binary: string } | { ok: false; reason: string }>(
    dir,
    async (staging) => {
      const env = downloadEnv(toolchain, cacheDir, path.join(root, 'tools-mod'), offline);
      const result = await execa(toolchain.go, ['build', '-trimpath', '-mod=readonly', '-o', path.join(staging, 'rewrite'), '.'], {
        cwd: REWRITE_SOURCE,
        env,
        extendEnv: false,
        reject: false,
        stdin: 'ignore',
        timeout: 600_000,
      });
      if (!result.failed) return { ok: true, binary };
      const why = firstLine(String(result.stderr || result.stdout || result.shortMessage));
      return { ok: false, reason: `cannot build the Go rewrite helper${offline ? ' offline' : ''}: ${why}` };
    },
    async () => (existsSync(binary) ? { ok: true, binary } : { ok: false, reason: `the rewrite helper is missing from ${dir}` }),
  );
  // Helpers built from an older source are never used again.
  if (built.ok) {
    for (const name of await readdir(root)) {
      if (/^rewrite@[0-9a-f]+$/.test(name) && name !== path.basename(dir)) await rm(path.join(root, name), { recursive: true, force: true });
    }
  }
  return built;
}

async function sourceKey(toolchain: GoToolchain): Promise<string> {
  const hash = createHash('sha256').update(toolchain.version);
  for (const name of (await readdir(REWRITE_SOURCE)).sort()) {
    if (name.endsWith('.go') || name === 'go.mod' || name === 'go.sum') hash.update(`\0${name}\0`).update(await readFile(path.join(REWRITE_SOURCE, name)));
  }
  return hash.digest('hex').slice(0, 16);
}
