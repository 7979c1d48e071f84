// How every runner starts a process: inside a sandbox the snippet cannot talk its way out of.
// Runners say what to run and what it must read; this module decides how it is contained.
//
//   bwrap  Linux with bubblewrap: own network, PID, IPC and UTS namespaces, an allowlisted
//          read-only view of the filesystem, a private /tmp, an unprivileged user, rlimits.
//   none   `--no-sandbox` only: a private HOME and temp folder and the environment allowlist,
//          nothing more. doc-harness never picks it by itself.
import { copyFile, mkdir, mkdtemp } from 'node:fs/promises';
import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { projectFile } from '../assets.ts';
import type { ChildSpec } from '../child.ts';
import { BOX_CWD, BOX_HOME, BOX_MOCK_SOCKET, BOX_TMP, bwrapArgs, prlimitArgs } from './bwrap.ts';
import { boxEnv, type BoxPaths } from './env.ts';
import { DEFAULT_LIMITS, type Limits } from './limits.ts';

export { DEFAULT_LIMITS, formatBytes, limitExceeded, parseBytes, type Limits } from './limits.ts';
export { INHERITED_ENV, type BoxPaths } from './env.ts';
export { isNetworkFailure, networkMessage } from './network.ts';

export type SandboxKind = 'bwrap' | 'none';

/** What a runner asks for: one program, what it must read, and its own variables. */
export interface SandboxRequest {
  /** Names the box in messages and host folders (`python-0`). */
  label: string;
  file: string;
  args: string[];
  /** The runner's variables: the fake key, the mock URL, driver settings. Added to the allowlist. */
  env?: Record<string, string>;
  /** Host paths the program reads (its runtime, its client, its driver): shown read-only. */
  read?: string[];
  /** Host files put read-only into the box's HOME, by their path under HOME (`.cache/seam/blueprint.json`). */
  homeFiles?: Record<string, string>;
  /**
   * Address space the runtime reserves without using it (V8's heap reservations, Go's arenas),
   * added to the memory limit for RLIMIT_AS; the runtime's own heap limit (Node's
   * --max-old-space-size) then says when the snippet used too much.
   */
  reservedBytes?: number;
  /**
   * Make the mock reachable at its 127.0.0.1 address inside (default true). A program that can
   * talk to a Unix socket itself (curl `--unix-socket`) uses `Boxed.mockSocket` instead.
   */
  relay?: boolean;
}

/** A process ready to start: the spec to hand execa, and where its box's folders are inside. */
export interface Boxed extends ChildSpec {
  paths: BoxPaths;
}

export interface Sandboxing {
  kind: SandboxKind;
  limits: Limits;
  /** One line for reports: how snippets are contained in this run. */
  description: string;
  /** The mock's Unix socket as a boxed process sees it; undefined where the host's loopback is shared. */
  mockSocket?: string;
  start(request: SandboxRequest): Promise<Boxed>;
}

export interface SandboxOptions {
  /** `none` only when the user said `--no-sandbox`. */
  mode: 'auto' | 'none';
  /** The run's temporary folder (host folders of `none` boxes). */
  workDir: string;
  /** The replay mock: its loopback port, and a Unix socket of it to bind into boxes. */
  mock?: { port: number; socket: string };
  limits?: Partial<Limits>;
}

/** No sandbox can be made here, and the user did not say `--no-sandbox`. */
export class SandboxUnavailable extends Error {
  constructor(readonly why: string) {
    super(`cannot contain snippets: ${why}. Install bubblewrap (apt-get install bubblewrap), or pass --no-sandbox to run them unconfined`);
  }
}

export async function createSandboxing(options: SandboxOptions): Promise<Sandboxing> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  if (options.mode === 'none') return noSandbox(options, limits);
  const tools = await findBwrap();
  if ('why' in tools) throw new SandboxUnavailable(tools.why);
  if (options.mock) chmodSync(options.mock.socket, 0o666);
  const root = process.getuid?.() === 0;
  const node = process.execPath;
  const init = projectFile('harness', 'run', 'sandbox', 'init.mjs');
  // Node runs the relay in every box, so its installation is always visible (it may live in HOME).
  const nodeHome = path.dirname(path.dirname(node));
  return {
    kind: 'bwrap',
    limits,
    description: `bubblewrap ${tools.version}: own network (mock only), PID and IPC namespaces, read-only system, private /tmp, ${root ? 'a uid of its own' : 'unprivileged user'}`,
    mockSocket: options.mock ? BOX_MOCK_SOCKET : undefined,
    async start(request) {
      // init.mjs relays the mock and watches the box's memory; a program that reaches the mock
      // by its socket and is held by its address-space limit (curl) starts without it.
      const relay = request.relay !== false ? { port: options.mock?.port, init, node, memoryBytes: limits.memoryBytes } : undefined;
      const args = bwrapArgs({
        read: [...(request.read ?? []), ...(relay ? [nodeHome, init] : [])],
        homeFiles: request.homeFiles ?? {},
        mockSocket: options.mock?.socket,
        relay,
        limits: { ...limits, memoryBytes: limits.memoryBytes + (request.reservedBytes ?? 0) },
        user: root ? nextUid() : undefined,
        tools,
        file: request.file,
        args: request.args,
      });
      const paths = { cwd: BOX_CWD, home: BOX_HOME, tmp: BOX_TMP };
      return { file: tools.bwrap, args, env: boxEnv(paths, request.env), cwd: '/', paths };
    },
  };
}

function noSandbox(options: SandboxOptions, limits: Limits): Sandboxing {
  const prlimit = which('prlimit');
  return {
    kind: 'none',
    limits,
    description: 'no sandbox (--no-sandbox): snippets run as doc-harness does, with a private HOME and the environment allowlist only',
    async start(request) {
      await mkdir(options.workDir, { recursive: true });
      const dir = await mkdtemp(path.join(options.workDir, `${request.label.replace(/[^A-Za-z0-9_.-]/g, '_')}-`));
      const paths = { cwd: path.join(dir, 'cwd'), home: path.join(dir, 'home'), tmp: path.join(dir, 'tmp') };
      await Promise.all([mkdir(paths.cwd), mkdir(paths.home), mkdir(paths.tmp)]);
      for (const [relative, host] of Object.entries(request.homeFiles ?? {})) {
        const target = path.join(paths.home, relative);
        await mkdir(path.dirname(target), { recursive: true });
        await copyFile(host, target);
      }
      const env = boxEnv(paths, request.env);
      // Limits still hold where prlimit exists: they are about resources, not containment.
      const boxLimits = { ...limits, memoryBytes: limits.memoryBytes + (request.reservedBytes ?? 0) };
      if (prlimit) return { file: prlimit, args: [...prlimitArgs(prlimit, boxLimits).slice(1), '--', request.file, ...request.args], env, cwd: paths.cwd, paths };
      return { file: request.file, args: request.args, env, cwd: paths.cwd, paths };
    },
  };
}

/**
 * As root, each box runs as a user of its own, from a range no account uses: files only their
 * owner may read stay unreadable, boxes cannot signal each other, and RLIMIT_NPROC, which the
 * kernel counts per user, counts one box's processes.
 */
const FIRST_UID = 700_000;
const UIDS = 100_000;
let uidCounter = 0;
function nextUid(): number {
  return FIRST_UID + ((process.pid * 1000 + uidCounter++) % UIDS);
}

interface BwrapTools {
  bwrap: string;
  prlimit: string;
  setpriv: string;
  version: string;
}
let found: Promise<BwrapTools | { why: string }> | undefined;

/** Finds bubblewrap and util-linux's helpers, and proves a box can be made here (once per process). */
function findBwrap(): Promise<BwrapTools | { why: string }> {
  found ??= (async () => {
    if (process.platform !== 'linux') return { why: `the sandbox needs Linux namespaces; this is ${process.platform}` };
    // DOC_HARNESS_BWRAP names another bubblewrap (a newer build); a path that is not there is the
    // same as none installed.
    const bwrap = process.env.DOC_HARNESS_BWRAP ?? which('bwrap');
    if (!bwrap || !existsSync(bwrap)) return { why: `bubblewrap (bwrap) is not installed${bwrap ? ` at ${bwrap}` : ''}` };
    const prlimit = which('prlimit');
    const setpriv = which('setpriv');
    if (!prlimit || !setpriv) return { why: 'util-linux’s prlimit and setpriv are not installed' };
    const tools = { bwrap, prlimit, setpriv, version: '' };
    const version = await execa(bwrap, ['--version'], { reject: false, stdin: 'ignore', timeout: 10_000 });
    tools.version = /(\d+\.\d+(?:\.\d+)?)/.exec(String(version.stdout))?.[1] ?? 'unknown';
    // A box that runs `true`: user namespaces may be off, or a container may forbid mounts.
    const args = bwrapArgs({ read: [], homeFiles: {}, limits: DEFAULT_LIMITS, user: process.getuid?.() === 0 ? nextUid() : undefined, tools, file: 'true', args: [] });
    const probe = await execa(bwrap, args, { reject: false, stdin: 'ignore', timeout: 20_000, extendEnv: false, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    if (probe.failed) return { why: `bubblewrap cannot make a sandbox here: ${String(probe.stderr || probe.shortMessage).trim().split('\n')[0]}` };
    return tools;
  })();
  return found;
}

function which(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(path.delimiter)) {
    const file = path.join(dir, program);
    if (dir && existsSync(file)) return file;
  }
  for (const dir of ['/usr/bin', '/bin', '/usr/sbin', '/sbin']) {
    if (existsSync(path.join(dir, program))) return path.join(dir, program);
  }
  return undefined;
}

/** For tests and `doc-harness doctor`-style messages: whether bubblewrap works here. */
export async function sandboxAvailable(): Promise<{ ok: true; version: string } | { ok: false; why: string }> {
  const tools = await findBwrap();
  return 'why' in tools ? { ok: false, why: tools.why } : { ok: true, version: tools.version };
}

