// Problems of the run itself, beside the samples' verdicts: recordings it cannot use.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { findDocsRoot, RECORDINGS_FOLDER } from '../mock/store.ts';
import type { Diagnostic, Page } from '../model.ts';
import type { TestOptions } from './options.ts';
import type { RunRecordings } from './recordings.ts';

/**
 * Pages from another docs tree that keeps its own recordings: one run uses one recordings folder,
 * so theirs would be ignored silently and their examples derived. Said, once per tree.
 */
export function otherDocsRoots(pages: readonly Page[], root: string, options: TestOptions): Diagnostic[] {
  if (options.recordings) return [];
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const page of pages) {
    const own = findDocsRoot(path.dirname(path.resolve(options.cwd, page.file)));
    // findDocsRoot falls back to the page's own folder when no recordings are above it.
    if (own === root || seen.has(own) || !existsSync(path.join(own, RECORDINGS_FOLDER))) continue;
    seen.add(own);
    diagnostics.push({
      severity: 'warning',
      file: page.file,
      line: 1,
      column: 1,
      rule: 'recordings-root',
      message: `this page's docs keep recordings in ${path.relative(options.cwd, path.join(own, RECORDINGS_FOLDER)) || '.'}, but this run uses ${path.relative(options.cwd, path.join(root, RECORDINGS_FOLDER)) || '.'}; test each docs tree on its own`,
    });
  }
  return diagnostics;
}

/** A cassette that did not load is an error of the run; its message names the file and JSON path. */
export function cassetteDiagnostics(recordings: RunRecordings, cwd: string): Diagnostic[] {
  return recordings.errors.map((error) => ({
    severity: 'error' as const,
    file: path.relative(cwd, error.file) || error.file,
    line: 1,
    column: 1,
    message: error.message,
    rule: 'recording-invalid',
  }));
}
