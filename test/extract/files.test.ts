// Inputs → files: folders, globs, single files; the run's root; paths as a user would click them.
import { join, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../harness/extract/index.ts';
import { displayPath, resolveInputs } from '../../harness/extract/files.ts';
import { fixturePath, projectRoot } from '../helpers/corpus.ts';

describe('inputs', () => {
  it('searches a folder for markdown, sorted, and roots ids at the folder', async () => {
    const r = await resolveInputs(['test/fixtures/extract/generation-3'], projectRoot);
    expect(r.files).toEqual([
      fixturePath('extract/generation-3/connect_webviews/list.md'),
      fixturePath('extract/generation-3/webhooks/delete.md'),
    ]);
    expect(r.root).toBe(fixturePath('extract/generation-3'));
  });

  it('expands globs, rooted at their folders before the first wildcard', async () => {
    const r = await resolveInputs(['test/fixtures/extract/generation-*/**/*.md'], projectRoot);
    expect(r.files.map((f) => f.slice(fixturePath('extract').length + 1))).toEqual([
      'generation-2/create_noise_threshold.md',
      'generation-3/connect_webviews/list.md',
      'generation-3/webhooks/delete.md',
    ]);
    expect(r.root).toBe(fixturePath('extract'));
  });

  it('roots several inputs at their deepest common folder, each file once', async () => {
    const r = await resolveInputs(
      ['test/fixtures/extract/generation-3/webhooks/delete.md', 'test/fixtures/extract/generation-3', 'test/fixtures/extract/placement.md'],
      projectRoot,
    );
    expect(r.files).toHaveLength(3);
    expect(r.root).toBe(fixturePath('extract'));
    const result = await extract(['test/fixtures/extract/generation-3/webhooks/delete.md', 'test/fixtures/extract/placement.md'], { cwd: projectRoot });
    expect(result.pages.flatMap((p) => p.examples.map((e) => e.id))).toEqual(['generation-3/webhooks/delete.md#1', 'placement.md#1']);
  });

  it('shows files under cwd relative to it, others absolute', () => {
    expect(displayPath(join(projectRoot, 'docs', 'a.md'), projectRoot)).toBe(`docs${sep}a.md`);
    expect(displayPath('/elsewhere/a.md', projectRoot)).toBe('/elsewhere/a.md');
  });

  it('gives example ids relative to the root and files relative to cwd', async () => {
    const result = await extract(['generation-3'], { cwd: fixturePath('extract') });
    expect(result.files[0]).toBe('generation-3/connect_webviews/list.md');
    expect(result.pages[0].examples[0]).toMatchObject({ id: 'connect_webviews/list.md#1', file: 'generation-3/connect_webviews/list.md' });
    expect(result.pages[0].examples[0].samples[0].id).toBe('connect_webviews/list.md#1:javascript');
  });
});
