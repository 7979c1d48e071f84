// The extraction cache: a page read back from it is the page parsing gives, an edited page or a
// damaged entry is parsed again, the entry is what a warm run reads, and a page has one entry.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extract } from '../../harness/extract/index.ts';
import { corpusPath, hasCorpus, projectRoot } from '../helpers/corpus.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'doc-harness-page-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entries = () => readdirSync(join(dir, 'cache', 'pages'));

describe('the extraction cache', () => {
  it('gives every page of the project docs as parsing gives it', async () => {
    const docs = join(projectRoot, 'docs');
    const parsed = await extract([docs], { cwd: projectRoot });
    const filled = await extract([docs], { cwd: projectRoot, cacheDir: join(dir, 'cache') });
    expect(entries()).toHaveLength(parsed.files.length);
    const warm = await extract([docs], { cwd: projectRoot, cacheDir: join(dir, 'cache') });
    expect(filled).toEqual(parsed);
    expect(warm).toEqual(parsed);
  });

  it.skipIf(!hasCorpus)('gives every page of the corpus as parsing gives it', async () => {
    const parsed = await extract([corpusPath], { cwd: projectRoot });
    await extract([corpusPath], { cwd: projectRoot, cacheDir: join(dir, 'cache') });
    expect(await extract([corpusPath], { cwd: projectRoot, cacheDir: join(dir, 'cache') })).toEqual(parsed);
  });

  it('reads an unchanged page from its entry, and parses an edited page or a damaged entry again', async () => {
    cpSync(join(projectRoot, 'docs', 'devices', 'get.md'), join(dir, 'get.md'));
    const options = { cwd: dir, cacheDir: join(dir, 'cache') };
    const first = await extract(['get.md'], options);
    const [entry] = entries();
    const file = join(dir, 'cache', 'pages', entry);
    // The entry is what the next run reads: a title put in it shows.
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...kept, page: { ...kept.page, title: 'from the cache' } }));
    expect((await extract(['get.md'], options)).pages[0].title).toBe('from the cache');
    // A damaged entry is a miss.
    writeFileSync(file, '{"title": "half');
    expect(await extract(['get.md'], options)).toEqual(first);
    // An edited page has a key of its own.
    const text = readFileSync(join(dir, 'get.md'), 'utf8');
    writeFileSync(join(dir, 'get.md'), text.replace(/^# .*$/m, '# Edited title'));
    expect((await extract(['get.md'], options)).pages[0].title).toBe('Edited title');
    // …which replaces the page's entry: the cache holds one entry per page.
    expect(entries()).toEqual([entry]);
    expect((await extract(['get.md'], options)).pages[0].title).toBe('Edited title');
  });
});
