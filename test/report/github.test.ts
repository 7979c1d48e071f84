// The GitHub Actions reporter: an annotation at each failure's file:line (workflow commands,
// escaped as the Actions toolkit escapes them) and a step summary appended to $GITHUB_STEP_SUMMARY.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { githubReporter } from '../../harness/report/test/github.ts';
import { captured } from './context.ts';
import { knownResults, reportOf, result } from './reports.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

describe('the github reporter', () => {
  it('annotates each failure and error at its file:line:column, and each error or warning diagnostic', async () => {
    const report = reportOf(knownResults(), {
      diagnostics: [
        { severity: 'warning', file: 'docs/locks/unlock_door.md', line: 3, column: 1, rule: 'tabs-unclosed', message: 'a tab is not closed' },
        { severity: 'info', file: 'docs/x.md', line: 1, column: 1, rule: 'unknown-language', message: 'not shown' },
      ],
    });
    const { context, output } = captured();
    await githubReporter(context).onFinish(report);
    expect(output().split('\n').filter(Boolean)).toEqual([
      '::error file=docs/devices/get.md,line=54,col=3,title=doc-harness%3A cURL POST /devices/get::runtime: curl: (6) Could not resolve host',
      '::error file=docs/locks/unlock_door.md,line=16,col=1,title=doc-harness%3A JavaScript POST /locks/unlock_door::$.status: documented "pending", returned "success"',
      '::warning file=docs/locks/unlock_door.md,line=3,col=1,title=doc-harness%3A tabs-unclosed::a tab is not closed',
    ]);
  });

  it('escapes what would end a workflow command: line breaks, percent signs, and in properties commas and colons', async () => {
    const hostile = result({ file: 'docs/a,b:c.md', line: 2, language: 'javascript', verdict: 'fail', reason: '100% wrong\n::error::forged', differences: ['one', 'two'] });
    const { context, output } = captured();
    await githubReporter(context).onFinish(reportOf([hostile]));
    expect(output()).toBe('::error file=docs/a%2Cb%3Ac.md,line=2,col=1,title=doc-harness%3A JavaScript POST /devices/get::100%25 wrong%0A::error::forged%0Aone%0Atwo\n');
  });

  it('appends a markdown step summary to $GITHUB_STEP_SUMMARY: counts per language and client, every problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'doc-harness-github-'));
    dirs.push(dir);
    const file = join(dir, 'summary.md');
    await writeFile(file, 'earlier step\n');
    const { context } = captured({ env: { GITHUB_STEP_SUMMARY: file } });
    await githubReporter(context).onFinish(reportOf(knownResults()));
    const summary = await readFile(file, 'utf8');
    expect(summary.startsWith('earlier step\n### doc-harness: 2 passed, 1 failed, 1 errors, 1 skipped\n')).toBe(true);
    expect(summary).toContain('| JavaScript | seam 1.245.0 | 1 | 1 | 0 | 0 |');
    expect(summary).toContain('| cURL | curl 7.88.1 | 0 | 0 | 1 | 0 |');
    expect(summary).toContain('| ❌ fail | `docs/locks/unlock_door.md:16` JavaScript POST /locks/unlock_door | $.status: documented "pending", returned "success" |');
    expect(summary).toContain('| ⚠️ error | `docs/devices/get.md:54` cURL POST /devices/get | runtime: curl: (6) Could not resolve host |');
    expect(summary).toContain('docs at 0123456789ab');
  });
});
