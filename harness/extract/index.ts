// Extraction: API reference markdown → Page/Example/Sample. Pure parsing: no process, no network.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Diagnostic, Page } from '../model.ts';
import type { Profile } from '../profile.ts';
import { defaultProfile } from '../../profiles/index.ts';
import { decodeUtf8 } from './decode.ts';
import { endpointsFromCalls } from './endpoint-from-call.ts';
import { displayPath, resolveInputs } from './files.ts';
import { LanguageResolver } from './language.ts';
import { PageCache } from './cache.ts';
import { findMojibake } from './mojibake.ts';
import { remarkGitbookExamples } from './plugin.ts';
import { pruneForExtraction } from './prune.ts';
import { SourceText } from './source.ts';

export { remarkGitbookExamples } from './plugin.ts';
export { LanguageResolver } from './language.ts';
export { extractionRules, type ExtractionRule } from './rules.ts';

export interface ExtractOptions {
  /** Which languages the tabs may hold and how they are named. Default: the Seam profile. */
  profile?: Profile;
}

export interface ExtractFilesOptions extends ExtractOptions {
  cwd?: string;
  /**
   * Give an example whose page states no endpoint the one its call names (the default; see
   * endpoint-from-call.ts). Off, such examples keep `endpoint: null`.
   */
  endpointsFromCalls?: boolean;
  /**
   * The folder example ids are relative to. Default: the deepest folder holding every input. A
   * function is given that folder and may choose another (an ancestor that holds the recordings).
   */
  root?: string | ((common: string) => string);
  /**
   * Keep each page's extraction in `<cacheDir>/pages` and read an unchanged page back from it
   * (see cache.ts). Without it, every page is parsed.
   */
  cacheDir?: string;
}

export interface ExtractResult {
  /** The deepest folder holding every input; example ids are relative to it. */
  root: string;
  /** The files read, as displayed (relative to cwd when inside it). */
  files: string[];
  /** One page per file read, in file order. */
  pages: Page[];
  /** Every diagnostic: the pages' own and those about inputs, sorted by file and position. */
  diagnostics: Diagnostic[];
}

const resolvers = new WeakMap<Profile, LanguageResolver>();
function resolverFor(profile: Profile): LanguageResolver {
  let resolver = resolvers.get(profile);
  if (!resolver) resolvers.set(profile, (resolver = new LanguageResolver(profile)));
  return resolver;
}

/**
 * One markdown file's page. `file` is what diagnostics and examples carry; example ids use the
 * path of `file` relative to `root` when given, else `file` itself.
 */
export function extractMarkdown(text: string, file: string, options: ExtractOptions & { root?: string } = {}): Page {
  const idPath = options.root ? toPosix(path.relative(options.root, path.resolve(file))) : toPosix(file);
  return extractPage(text, file, idPath, options.profile ?? defaultProfile, []);
}

function extractPage(text: string, file: string, idPath: string, profile: Profile, diagnostics: Diagnostic[]): Page {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const fallbackTitle = path.basename(file).replace(/\.(md|markdown)$/i, '');
  if (text.trim() === '') {
    diagnostics.push({ severity: 'warning', file, line: 1, column: 1, message: 'file is empty', rule: 'file-empty' });
    return { file, title: fallbackTitle, endpoint: null, returns: null, parameters: [], examples: [], others: [], diagnostics };
  }
  const source = new SourceText(text);
  reportMojibake(source, file, diagnostics);
  const processor = unified()
    .use(remarkParse)
    .use(remarkGitbookExamples, { source, file, idPath, title: fallbackTitle, languages: resolverFor(profile), diagnostics });
  const tree = processor.runSync(processor.parse(pruneForExtraction(text)));
  const page = tree.data!.page!;
  page.diagnostics.sort(byPosition);
  return page;
}

/** Reads every markdown file the inputs name (files, folders searched for *.md, globs). */
export async function extract(inputs: string[], options: ExtractFilesOptions = {}): Promise<ExtractResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const profile = options.profile ?? defaultProfile;
  const resolved = await resolveInputs(inputs, cwd);
  const root =
    typeof options.root === 'function' ? options.root(resolved.root) : options.root ? path.resolve(cwd, options.root) : resolved.root;
  const diagnostics: Diagnostic[] = [...resolved.diagnostics];
  const pages: Page[] = [];
  const files: string[] = [];
  const cache = options.cacheDir ? new PageCache(options.cacheDir, profile) : undefined;
  // One file at a time: a docs tree of any size holds one page's text and tree in memory at once.
  for (const absolute of resolved.files) {
    const file = displayPath(absolute, cwd);
    const size = (await stat(absolute).catch(() => undefined))?.size ?? 0;
    if (size > MAX_PAGE_BYTES) {
      // A page's syntax tree takes many times its size; one this large is not a docs page.
      diagnostics.push({ severity: 'error', file, line: 1, column: 1, message: `file too large to read: ${mib(size)} (a page may be at most ${mib(MAX_PAGE_BYTES)})`, rule: 'file-too-large' });
      continue;
    }
    const bytes = await readFile(absolute).catch((error: NodeJS.ErrnoException) => error);
    if (bytes instanceof Error) {
      diagnostics.push({ severity: 'error', file, line: 1, column: 1, message: `cannot read file: ${bytes.code ?? bytes.message}`, rule: 'file-unreadable' });
      continue;
    }
    files.push(file);
    const idPath = toPosix(path.relative(root, absolute));
    const key = cache?.key(bytes, file, idPath);
    const kept = key ? cache!.get(key) : undefined;
    if (kept) {
      pages.push(kept);
      diagnostics.push(...kept.diagnostics);
      continue;
    }
    const decoded = decodeUtf8(bytes);
    const own: Diagnostic[] = [];
    if (decoded.invalid) {
      const { line, column, byte, utf16 } = decoded.invalid;
      const what = utf16 ? 'file is UTF-16, not UTF-8' : `file is not valid UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')})`;
      own.push({ severity: 'error', file, line, column, message: `${what}; read with U+FFFD in place of bad bytes`, rule: 'file-not-utf8' });
    }
    const page = extractPage(decoded.text, file, idPath, profile, own);
    // Kept before endpoints from calls fill it in: those depend on other pages and the API.
    if (key) cache!.put(key, page);
    pages.push(page);
    diagnostics.push(...page.diagnostics);
  }
  if (options.endpointsFromCalls !== false) await endpointsFromCalls(pages, profile);
  diagnostics.sort(byPosition);
  return { root, files, pages, diagnostics };
}

function reportMojibake(source: SourceText, file: string, diagnostics: Diagnostic[]): void {
  const seen = new Set<number>();
  for (const hit of findMojibake(source.text)) {
    const at = source.pointAt(hit.index);
    if (seen.has(at.line)) continue;
    seen.add(at.line);
    diagnostics.push({
      severity: 'warning',
      file,
      line: at.line,
      column: at.column,
      message: `mis-decoded UTF-8: "${hit.found}" stands for "${hit.meant}"`,
      rule: 'mojibake',
    });
  }
}

/** The largest page read; far above any API reference page (the Seam corpus’s largest is 60 KiB); parsing takes about 200 times a page’s size in memory. */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
