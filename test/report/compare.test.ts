// `doc-harness compare` on two reports with every kind of change between them: newly failing,
// newly passing, still failing, a returned value that changed under the same verdict, samples
// only one run had, and the client's version per language.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareReports, type ChangeKind } from '../../harness/report/compare.ts';
import { comparisonHtml, comparisonMarkdown } from '../../harness/report/compare-format.ts';
import type { SampleResult } from '../../harness/engine/results.ts';
import type { TestReport } from '../../harness/report/test/report.ts';
import { runCli } from '../cli/run.ts';
import { reportOf, result } from './reports.ts';

const json = (value: unknown) => ({ kind: 'json' as const, json: value as never });
const at = (file: string, line: number, language: string, verdict: SampleResult['verdict'], fields: Partial<SampleResult> = {}) =>
  result({ file, line, language, verdict, exampleId: `${file}#1`, client: verdict === 'skip' ? null : `seam ${fields.client ?? '1.0.0'}`, ...fields, ...(fields.client ? { client: `seam ${fields.client}` } : {}) });

function before(): TestReport {
  return reportOf([
    at('docs/a.md', 5, 'javascript', 'pass', { returned: json({ status: 'pending' }) }),
    at('docs/b.md', 5, 'javascript', 'fail', { reason: 'b was wrong', returned: json({ n: 1 }) }),
    at('docs/c.md', 5, 'javascript', 'error', { reason: 'c threw' }),
    at('docs/d.md', 5, 'javascript', 'pass', { returned: json({ items: [1, 2], name: 'x' }) }),
    at('docs/e.md', 5, 'javascript', 'pass'),
    at('docs/gone.md', 5, 'javascript', 'pass'),
    at('docs/a.md', 9, 'curl', 'pass', { client: undefined }),
  ]);
}

function after(): TestReport {
  return reportOf([
    at('docs/a.md', 5, 'javascript', 'fail', { client: '2.0.0', reason: '$.status: documented "pending", returned "done"', returned: json({ status: 'done' }) }),
    at('docs/b.md', 5, 'javascript', 'pass', { client: '2.0.0', returned: json({ n: 2 }) }),
    at('docs/c.md', 5, 'javascript', 'fail', { client: '2.0.0', reason: 'c now differs' }),
    at('docs/d.md', 5, 'javascript', 'pass', { client: '2.0.0', returned: json({ items: [1], name: 'x', extra: true }) }),
    at('docs/e.md', 5, 'javascript', 'pass', { client: '2.0.0' }),
    at('docs/new.md', 5, 'javascript', 'pass', { client: '2.0.0' }),
    at('docs/new-broken.md', 5, 'javascript', 'error', { client: '2.0.0', reason: 'new and broken' }),
    at('docs/a.md', 9, 'curl', 'pass', { client: undefined }),
  ]);
}

describe('comparing two reports', () => {
  const comparison = compareReports(before(), after(), { before: 'before.json', after: 'after.json' });
  const of = (kind: ChangeKind) => comparison.changes.filter((c) => c.kind === kind).map((c) => c.file);

  it('sorts every changed sample into one kind, and leaves unchanged ones out', () => {
    expect(of('newly-failing')).toEqual(['docs/a.md', 'docs/new-broken.md']);
    expect(of('newly-passing')).toEqual(['docs/b.md']);
    expect(of('still-failing')).toEqual(['docs/c.md']);
    expect(of('value-changed')).toEqual(['docs/d.md']);
    expect(of('added')).toEqual(['docs/new.md']);
    expect(of('removed')).toEqual(['docs/gone.md']);
    expect(comparison.changes.map((c) => c.file)).not.toContain('docs/e.md');
  });

  it('says where a returned value changed', () => {
    const changed = comparison.changes.find((c) => c.file === 'docs/d.md')!;
    expect(changed.valueChanges).toEqual(['$.items: 2 item(s) before, 1 after', '$.extra: new, true']);
    expect(comparison.changes.find((c) => c.file === 'docs/a.md')!.valueChanges).toEqual(['$.status: "pending" before, "done" after']);
    expect(comparison.changes.find((c) => c.file === 'docs/a.md')).toMatchObject({ before: { verdict: 'pass' }, after: { verdict: 'fail', client: 'seam 2.0.0' } });
  });

  it('counts per language, with each language’s client before and after', () => {
    const javascript = comparison.languages.find((l) => l.language === 'javascript')!;
    expect(javascript.client).toEqual({ before: 'seam 1.0.0', after: 'seam 2.0.0' });
    expect(javascript.changes).toEqual({ 'newly-failing': 2, 'newly-passing': 1, 'still-failing': 1, 'value-changed': 1, added: 1, removed: 1 });
    const curl = comparison.languages.find((l) => l.language === 'curl')!;
    expect(curl.changes['newly-failing'] + curl.changes['value-changed']).toBe(0);
  });

  it('writes markdown fit for a pull-request comment: a table per language, then each kind of change', () => {
    const md = comparisonMarkdown(comparison, (l) => ({ javascript: 'JavaScript', curl: 'cURL' })[l] ?? l);
    expect(md.split('\n')[0]).toBe('## doc-harness compare: 2 newly failing, 1 newly passing, 1 still failing, 1 returned value(s) changed');
    expect(md).toContain('| JavaScript | seam 1.0.0 → seam 2.0.0 | 4/6 passed | 4/7 passed | 2 | 1 | 1 | 1 |');
    expect(md).toContain('### ❌ Newly failing (2)\n\n- `docs/a.md:5` JavaScript · POST /devices/get (pass → fail): $.status: documented "pending", returned "done"\n  - `$.status: "pending" before, "done" after`\n');
    expect(md).toContain('- `docs/new-broken.md:5` JavaScript · POST /devices/get (absent → error): new and broken');
    for (const title of ['### ✅ Newly passing (1)', '### ⚠️ Still failing (1)', '### 🔁 Returned value changed, same verdict (1)', '### ➕ Only in the second run (1)', '### ➖ Only in the first run (1)']) {
      expect(md).toContain(title);
    }
  });

  it('writes HTML with the docs’ text escaped', () => {
    const hostile = after();
    hostile.results[0].reason = '<script>alert(1)</script>';
    const html = comparisonHtml(compareReports(before(), hostile, { before: 'b', after: 'a' }), (l) => l);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
  });
});

describe('doc-harness compare', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'doc-harness-compare-'));
    await writeFile(join(dir, 'before.json'), JSON.stringify(before()));
    await writeFile(join(dir, 'after.json'), JSON.stringify(after()));
    await writeFile(join(dir, 'clean.json'), JSON.stringify(reportOf([at('docs/a.md', 5, 'javascript', 'pass')])));
    const fixed = before();
    fixed.results[1] = { ...fixed.results[1], verdict: 'pass', reason: 'matches the documented response' };
    await writeFile(join(dir, 'fixed.json'), JSON.stringify(fixed));
    await writeFile(join(dir, 'old-format.json'), JSON.stringify({ results: [], summary: {}, diagnostics: [] }));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('exits 1 when anything newly fails, printing markdown by default', async () => {
    const { code, stdout } = await runCli(['compare', 'before.json', 'after.json'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^## doc-harness compare: 2 newly failing/);
  });

  it('exits 0 when nothing newly fails, even if something changed', async () => {
    const { code, stdout } = await runCli(['compare', 'before.json', 'fixed.json', '--format', 'json'], { cwd: dir });
    expect(code).toBe(0);
    const comparison = JSON.parse(stdout) as { changes: Array<{ kind: string }> };
    expect(comparison.changes.map((c) => c.kind)).toEqual(['newly-passing', 'still-failing']);
    expect((await runCli(['compare', 'clean.json', 'clean.json'], { cwd: dir })).stdout).toContain('No sample changed.');
  });

  it('writes --format html to --output', async () => {
    const { code, stdout } = await runCli(['compare', 'before.json', 'after.json', '--format', 'html', '--output', 'out/compare.html'], { cwd: dir });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(join(dir, 'out', 'compare.html'), 'utf8')).toMatch(/^<!doctype html>[\s\S]*Newly failing \(2\)/);
  });

  it.each([
    [['before.json', 'missing.json'], /^doc-harness: cannot read missing\.json: ENOENT\n$/],
    [['before.json', 'old-format.json'], /^doc-harness: old-format\.json is not a doc-harness JSON report \(no schemaVersion/],
    [['before.json', 'after.json', '--format', 'pdf'], /^error: --format: expected one of md, html, json, got "pdf"/],
    [['before.json'], /^error: missing required argument 'after'/],
  ])('exits 2 on %j', async (args, message) => {
    const { code, stderr } = await runCli(['compare', ...args], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
