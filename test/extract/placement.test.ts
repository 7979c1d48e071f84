// GitBook tags wherever remark puts them: mixed into paragraphs, after headings, inside html
// blocks, in backticks and comments (not tags), indented, and fences inside list items.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../harness/extract/index.ts';
import type { Page } from '../../harness/model.ts';
import { fixturePath } from '../helpers/corpus.ts';
import { expectPagePositions, lineOf } from './helpers.ts';

const file = fixturePath('extract/placement.md');
const text = readFileSync(file, 'utf8');

describe('tags wherever remark puts them', () => {
  let page: Page;
  beforeAll(() => {
    page = extractMarkdown(text, file, { root: fixturePath('extract') });
  });

  it('finds the one group and its five tabs, with no diagnostic', () => {
    expect(page.diagnostics).toEqual([]);
    expect(page.examples).toHaveLength(1);
    expect(page.examples[0].id).toBe('placement.md#1');
    expect(page.examples[0].samples.map((s) => s.language)).toEqual(['javascript', 'python', 'ruby', 'go', 'seam_cli']);
  });

  it('does not read a tag shown in backticks or inside an html comment', () => {
    expect(page.examples[0].line).toBe(lineOf(text, '{% tabs %}\n'));
    expect(page.examples[0].samples.map((s) => s.title)).not.toContain('Java');
  });

  it('reads a description that shares its paragraph with the tags', () => {
    expect(page.examples[0].samples[0].description).toBe('Locks the back door, described right under the tag.');
  });

  it('ends tabs at tags that share a line with text or sit inside an html block', () => {
    const [, python, ruby] = page.examples[0].samples;
    expect(python.position.end.line).toBe(lineOf(text, 'waits for nothing here. {% endtab %}'));
    expect(ruby.position.end.line).toBe(lineOf(text, '</div>\n{% endtab %}') + 1);
  });

  it('reads fences inside list items with their indentation', () => {
    const go = page.examples[0].samples[3];
    expect(go.request.indent).toBe(2);
    expect(go.request.codeStart).toMatchObject({ line: lineOf(text, 'package main'), column: 3 });
    expect(go.request.code.split('\n')[3]).toBe('\tclient.Locks.LockDoor(context.Background(), &api.LocksLockDoorRequest{DeviceId: "lock-2"})');
    expect(go.response.code).toBe('api.ActionAttempt{ActionAttemptId: "aa-2", Status: "pending"}');
  });

  it('names a bare fence by its tab title, " TEST" dropped', () => {
    const cli = page.examples[0].samples[4];
    expect(cli).toMatchObject({ language: 'seam_cli', title: 'Seam CLI TEST', supported: true });
    expect(cli.request.info).toBeNull();
  });

  it('reads an {% endtabs %} indented into a code block as the tag', () => {
    expect(page.returns).toEqual({ kind: 'resource', key: 'action_attempt' });
    expect(page.others).toEqual([]);
  });

  it('places every block exactly', () => {
    expectPagePositions(page, file);
  });

  it('reads fences that an html block swallowed (no blank line after <details>), positioned', () => {
    const html = ['# T', '', '{% tabs %}', '{% tab title="Python" %}', '<details>', '<summary>Show</summary>', '#### Request', '```python', 'a()', '```', '#### Response', '```python', 'None', '```', '</details>', '{% endtab %}', '{% endtabs %}', ''].join('\n');
    const p = extractMarkdown(html, 'p.md');
    expect(p.diagnostics).toEqual([]);
    const [sample] = p.examples[0].samples;
    expect(sample.request).toMatchObject({ code: 'a()', codeStart: { line: lineOf(html, 'a()'), column: 1 } });
    expect(sample.response).toMatchObject({ code: 'None', codeStart: { line: lineOf(html, 'None'), column: 1 } });
    expect(sample.position.end.line).toBe(lineOf(html, '{% endtab %}'));
  });
});
