// Bad input: one fixture each, one positioned diagnostic each, and nothing else lost.
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { extract } from '../../harness/extract/index.ts';
import { fixturePath } from '../helpers/corpus.ts';
import { lineOf } from './helpers.ts';

const cwd = fixturePath('extract/bad');
const read = (name: string) => readFileSync(join(cwd, name), 'utf8');
const run = (...inputs: string[]) => extract(inputs, { cwd });
const brief = (d: { rule: string; severity: string; line: number; column: number }) => [d.rule, d.severity, d.line, d.column];

describe('bad input', () => {
  it('closes a group when {% tabs %} opens again, warns there, and keeps both groups', async () => {
    const r = await run('tabs-reopened.md');
    const text = read('tabs-reopened.md');
    expect(r.diagnostics.map(brief)).toEqual([['tabs-reopened', 'warning', lineOf(text, '{% tabs %}', 2), 1]]);
    expect(r.diagnostics[0].message).toContain(`line ${lineOf(text, '{% tabs %}', 1)}`);
    const examples = r.pages[0].examples;
    expect(examples.map((e) => e.samples.map((s) => s.language))).toEqual([['javascript'], ['python']]);
  });

  it('reports an {% endtab %} with no open tab and reads the tabs around it', async () => {
    const r = await run('endtab-unopened.md');
    const text = read('endtab-unopened.md');
    expect(r.diagnostics.map(brief)).toEqual([['endtab-unopened', 'warning', lineOf(text, '{% endtab %}', 2), 1]]);
    expect(r.pages[0].examples[0].samples.map((s) => s.language)).toEqual(['javascript', 'ruby']);
  });

  it('reports a tab with a response and no request as an error, keeps it, and reads the next group', async () => {
    const r = await run('tab-missing-request.md');
    const text = read('tab-missing-request.md');
    expect(r.diagnostics.map(brief)).toEqual([['tab-missing-request', 'error', lineOf(text, '{% tab title="Python" %}'), 1]]);
    const [first, second] = r.pages[0].examples;
    expect(first.samples.map((s) => s.language)).toEqual(['javascript']);
    expect(first.incomplete).toEqual([
      expect.objectContaining({ language: 'python', problem: 'missing-request', request: null, response: expect.objectContaining({ info: 'python' }) }),
    ]);
    expect(second.title).toBe('Unlock and wait');
    expect(second.incomplete).toBeUndefined();
    expect(second.samples).toHaveLength(1);
  });

  it('reports a tab with a request under "#### Code" and no response as an error and keeps the request', async () => {
    const r = await run('tab-missing-response.md');
    const text = read('tab-missing-response.md');
    expect(r.diagnostics.map(brief)).toEqual([['tab-missing-response', 'error', lineOf(text, '{% tab title="Python" %}'), 1]]);
    const incomplete = r.pages[0].examples[0].incomplete!;
    expect(incomplete).toHaveLength(1);
    expect(incomplete[0]).toMatchObject({ language: 'python', problem: 'missing-response', response: null, description: 'Removes the device.' });
    expect(incomplete[0].request?.code).toBe('seam.devices.delete(device_id="dev-5")');
  });

  it('reports a file that is not UTF-8 at its first bad byte and still reads it', async () => {
    const r = await run('not-utf8.md');
    expect(r.diagnostics.map(brief)).toEqual([['file-not-utf8', 'error', 1, 6]]);
    expect(r.diagnostics[0].message).toContain('0xE9');
    expect(r.pages[0].examples).toHaveLength(1);
    expect(r.pages[0].endpoint?.returns).toEqual({ kind: 'list', key: 'devices', item: 'device' });
  });

  it('reports an empty file', async () => {
    const r = await run('empty.md');
    expect(r.diagnostics.map(brief)).toEqual([['file-empty', 'warning', 1, 1]]);
    expect(r.pages).toHaveLength(1);
    expect(r.pages[0].examples).toEqual([]);
  });

  it('reports a folder with no markdown, and a glob that matches none', async () => {
    const r = await run('no-markdown', 'no-markdown/*.md');
    expect(r.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([
      ['no-markdown', 'no-markdown', 'error'],
      ['no-markdown/*.md', 'no-markdown', 'error'],
    ]);
  });

  it('reports a path that does not exist', async () => {
    const r = await run('nowhere.md');
    expect(r.diagnostics.map((d) => [d.file, d.rule, d.severity, d.line])).toEqual([['nowhere.md', 'path-not-found', 'error', 1]]);
  });

  describe('an unreadable file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doc-harness-unreadable-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it('is reported and the other files of the run are still read', async () => {
      // Root reads every mode bit, so a symlink loop stands in for a file nobody can open.
      symlinkSync('loop.md', join(dir, 'loop.md'));
      writeFileSync(join(dir, 'ok.md'), read('tab-missing-response.md').replace(/\n\{% tab title="Python" %\}[\s\S]*?\{% endtab %\}\n/, '\n'));
      const r = await extract(['loop.md', 'ok.md'], { cwd: dir });
      expect(r.diagnostics.map((d) => [d.file, d.rule, d.severity])).toEqual([['loop.md', 'file-unreadable', 'error']]);
      expect(r.pages.map((p) => p.examples.length)).toEqual([1]);
    });
  });

  it('reads mis-decoded UTF-8 on the endpoint line as meant, with a warning', async () => {
    const r = await run('mojibake.md');
    const text = read('mojibake.md');
    expect(r.diagnostics.map(brief)).toEqual([['mojibake', 'warning', lineOf(text, 'POST'), text.split('\n')[lineOf(text, 'POST') - 1].indexOf('â') + 1]]);
    expect(r.pages[0].endpoint).toMatchObject({ text: 'POST /access_codes/get ⇒ { access_code }', returns: { kind: 'resource', key: 'access_code' } });
  });

  it('closes a group left open at the end of the file, with a warning', async () => {
    const r = await run('tabs-unclosed.md');
    const text = read('tabs-unclosed.md');
    expect(r.diagnostics.map(brief)).toEqual([
      ['tabs-unclosed', 'warning', lineOf(text, '{% tabs %}'), 1],
      ['tab-unclosed', 'warning', lineOf(text, '{% tab title="Ruby" %}'), 1],
    ]);
    expect(r.pages[0].examples[0].samples.map((s) => s.language)).toEqual(['javascript', 'ruby']);
  });

  it('reads a {% tab %} outside any {% tabs %} as a group of its own', async () => {
    const r = await run('tab-outside-tabs.md');
    const text = read('tab-outside-tabs.md');
    expect(r.diagnostics.map(brief)).toEqual([['tab-outside-tabs', 'warning', lineOf(text, '{% tab title='), 1]]);
    expect(r.pages[0].examples[0]).toMatchObject({ line: lineOf(text, '{% tab title=') });
    expect(r.pages[0].examples[0].samples).toHaveLength(1);
  });

  it('says where a code fence that is never closed starts', async () => {
    const r = await run('fence-unclosed.md');
    const text = read('fence-unclosed.md');
    expect(r.diagnostics.map(brief)).toContainEqual(['fence-unclosed', 'warning', lineOf(text, '```javascript', 2), 1]);
    expect(r.pages[0].examples[0].samples[0].response.code).toContain('{% endtab %}');
  });

  it('reads every fixture of this folder in one run, each problem in its file', async () => {
    const r = await run('.');
    expect(new Set(r.diagnostics.map((d) => d.file))).toEqual(
      new Set(['empty.md', 'endtab-unopened.md', 'fence-unclosed.md', 'mojibake.md', 'not-utf8.md', 'tab-missing-request.md', 'tab-missing-response.md', 'tab-outside-tabs.md', 'tabs-reopened.md', 'tabs-unclosed.md']),
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.rule).sort()).toEqual(['file-not-utf8', 'tab-missing-request', 'tab-missing-response']);
  });
});
