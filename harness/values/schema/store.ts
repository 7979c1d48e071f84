// Compiled validators kept between runs. Compiling a schema is most of what checking documented
// values against an API description costs (a third of a second for a docs tree), and the schemas
// change only with the description: so each compiled validator's code (Ajv's standalone output) is
// kept in one file in doc-harness's cache, keyed by a hash of its schema and the Ajv version, and
// a later run loads the code instead of compiling. Losing the file only costs the compile again.
import { readFileSync } from 'node:fs';
import { writeCacheFile } from '../../cache-file.ts';

export interface CompiledStore {
  get(key: string): string | undefined;
  put(key: string, code: string): void;
}

/** Above this many entries, a save keeps only what the run used. */
const MAX_ENTRIES = 4000;

export class FileStore implements CompiledStore {
  private readonly entries: Map<string, string>;
  private readonly used = new Set<string>();
  private dirty = false;

  constructor(readonly file: string) {
    this.entries = new Map(Object.entries(readEntries(file)));
  }

  get(key: string): string | undefined {
    const code = this.entries.get(key);
    if (code !== undefined) this.used.add(key);
    return code;
  }

  put(key: string, code: string): void {
    this.entries.set(key, code);
    this.used.add(key);
    this.dirty = true;
  }

  /** Writes the file if anything was added (atomically: a reader never sees half of it). A failure is not an error: it is a cache. */
  save(): void {
    if (!this.dirty) return;
    const kept = this.entries.size > MAX_ENTRIES ? [...this.entries].filter(([key]) => this.used.has(key)) : [...this.entries];
    // A read-only or full cache folder: the next run compiles again.
    if (writeCacheFile(this.file, JSON.stringify(Object.fromEntries(kept)))) this.dirty = false;
  }
}

function readEntries(file: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    }
  } catch {
    // Absent or unreadable: start empty.
  }
  return {};
}
