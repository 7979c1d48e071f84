// The bubblewrap command line of one sandbox. What a process inside can see is an allowlist:
// the system's programs and libraries read-only, the folders its runner names read-only (its
// runtime, its client, its driver), a private size-limited /tmp for everything it writes, a
// /proc of its own PID namespace, no network but the mock's relay. It runs as an unprivileged
// user: when doc-harness runs as root, `setpriv` drops to a user of the box's own after bwrap has
// mounted the view, so that files only root may read stay unreadable even where the view shows them.
import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Limits } from './limits.ts';

/** Inside every box. */
export const BOX_TMP = '/tmp';
export const BOX_HOME = '/tmp/home';
export const BOX_CWD = '/tmp/work';
export const BOX_MOCK_SOCKET = '/run/doc-harness/mock.sock';

/** System folders shown read-only; a merged-/usr system has most of them as symlinks. */
const SYSTEM = ['/usr', '/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32', '/etc'];

export interface BwrapPlan {
  /** Host paths to show read-only at the same place. */
  read: string[];
  /** Host files to show read-only in the box's HOME, by their path under HOME. */
  homeFiles: Record<string, string>;
  /** The mock's Unix socket on the host, bound at BOX_MOCK_SOCKET. */
  mockSocket?: string;
  /** Run init.mjs before the command: the mock's relay on this port, and the memory watch. */
  relay?: { port?: number; init: string; node: string; memoryBytes: number };
  limits: Limits;
  /** When doc-harness runs as root: the unprivileged user the command drops to. */
  user?: number;
  /** Where prlimit and setpriv are (util-linux). */
  tools: { prlimit: string; setpriv: string };
  file: string;
  args: string[];
}

export function bwrapArgs(plan: BwrapPlan): string[] {
  const args = ['--die-with-parent', '--new-session', '--unshare-ipc', '--unshare-pid', '--unshare-net', '--unshare-uts', '--unshare-cgroup-try'];
  // Without root, bwrap needs a user namespace to mount anything; as root it mounts directly and
  // setpriv drops every privilege afterwards.
  if (plan.user === undefined) args.push('--unshare-user');
  for (const dir of SYSTEM) {
    if (!existsSync(dir)) continue;
    const stat = lstatSync(dir);
    if (stat.isSymbolicLink()) args.push('--symlink', readlinkSync(dir), dir);
    else args.push('--ro-bind', dir, dir);
  }
  args.push('--proc', '/proc', '--dev', '/dev');
  // Everything writable is this tmpfs: gone with the box, and no larger than the file limit.
  args.push('--perms', '1777', '--size', String(plan.limits.fileBytes), '--tmpfs', BOX_TMP);
  args.push('--perms', '0777', '--dir', BOX_HOME, '--perms', '0777', '--dir', BOX_CWD);

  const made = new Set<string>(['/', BOX_TMP, BOX_HOME, BOX_CWD]);
  const mkdirs = (dir: string, mode = '0755') => {
    const missing: string[] = [];
    for (let d = dir; !made.has(d) && !underSystem(d); d = path.dirname(d)) missing.unshift(d);
    for (const d of missing) {
      args.push('--perms', mode, '--dir', d);
      made.add(d);
    }
  };
  for (const host of visible(plan.read)) {
    mkdirs(path.dirname(host));
    args.push('--ro-bind', host, host);
    made.add(host);
  }
  for (const [relative, host] of Object.entries(plan.homeFiles)) {
    const inside = path.posix.join(BOX_HOME, relative);
    // Folders under HOME stay writable by the box's user, as a real HOME's are.
    mkdirs(path.dirname(inside), '0777');
    args.push('--ro-bind', host, inside);
  }
  if (plan.mockSocket) {
    mkdirs(path.dirname(BOX_MOCK_SOCKET));
    args.push('--bind', plan.mockSocket, BOX_MOCK_SOCKET);
  }
  args.push('--chdir', BOX_CWD, '--');

  if (plan.user !== undefined) {
    args.push(plan.tools.setpriv, `--reuid=${plan.user}`, `--regid=${plan.user}`, '--clear-groups', '--inh-caps=-all', '--bounding-set=-all', '--');
  }
  if (plan.relay) {
    args.push(plan.relay.node, plan.relay.init);
    if (plan.relay.port !== undefined) args.push('--relay', `${plan.relay.port}=${BOX_MOCK_SOCKET}`);
    args.push('--memory', String(plan.relay.memoryBytes), '--');
  }
  args.push(...prlimitArgs(plan.tools.prlimit, plan.limits), '--', plan.file, ...plan.args);
  return args;
}

/** `prlimit` with the box's limits: every process the command starts inherits them. */
export function prlimitArgs(prlimit: string, limits: Limits): string[] {
  return [
    prlimit,
    `--as=${Number.isFinite(limits.memoryBytes) ? limits.memoryBytes : 'unlimited'}`,
    `--cpu=${limits.cpuSeconds}`,
    `--nproc=${limits.processes}`,
    `--fsize=${limits.fileBytes}`,
    // No core files: a crash is reported, not written to disk.
    '--core=0',
  ];
}

/**
 * The read paths as they must be bound: each one and, when it is reached through a symlink, its
 * real place too; nothing already inside a system folder or another bound path; shortest first.
 */
function visible(paths: readonly string[]): string[] {
  const all = new Set<string>();
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const absolute = path.resolve(p);
    all.add(absolute);
    all.add(realpathSync(absolute));
  }
  const sorted = [...all].filter((p) => !underSystem(p)).sort((a, b) => a.length - b.length);
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => p === q || p.startsWith(`${q}/`)));
}

function underSystem(p: string): boolean {
  return SYSTEM.some((dir) => p === dir || p.startsWith(`${dir}/`));
}
