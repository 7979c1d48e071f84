// How every runner gets its client into doc-harness's cache. One interface for every package
// manager (npm, a Python virtualenv, RubyGems, Composer, the Go module proxy), one way to make an
// install safe to interrupt: it is built in a staging folder beside its final place and moved in
// whole, so a folder without the marker is never used, and staging left by a killed run is
// removed by the next one.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A client ready to run, or why there is none. */
export type Installed =
  | {
      ok: true;
      /** The client's name as reports show it (`seam`, `@seamapi/cli`, `github.com/seamapi/go`). */
      client: string;
      version: string;
      /** Its folder in the cache (or the local build's folder). */
      dir: string;
      /** Host paths its processes must read (shown read-only in the sandbox). */
      read: string[];
      /** What the user should know (an engine warning, a local build, a built-in client). */
      notes?: string[];
    }
  | { ok: false; reason: string };

/**
 * `--sdk <language>=…`: a release to install (`3.18.0`), or a local build (`./dist/seam.whl`, a
 * checkout): a value that names an existing path, or starts with `.`, `/` or `~`, is a path.
 */
export type ClientRequest = { kind: 'default' } | { kind: 'version'; version: string } | { kind: 'path'; path: string };

export function clientRequest(sdk: string | undefined, cwd = process.cwd()): ClientRequest {
  if (sdk === undefined || sdk === '') return { kind: 'default' };
  if (/^[./~]/.test(sdk) || existsSync(path.resolve(cwd, sdk))) {
    const expanded = sdk.startsWith('~') ? path.join(process.env.HOME ?? '', sdk.slice(1)) : sdk;
    return { kind: 'path', path: path.resolve(cwd, expanded) };
  }
  return { kind: 'version', version: sdk };
}

export interface InstallContext {
  cacheDir: string;
  request: ClientRequest;
  /** Never contact a registry: only what is installed already counts. */
  offline: boolean;
}

/** One language's client installer. */
export interface Installer {
  /** The installed client (installing it first unless offline), or why it cannot run. */
  ensure(context: InstallContext): Promise<Installed>;
}

const MARKER = '.doc-harness-installed.json';
const STAGING = '.staging-';

/** Whether `dir` holds a finished install (its marker is written last). */
export function isInstalled(dir: string): boolean {
  return existsSync(path.join(dir, MARKER));
}

const pending = new Map<string, Promise<unknown>>();

/**
 * Builds `dir` once: `build(staging)` fills a staging folder beside it, which is then marked and
 * moved into place. Concurrent calls in one process share the work; another process that got
 * there first wins the rename and its install is used. Staging folders of runs that died are
 * removed first.
 */
export function installOnce<T>(dir: string, build: (staging: string) => Promise<T>, describe: (dir: string) => Promise<T>): Promise<T> {
  let install = pending.get(dir) as Promise<T> | undefined;
  if (!install) {
    install = (async () => {
      if (isInstalled(dir)) return describe(dir);
      // Another doc-harness (a parallel test worker, a second terminal) installing the same
      // client: wait for it rather than build it twice side by side.
      const release = await lock(dir);
      if (isInstalled(dir)) {
        await release();
        return describe(dir);
      }
      await cleanStaging(dir);
      const staging = `${dir}${STAGING}${process.pid}-${Date.now()}`;
      await mkdir(staging, { recursive: true });
      try {
        const built = await build(staging);
        if (isFailure(built)) return built;
        await writeFile(path.join(staging, MARKER), `${JSON.stringify({ installedAt: new Date().toISOString() })}\n`);
        await mkdir(path.dirname(dir), { recursive: true });
        try {
          await rename(staging, dir);
        } catch (error) {
          // Another doc-harness installed it meanwhile: use theirs.
          if (!isInstalled(dir)) throw error;
        }
        return describe(dir);
      } finally {
        await rm(staging, { recursive: true, force: true });
        await release();
      }
    })().finally(() => pending.delete(dir));
    pending.set(dir, install);
  }
  return install;
}

/** How long an install may hold its lock before another run stops waiting for it. */
const LOCK_WAIT_MS = 15 * 60 * 1000;

/**
 * Takes `<dir>.lock` (its content: the holder's pid), waiting while a live process holds it; a
 * lock whose process is gone is taken over. Resolves to the function that releases it.
 */
async function lock(dir: string): Promise<() => Promise<void>> {
  const file = `${dir}.lock`;
  await mkdir(path.dirname(dir), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: 'wx' });
      return () => rm(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = Number(await readFile(file, 'utf8').catch(() => ''));
    if (!holder || !alive(holder) || Date.now() > deadline || isInstalled(dir)) {
      if (isInstalled(dir)) return async () => undefined;
      await rm(file, { force: true });
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function isFailure(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { ok?: unknown }).ok === false;
}

/** Removes staging folders of `dir` whose process is gone (an install killed half-way). */
export async function cleanStaging(dir: string): Promise<string[]> {
  const parent = path.dirname(dir);
  const prefix = `${path.basename(dir)}${STAGING}`;
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)-/.exec(name.slice(prefix.length))?.[1]);
    if (pid && pid !== process.pid && alive(pid)) continue;
    if (pid === process.pid && pending.has(dir)) continue;
    await rm(path.join(parent, name), { recursive: true, force: true });
    removed.push(path.join(parent, name));
  }
  return removed;
}

/** Every finished-or-not install folder under the cache: removes the unfinished ones of dead runs. */
export async function cleanCache(cacheDir: string): Promise<string[]> {
  const removed: string[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const full = path.join(dir, entry.name);
      const at = entry.name.indexOf(STAGING);
      if (at > 0) removed.push(...(await cleanStaging(path.join(dir, entry.name.slice(0, at)))));
      else if (depth < 2 && !isInstalled(full)) await walk(full, depth + 1);
    }
  };
  await walk(cacheDir, 0);
  return removed;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const UNAVAILABLE = '.unavailable.json';
/** How long a registry that could not be reached is not asked again (`doc-harness setup` always asks). */
const REMEMBER_MS = 60 * 60 * 1000;

/**
 * Why `dir` could not be installed lately, if it could not: a registry that is unreachable from
 * this machine (RubyGems here) is not asked again on every run, which would cost every run the
 * time it takes to fail.
 */
export async function recentFailure(dir: string): Promise<string | undefined> {
  const noted = await readJson<{ reason: string; at: number }>(`${dir}${UNAVAILABLE}`);
  return noted && Date.now() - noted.at < REMEMBER_MS ? noted.reason : undefined;
}

export async function rememberFailure(dir: string, reason: string): Promise<void> {
  await mkdir(path.dirname(dir), { recursive: true });
  await writeFile(`${dir}${UNAVAILABLE}`, `${JSON.stringify({ reason, at: Date.now() })}\n`);
}

/** Forgets every remembered failure under the cache, so that the next install asks again. */
export async function forgetFailures(cacheDir: string): Promise<void> {
  const entries = await readdir(cacheDir, { recursive: true }).catch(() => [] as string[]);
  await Promise.all(entries.filter((entry) => entry.endsWith(UNAVAILABLE)).map((entry) => rm(path.join(cacheDir, entry), { force: true })));
}

/** Reads a JSON file, or undefined. */
export async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
