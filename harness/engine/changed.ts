// `test --changed [ref]`: the files that differ from a git ref in the docs' repository (committed
// since, changed in the work tree, or new and not ignored), for running only the pages they touch.
import path from 'node:path';
import { execa } from 'execa';

/** What went wrong asking git: not a repository, an unknown ref. A configuration error for the caller. */
export class ChangedError extends Error {
  override name = 'ChangedError';
}

/** Absolute paths of the files under `dir` that differ from `ref`. */
export async function changedFiles(dir: string, ref: string): Promise<Set<string>> {
  const git = (...args: string[]) => execa('git', ['-C', dir, ...args], { reject: false, stdin: 'ignore', timeout: 30_000 });
  const top = await git('rev-parse', '--show-toplevel');
  if (top.exitCode !== 0) throw new ChangedError(`--changed: ${dir} is not in a git repository`);
  const root = top.stdout.trim();
  const known = await git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  if (known.exitCode !== 0) throw new ChangedError(`--changed: git knows no commit "${ref}"`);
  // -z: names as they are, whatever characters they hold.
  const [diff, untracked] = await Promise.all([
    git('diff', '--name-only', '-z', '--no-renames', ref, '--', '.'),
    git('ls-files', '--others', '--exclude-standard', '-z', '--full-name', '--', '.'),
  ]);
  if (diff.exitCode !== 0) throw new ChangedError(`--changed: git diff ${ref} failed: ${diff.stderr.split('\n')[0]}`);
  const names = [...diff.stdout.split('\0'), ...untracked.stdout.split('\0')].filter(Boolean);
  return new Set(names.map((name) => path.join(root, name)));
}
