// The recordings folder: one cassette per doc page, read all at once (a broken file is reported
// and the rest still load) and written only where something changed, with the diff to show.
import { statSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { type CassetteError, cassetteFileFor, type Definition, formatCassette, pageOfExample, parseCassette, UNATTRIBUTED_FILE } from './cassette.ts';
import type { SourcedDefinition } from './recordings.ts';

/** The default recordings folder: next to the docs, so recordings travel with the pages. */
export const RECORDINGS_FOLDER = '__recordings__';

/**
 * The docs root for a run over `common` (the deepest folder holding every input): the nearest
 * folder at or above it that holds a recordings folder, else `common`. Running on one page
 * (`docs/devices/get.md`) then finds the recordings made for the whole tree (`docs/__recordings__`)
 * and gives its examples the same ids.
 */
export function findDocsRoot(common: string): string {
  for (let dir = common; ; dir = dirname(dir)) {
    try {
      if (statSync(join(dir, RECORDINGS_FOLDER)).isDirectory()) return dir;
    } catch {
      // Not here; look further up.
    }
    if (dirname(dir) === dir) return common;
  }
}

export interface LoadedCassettes {
  definitions: SourcedDefinition[];
  errors: CassetteError[];
  /** Cassette files read, relative to the folder, `/`-separated. */
  files: string[];
}

async function listJson(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Reads every cassette under `dir`, or only `only` (paths relative to `dir`) when given. */
export async function loadCassettes(dir: string, only?: readonly string[]): Promise<LoadedCassettes> {
  const files = only ? [...only].sort() : await listJson(dir);
  const loaded: LoadedCassettes = { definitions: [], errors: [], files: [] };
  for (const file of files) {
    const shown = join(dir, file);
    let text: string;
    try {
      text = await readFile(shown, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && only) continue;
      loaded.errors.push({ file: shown, message: `${shown}: cannot read: ${(error as Error).message}` });
      continue;
    }
    const { definitions, errors } = parseCassette(text, shown);
    loaded.files.push(file);
    loaded.definitions.push(...definitions.map((definition) => ({ ...definition, file: shown })));
    loaded.errors.push(...errors);
  }
  return loaded;
}

export async function readCassette(dir: string, file: string): Promise<{ text: string | null; definitions: Definition[]; errors: CassetteError[] }> {
  const shown = join(dir, file);
  try {
    const text = await readFile(shown, 'utf8');
    return { text, ...parseCassette(text, shown) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: null, definitions: [], errors: [] };
    throw error;
  }
}

/** Example ids sort by page, then by index as a number (`x.md#2` before `x.md#10`). */
function exampleOrder(a: string | undefined, b: string | undefined): number {
  return (a ?? '').localeCompare(b ?? '', 'en', { numeric: true });
}

/**
 * A cassette's definitions once `replacements` (example id → its new definitions; `''` for
 * unattributed ones) are in: `replace` swaps each named example's definitions for the new ones,
 * `add` only fills in examples the cassette does not hold yet.
 */
export function mergeDefinitions(existing: readonly Definition[], replacements: ReadonlyMap<string, Definition[]>, how: 'replace' | 'add'): Definition[] {
  const held = new Set(existing.map((definition) => definition.example ?? ''));
  const kept = existing.filter((definition) => how === 'add' || !replacements.has(definition.example ?? ''));
  const added = [...replacements].filter(([example]) => how === 'replace' || !held.has(example)).flatMap(([, definitions]) => definitions);
  // Stable sort: within one example the recorded order stays.
  return [...kept, ...added].sort((a, b) => exampleOrder(a.example, b.example));
}

export interface CassetteChange {
  /** Relative to the recordings folder. */
  file: string;
  before: string | null;
  after: string;
  /** A unified diff, empty when nothing changed. */
  patch: string;
}

/** Writes the cassettes whose text changed. Returns every cassette with its diff. */
export async function writeCassettes(dir: string, cassettes: ReadonlyMap<string, Definition[]>): Promise<CassetteChange[]> {
  const changes: CassetteChange[] = [];
  for (const [file, definitions] of [...cassettes].sort(([a], [b]) => a.localeCompare(b))) {
    if (!insideFolder(dir, file)) throw new Error(`refusing to write ${file}: it is outside ${dir}`);
    const path = join(dir, file);
    let before: string | null = null;
    try {
      before = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const after = formatCassette(definitions);
    const patch = before === after ? '' : createTwoFilesPatch(`a/${file}`, `b/${file}`, before ?? '', after, undefined, undefined, { context: 3 });
    if (before !== after) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, after);
    }
    changes.push({ file, before, after, patch });
  }
  return changes;
}

/**
 * Files new recordings (example id → its definitions; `''` for requests that named none) into
 * their pages' cassettes, keeping every other example's recordings. `add` leaves examples that a
 * cassette already holds alone; `replace` re-records them.
 */
export async function saveRecordings(
  dir: string,
  recorded: ReadonlyMap<string, Definition[]>,
  how: 'replace' | 'add',
  /** When given, recordings of examples not in it (gone from the docs) are dropped from the cassettes written. */
  known?: ReadonlySet<string>,
): Promise<{ changes: CassetteChange[]; errors: CassetteError[] }> {
  const byFile = new Map<string, Map<string, Definition[]>>();
  const errors: CassetteError[] = [];
  for (const [example, definitions] of recorded) {
    const file = example === '' ? UNATTRIBUTED_FILE : cassetteFileFor(pageOfExample(example));
    // Example ids reach the recorder in request URLs: one must never name a file elsewhere.
    if (!insideFolder(dir, file)) {
      errors.push({ file: join(dir, UNATTRIBUTED_FILE), message: `example id ${JSON.stringify(example.slice(0, 200))} names no page inside the recordings folder; its recordings were not written` });
      continue;
    }
    const group = byFile.get(file) ?? new Map<string, Definition[]>();
    group.set(example, definitions);
    byFile.set(file, group);
  }
  const cassettes = new Map<string, Definition[]>();
  for (const [file, replacements] of byFile) {
    const existing = await readCassette(dir, file);
    if (existing.errors.length > 0) {
      // Rewriting a cassette that did not fully parse would silently drop what it meant to hold.
      errors.push(...existing.errors, { file: join(dir, file), message: `${join(dir, file)}: not rewritten until it loads cleanly` });
      continue;
    }
    const current = known ? existing.definitions.filter((d) => d.example === undefined || known.has(d.example)) : existing.definitions;
    cassettes.set(file, mergeDefinitions(current, replacements, how));
  }
  return { changes: await writeCassettes(dir, cassettes), errors };
}

/** Whether a cassette path (relative, `/`-separated) stays inside the recordings folder. */
export function insideFolder(dir: string, file: string): boolean {
  if (file === '' || file.includes('\0') || file.includes('\\') || isAbsolute(file)) return false;
  if (file.split('/').some((part) => part === '..' || part === '')) return false;
  const root = resolve(dir);
  return resolve(root, file).startsWith(`${root}${sep}`);
}
