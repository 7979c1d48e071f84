// `doc-harness test --watch`: for a docs author with a page open. One whole run first, then each
// time a page is saved (or its recordings are), that page's examples run again, reported as any
// run is; unchanged examples answer from the result cache, so a save costs what its edit does.
// Node's own fs.watch (recursive: inotify on Linux, FSEvents on macOS) does the watching.
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { findDocsRoot, RECORDINGS_FOLDER } from '../mock/index.ts';
import type { CliIo } from './io.ts';
import { runWith, testSettings } from './commands/test.ts';

/** Saves that come together (an editor writes, then renames) make one rerun. */
const SETTLE_MS = 150;

const MARKDOWN = /\.(md|markdown)$/i;

export async function watchTests(paths: string[], options: Record<string, unknown>, io: CliIo, ready?: () => void): Promise<number> {
  const settings = await testSettings(paths, options, io);
  await runWith(settings, options, io);
  const roots = watchedFolders(settings.run.paths, io.cwd);
  const recordings = settings.run.recordings ? path.resolve(io.cwd, settings.run.recordings) : undefined;

  return new Promise<number>((resolve) => {
    const pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<unknown> = Promise.resolve();
    const watchers: FSWatcher[] = [];
    const rerun = () => {
      timer = undefined;
      const pages = [...pending].filter((page) => existsSync(page));
      pending.clear();
      if (pages.length === 0) return;
      io.stderr.write(`\ndoc-harness: ${pages.map((page) => path.relative(io.cwd, page)).join(', ')} changed; running again\n`);
      running = running.then(() => runWith({ ...settings, run: { ...settings.run, paths: pages } }, options, io).catch((error: Error) => io.stderr.write(`doc-harness: ${error.message}\n`)));
    };
    const onChange = (root: string) => (_event: string, name: string | Buffer | null) => {
      if (!name) return;
      const file = path.join(root, String(name));
      const page = pageOf(file, root, recordings);
      if (!page) return;
      pending.add(page);
      clearTimeout(timer);
      timer = setTimeout(rerun, SETTLE_MS);
    };
    for (const root of roots) watchers.push(watch(root, { recursive: true }, onChange(root)));
    io.stderr.write(`doc-harness: watching ${roots.map((root) => path.relative(io.cwd, root) || '.').join(', ')} (Ctrl-C to stop)\n`);
    ready?.();
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      void running.then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** The folders to watch: each input's own (a file's folder), and the docs root above it, where recordings are. */
function watchedFolders(inputs: string[], cwd: string): string[] {
  const folders = new Set<string>();
  for (const input of inputs) {
    // A glob is watched from the folder before its first wildcard.
    const plain = path.resolve(cwd, input.split(/[*?[{]/)[0] || '.');
    const folder = existsSync(plain) && statSync(plain).isDirectory() ? plain : path.dirname(plain);
    folders.add(findDocsRoot(folder));
  }
  // A folder inside another is watched through it.
  return [...folders].filter((folder) => ![...folders].some((other) => other !== folder && folder.startsWith(`${other}${path.sep}`)));
}

/** The page a changed file is, or whose recordings it holds; undefined for anything else. */
function pageOf(file: string, root: string, recordings: string | undefined): string | undefined {
  const docsRoot = findDocsRoot(root);
  const folder = recordings ?? path.join(docsRoot, RECORDINGS_FOLDER);
  if (file.startsWith(`${folder}${path.sep}`)) {
    return file.endsWith('.json') ? path.join(docsRoot, `${file.slice(folder.length + 1, -'.json'.length)}.md`) : undefined;
  }
  return MARKDOWN.test(file) ? file : undefined;
}
