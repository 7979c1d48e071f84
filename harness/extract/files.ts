// Command-line inputs (files, folders, globs) → the markdown files to read, and their common root.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Diagnostic, ExtractionRuleId } from '../model.ts';

export interface ResolvedInputs {
  /** Absolute paths, sorted, each once. */
  files: string[];
  /** The deepest folder that holds every input. */
  root: string;
  diagnostics: Diagnostic[];
}

const MARKDOWN = /\.(md|markdown)$/i;
const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** The path a user would click: relative to cwd when inside it, absolute otherwise. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

export async function resolveInputs(inputs: string[], cwd: string): Promise<ResolvedInputs> {
  const files = new Set<string>();
  const bases: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const problem = (input: string, message: string, rule: ExtractionRuleId) =>
    diagnostics.push({ severity: 'error', file: input, line: 1, column: 1, message, rule });

  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => error);
    if (!(info instanceof Error)) {
      if (info.isDirectory()) {
        bases.push(absolute);
        const found = await glob(['**/*.md', '**/*.markdown'], { cwd: absolute, absolute: true, onlyFiles: true, ignore: IGNORE }).catch(
          (error: NodeJS.ErrnoException) => error,
        );
        if (found instanceof Error) problem(input, `cannot read folder: ${found.message}`, 'file-unreadable');
        else if (found.length === 0) problem(input, 'no markdown files (*.md) in this folder', 'no-markdown');
        else found.forEach((f) => files.add(path.normalize(f)));
      } else {
        bases.push(path.dirname(absolute));
        files.add(absolute);
      }
      continue;
    }
    if (isDynamicPattern(input)) {
      bases.push(path.resolve(cwd, staticBase(input)));
      const found = (await glob([input], { cwd, absolute: true, onlyFiles: true, ignore: IGNORE })).filter((f) => MARKDOWN.test(f));
      if (found.length === 0) problem(input, 'no markdown files match this pattern', 'no-markdown');
      else found.forEach((f) => files.add(path.normalize(f)));
      continue;
    }
    const code = info.code;
    problem(input, code === 'ENOENT' ? 'no such file or folder' : `cannot read: ${info.message}`, code === 'ENOENT' ? 'path-not-found' : 'file-unreadable');
  }
  return { files: await onePathEach([...files].sort()), root: commonFolder(bases, cwd), diagnostics };
}

/**
 * One path per file: a page reached twice (through a symlinked folder, or named twice) is read
 * once, under the first of its paths in sorted order.
 */
async function onePathEach(sorted: string[]): Promise<string[]> {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const file of sorted) {
    const real = await realpath(file).catch(() => file);
    if (seen.has(real)) continue;
    seen.add(real);
    kept.push(file);
  }
  return kept;
}

/** `docs/api/**\/*.md` → `docs/api`: the folders before the first segment with a wildcard. */
function staticBase(pattern: string): string {
  const segments = pattern.split('/');
  const fixed: string[] = [];
  for (const segment of segments.slice(0, -1)) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  return fixed.join('/') || '.';
}

function commonFolder(folders: string[], cwd: string): string {
  if (folders.length === 0) return cwd;
  let common = folders[0].split(path.sep);
  for (const folder of folders.slice(1)) {
    const parts = folder.split(path.sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(path.sep) || path.sep;
}
