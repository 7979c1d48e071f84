// The extraction cache: a page's extraction kept under a key made of everything it depends on
// (the file's bytes, its path and id path, the extraction code and the markdown parser's
// release, the profile's languages and tab titles), as eslint's --cache keeps lint results.
// Parsing is most of what `lint` and a warm `test` cost (remark reads about 1 MB a second);
// an unchanged page is read back as JSON instead. Anything in the key changing makes a new
// key; an entry that cannot be read or written is a miss, never an error. One entry per page
// (named by its path), holding the key it was made under: an edited page replaces its entry, so
// the cache holds no more entries than the docs have pages, however often they change.
//
//   <cacheDir>/pages/<page>.json    { key, page }: one Page, as extraction made it (before
//                                   endpoints from calls), and the key it is valid for
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeCacheFile } from '../cache-file.ts';
import type { Page } from '../model.ts';
import type { Profile } from '../profile.ts';
import { codeStamp, projectFile } from '../project.ts';

/** Raised when what an entry holds changes shape. */
const FORMAT = 2;

export class PageCache {
  private readonly folder: string;
  private readonly base: string;

  constructor(cacheDir: string, profile: Profile) {
    this.folder = path.join(cacheDir, 'pages');
    // The parser's release is in the lockfile; the extraction code is this folder and the model.
    const code = codeStamp([projectFile('harness', 'extract'), projectFile('harness', 'model.ts'), projectFile('package-lock.json')]);
    this.base = JSON.stringify([FORMAT, code, profile.name, profile.languages, profile.titleSuffixes]);
  }

  /** Where a page's entry is, and the key its content must match. */
  key(bytes: Uint8Array, file: string, idPath: string): { entry: string; key: string } {
    const entry = createHash('sha256').update(file).update('\0').update(idPath).digest('hex');
    return { entry, key: createHash('sha256').update(this.base).update('\0').update(entry).update('\0').update(bytes).digest('hex') };
  }

  get({ entry, key }: { entry: string; key: string }): Page | undefined {
    try {
      const kept = JSON.parse(readFileSync(this.file(entry), 'utf8')) as { key?: string; page?: Page };
      return kept.key === key ? kept.page : undefined;
    } catch {
      return undefined;
    }
  }

  put({ entry, key }: { entry: string; key: string }, page: Page): void {
    writeCacheFile(this.file(entry), JSON.stringify({ key, page }));
  }

  private file(entry: string): string {
    return path.join(this.folder, `${entry}.json`);
  }
}
