// The Python client: the profile's PyPI package (Seam's: `seam`) in a virtualenv doc-harness owns,
// under `<cacheDir>/python/<package>@<version>/` (a local build: `local-<key>/`), made once by
// `python -m venv` and `pip install` in a staging folder and moved into place (installOnce). The
// moved virtualenv still runs as `<venv>/bin/python`: that is a symlink to the base interpreter,
// and pyvenv.cfg beside it names the base by an absolute path; only pip's own scripts keep the
// staging path in their shebangs, and nothing here runs them.
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import type { PythonClient } from '../../harness/profile.ts';
import { clientOf } from '../../harness/run/client.ts';
import { installOnce, isInstalled, type ClientRequest, type InstallContext, type Installed, type Installer } from '../../harness/run/install/index.ts';

/** The default profile's client: what an install that names no client installs (and its tests ask for). */
const DEFAULT_CLIENT = clientOf({}, 'python') as PythonClient;

/** The default profile's release; `--sdk python=<version|path>` picks another. */
export const PINNED_SEAM_VERSION = DEFAULT_CLIENT.version;

/** Interpreters to try, in order: the usual name first, then the versioned ones. */
const CANDIDATES = ['python3', 'python3.13', 'python3.12', 'python3.11', 'python'];

/** What a probe prints about an interpreter (PROBE below). */
interface Probe {
  version: [number, number, number];
  executable: string;
  basePrefix: string;
  venv: boolean;
  /** The installed version of the package named on the probe's command line. */
  package: string | null;
}

// -I: no user site, no PYTHON* variables, no script folder on sys.path: the probe sees the
// interpreter as the driver will, whatever the caller's environment holds.
const PROBE = `
import json, sys
try:
    import ensurepip, venv
    has_venv = True
except ImportError:
    has_venv = False
try:
    from importlib.metadata import version
    package = version(sys.argv[1]) if len(sys.argv) > 1 else None
except Exception:
    package = None
print(json.dumps({"version": list(sys.version_info[:3]), "executable": sys.executable,
                  "basePrefix": sys.base_prefix, "venv": has_venv, "package": package}))
`;

async function probe(python: string, distribution?: string): Promise<Probe | undefined> {
  const result = await execa(python, ['-I', '-c', PROBE, ...(distribution ? [distribution] : [])], { reject: false, stdin: 'ignore', timeout: 30_000 });
  if (result.failed) return undefined;
  try {
    return JSON.parse(String(result.stdout).trim().split('\n').pop() ?? '') as Probe;
  } catch {
    return undefined;
  }
}

const dotted = (version: readonly number[]) => version.join('.');

/** The first interpreter on PATH that can make a virtualenv for the SDK, or why there is none. */
export async function findPython(
  candidates: readonly string[] = CANDIDATES,
  client: PythonClient = DEFAULT_CLIENT,
): Promise<{ ok: true; python: string; probe: Probe } | { ok: false; reason: string }> {
  const minimum = client.minimumPython.split('.').map(Number);
  const atLeastMinimum = (version: readonly number[]) => version[0] > minimum[0] || (version[0] === minimum[0] && version[1] >= (minimum[1] ?? 0));
  const seen: string[] = [];
  for (const name of candidates) {
    const found = await probe(name);
    if (!found) continue;
    if (!atLeastMinimum(found.version)) {
      seen.push(`${name} is Python ${dotted(found.version)} (${found.executable})`);
    } else if (!found.venv) {
      seen.push(`${name} (Python ${dotted(found.version)}, ${found.executable}) cannot make a virtualenv: it has no venv/ensurepip module (on Debian: apt-get install python3-venv)`);
    } else {
      return { ok: true, python: found.executable, probe: found };
    }
  }
  const need = `the ${client.package} SDK needs Python ≥ ${client.minimumPython}`;
  if (seen.length === 0) return { ok: false, reason: `no Python found on PATH (tried ${candidates.join(', ')}); ${need}` };
  return { ok: false, reason: `${need}: ${seen.join('; ')}` };
}

/** Where a request is installed in the cache, and what pip is asked to install. */
function target(cacheDir: string, request: ClientRequest, client: PythonClient): { dir: string; spec: string; what: string } {
  const root = path.join(cacheDir, 'python');
  if (request.kind === 'path') return { dir: path.join(root, `local-${localKey(request.path)}`), spec: request.path, what: request.path };
  const version = request.kind === 'version' ? request.version : client.version;
  return { dir: path.join(root, `${client.package}@${version}`), spec: `${client.package}==${version}`, what: `${client.package}==${version}` };
}

/**
 * A local build's cache key: its path and when it last changed, so that a rebuilt wheel or an
 * edited checkout is installed again. For a folder that is its newest file (a checkout's own
 * mtime does not move when a file in it is edited); version control and build output are skipped.
 */
function localKey(file: string): string {
  return createHash('sha256').update(`${file}\0${newestChange(file)}`).digest('hex').slice(0, 16);
}

const NOT_SOURCE = new Set(['.git', '.hg', '.venv', 'venv', 'node_modules', '__pycache__', 'build', 'dist', '.tox', '.nox', '.mypy_cache', '.pytest_cache']);

function newestChange(file: string): number {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    // A path that does not exist fails in pip, with pip's message.
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(file, { withFileTypes: true })) {
    if (entry.isDirectory() && (NOT_SOURCE.has(entry.name) || entry.name.endsWith('.egg-info'))) continue;
    if (entry.isDirectory() || entry.isFile()) newest = Math.max(newest, newestChange(path.join(file, entry.name)));
  }
  return newest;
}

/**
 * pip runs with the user's index, proxy and certificate settings, but nothing that would send
 * the install elsewhere (a user or target install) or change the interpreter (PYTHONPATH, …).
 */
function pipEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined || /^PYTHON/.test(key) || /^PIP_(USER|TARGET|PREFIX|ROOT|REQUIRE_VIRTUALENV)$/.test(key) || key === 'VIRTUAL_ENV') continue;
    env[key] = value;
  }
  return { ...env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
}

function firstError(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const line = lines.find((l) => l.startsWith('ERROR:'))?.replace(/^ERROR:\s*/, '') ?? lines.pop() ?? 'no output';
  // pip lists every release there is after "no such version": not what the reader needs.
  return line.replace(/ \(from versions: [^)]*\)/, '').slice(0, 300);
}

/** The virtualenv's interpreter. */
export function venvPython(dir: string): string {
  return path.join(dir, 'bin', 'python');
}

async function build(staging: string, spec: string, client: PythonClient): Promise<Installed> {
  const python = await findPython(CANDIDATES, client);
  if (!python.ok) return python;
  const venv = await execa(python.python, ['-m', 'venv', staging], { reject: false, stdin: 'ignore', timeout: 300_000, env: pipEnv(), extendEnv: false });
  if (venv.failed) return { ok: false, reason: `python -m venv failed: ${firstError(String(venv.stderr || venv.stdout || venv.shortMessage))}` };
  const pip = await execa(venvPython(staging), ['-m', 'pip', 'install', '--quiet', spec], {
    reject: false,
    stdin: 'ignore',
    timeout: 600_000,
    env: pipEnv(),
    extendEnv: false,
  });
  if (pip.failed) return { ok: false, reason: `pip install ${spec} failed: ${firstError(String(pip.stderr || pip.stdout || pip.shortMessage))}` };
  // Only success matters here: describe() reads the folder once it is in its final place.
  return { ok: true, client: client.package, version: '', dir: staging, read: [] };
}

/** A finished virtualenv, checked by running it: its interpreter may have gone since. */
async function describe(dir: string, request: ClientRequest, client: PythonClient): Promise<Installed> {
  const found = await probe(venvPython(dir), client.package);
  if (!found) return { ok: false, reason: `the virtualenv ${dir} does not run (its Python may be gone); remove it to reinstall` };
  if (!found.package) return { ok: false, reason: `the ${client.package} package is not installed in ${dir}; remove it to reinstall` };
  return {
    ok: true,
    client: client.package,
    version: found.package,
    dir,
    // The sandbox shows only these: the virtualenv, and the base interpreter it links to.
    read: [dir, found.basePrefix],
    notes: request.kind === 'path' ? [`local build ${request.path} (Python ${dotted(found.version)})`] : undefined,
  };
}

const ensured = new Map<string, Promise<Installed>>();

export const installer = {
  /** `client`: the profile's; the default profile's when not given. */
  ensure({ cacheDir, request, offline, client = DEFAULT_CLIENT }: InstallContext & { client?: PythonClient }) {
    // Asked once per warm process (and per sample under --isolate): a local build's key, which
    // walks its folder, is taken once per run.
    const key = JSON.stringify([cacheDir, request, offline, client.package, client.version]);
    let install = ensured.get(key);
    if (!install) {
      const { dir, spec, what } = target(cacheDir, request, client);
      install =
        offline && !isInstalled(dir)
          ? Promise.resolve<Installed>({ ok: false, reason: `${what} is not installed in ${dir}, and this run may not contact a registry (a run outside CI or lockdown installs it)` })
          : installOnce<Installed>(dir, (staging) => build(staging, spec, client), (done) => describe(done, request, client));
      ensured.set(key, install);
      // A failure is not remembered: the next run (or a retry in this process) tries again.
      void install.then((result) => result.ok || ensured.delete(key), () => ensured.delete(key));
    }
    return install;
  },
} satisfies Installer;
