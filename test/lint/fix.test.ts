// `lint --fix`: the mechanical fixes, applied to a copy of pages that need them; the fixed pages
// read to the same calls and values and lint clean of what was fixed.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyEdits } from '../../harness/lint/fix.ts';
import { runCli } from '../cli/run.ts';
import { fixturePath } from '../helpers/corpus.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function copyOf(...files: string[]): Promise<string> {
  dir = await mkdtemp(join(tmpdir(), 'doc-harness-fix-'));
  for (const file of files) await cp(fixturePath('lint', file), join(dir, file.replace('/', '-')));
  return dir;
}

describe('lint --fix', () => {
  it('writes Python True/False/None, Ruby nil and single-quoted CLI JSON, then reports what is left', async () => {
    const cwd = await copyOf('snippet-invalid-in-language/fail.md', 'cli-shell-unsafe/fail.md');
    const env = { DOC_HARNESS_CACHE: join(cwd, 'cache'), NO_COLOR: '1' };
    const rules = ['--rule', 'snippet-invalid-in-language', '--rule', 'cli-shell-unsafe'];
    const readers = ['lint', '.', '--rule', 'request-mismatch', '--rule', 'response-mismatch', '--rule', 'snippet-unreadable'];
    const readBefore = await runCli(readers, { cwd, env });
    const before = await runCli(['lint', '.', ...rules, '--json'], { cwd, env });
    const fixable = (JSON.parse(before.stdout) as { findings: Array<{ fix?: unknown }> }).findings.filter((f) => f.fix).length;
    expect(fixable).toBe(3);

    const fixed = await runCli(['lint', '.', ...rules, '--fix'], { cwd, env });
    expect(fixed.stdout.trim().split('\n').at(-1)).toBe('2 file(s), 2 example(s): 0 errors, 0 warnings, 0 info; 3 fixes applied');
    const python = await readFile(join(cwd, 'snippet-invalid-in-language-fail.md'), 'utf8');
    const original = await readFile(fixturePath('lint', 'snippet-invalid-in-language/fail.md'), 'utf8');
    expect(python).not.toBe(original);
    expect(python.replace('=False', '=false').replace(': nil', ': null')).toBe(original);
    const cli = await readFile(join(cwd, 'cli-shell-unsafe-fail.md'), 'utf8');
    expect(cli).toContain(`--common_code_key '{"a":1,"b":2}'`);

    // The calls and values read the same after the fix: what the tab comparisons say is unchanged.
    const readAfter = await runCli(readers, { cwd, env });
    expect(readAfter.stdout).toBe(readBefore.stdout);
  });
});

describe('applyEdits', () => {
  const at = (line: number, column: number) => ({ line, column });

  it('applies edits where the text still says what they replace, back to front', () => {
    const result = applyEdits('a = true\nb = null\n', [
      { start: at(1, 5), end: at(1, 9), before: 'true', after: 'True' },
      { start: at(2, 5), end: at(2, 9), before: 'null', after: 'None' },
    ]);
    expect(result).toMatchObject({ text: 'a = True\nb = None\n', applied: 2, skipped: 0 });
  });

  it('skips an edit whose text has changed, and the second of two overlapping edits', () => {
    const result = applyEdits('x = false', [
      { start: at(1, 5), end: at(1, 10), before: 'fals', after: 'FALSE' },
      { start: at(1, 5), end: at(1, 10), before: 'false', after: 'False' },
      { start: at(1, 6), end: at(1, 8), before: 'al', after: 'AL' },
    ]);
    expect(result).toMatchObject({ text: 'x = False', applied: 1, skipped: 2 });
  });

  it('keeps a byte order mark and counts columns after it', () => {
    expect(applyEdits('\uFEFFv = null', [{ start: at(1, 5), end: at(1, 9), before: 'null', after: 'nil' }]).text).toBe('\uFEFFv = nil');
  });
});
