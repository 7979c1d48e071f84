// The HTML report in a real browser (Debian's Chromium): the grid of pages × languages coloured
// by verdict, a failing cell opening its diff, the failure filter, nothing fetched from anywhere,
// and text from the docs shown as text. A screenshot is kept as a test artifact.
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPage } from '../../harness/report/test/html.ts';
import { projectFile } from '../../harness/run/assets.ts';
import { launchChromium } from './browser.ts';
import { knownResults, reportOf, result } from './reports.ts';

const LABELS = { javascript: 'JavaScript', seam_cli: 'Seam CLI', curl: 'cURL' };
const SCREENSHOT = projectFile('.doc-harness', 'artifacts', 'html-report.png');

const hostile = result({
  file: 'docs/zz/hostile.md',
  line: 7,
  language: 'javascript',
  exampleId: 'zz/hostile.md#1',
  verdict: 'fail',
  reason: '<img src=x onerror="window.pwned=1"> documented </pre><script>window.pwned=2</script>',
  differences: ['$.name: documented "<b>bold</b>", returned "</script><script>window.pwned=3</script>"'],
  code: { request: '<script>window.pwned=4</script>', response: '{ "a": "\u2028" }' },
});
const allPass = result({ file: 'docs/access_codes/list.md', line: 20, language: 'javascript', exampleId: 'access_codes/list.md#1', verdict: 'pass' });
const results = [allPass, ...knownResults(), hostile];

let browser: Awaited<ReturnType<typeof launchChromium>>;
let page: Page;
let dir: string;
const requests: string[] = [];
const pageErrors: string[] = [];
let url: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'doc-harness-html-'));
  const file = join(dir, 'report.html');
  await writeFile(file, htmlPage(reportOf(results), LABELS));
  url = pathToFileURL(file).href;
  browser = await launchChromium();
  browser.context.on('request', (request) => requests.push(request.url()));
  page = await browser.context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
});

afterAll(async () => {
  await browser?.close();
  await rm(dir, { recursive: true, force: true });
});

const cellOf = (file: string, line: number, language: string) => {
  const index = results.findIndex((r) => r.file === file && r.line === line && r.language === language);
  return page.locator(`button.cell[data-index="${index}"]`);
};

describe('the HTML report in Chromium', () => {
  it('shows the summary counts and a grid of pages × languages, each cell coloured by its verdict', async () => {
    const count = (kind: string) => page.locator(`[data-count="${kind}"] b`).textContent();
    expect([await count('pass'), await count('fail'), await count('error'), await count('skip'), await count('total')]).toEqual(['3', '2', '1', '1', '7']);
    expect(await page.locator('#grid thead th').allTextContents()).toEqual(['Page', 'JavaScript', 'Seam CLI', 'cURL']);
    const rows = page.locator('#grid tbody tr');
    expect(await rows.count()).toBe(4);
    expect(await page.locator('#grid tbody tr td.page code').allTextContents()).toEqual([
      'docs/access_codes/list.md:10',
      'docs/devices/get.md:10',
      'docs/locks/unlock_door.md:11',
      'docs/zz/hostile.md:10',
    ]);
    for (const r of results) {
      const cell = cellOf(r.file, r.line, r.language);
      expect(await cell.getAttribute('data-verdict'), `${r.file}:${r.line} ${r.language}`).toBe(r.verdict);
      // The cell stands in its language's column.
      expect(await cell.locator('xpath=..').getAttribute('data-language')).toBe(r.language);
    }
    // The page's own computed style (this file's types know no DOM: the function runs in the page).
    type Styled = { getComputedStyle(element: unknown): { backgroundColor: string } };
    const colour = (file: string, line: number, language: string) =>
      cellOf(file, line, language).evaluate((button) => (globalThis as unknown as Styled).getComputedStyle(button).backgroundColor);
    const pass = await colour('docs/devices/get.md', 15, 'javascript');
    const fail = await colour('docs/locks/unlock_door.md', 16, 'javascript');
    const error = await colour('docs/devices/get.md', 52, 'curl');
    expect(new Set([pass, fail, error]).size).toBe(3);
  });

  it('opens a failing cell: its verdict, reason, diff, documented and returned values, request', async () => {
    await cellOf('docs/locks/unlock_door.md', 16, 'javascript').click();
    const detail = page.locator('#detail');
    expect(await detail.locator('.verdict').textContent()).toBe('fail');
    expect(await detail.locator('pre.differences').textContent()).toBe('$.status: documented "pending", returned "success"');
    const diff = (await detail.locator('pre.diff').textContent())!.split('\n');
    expect(diff).toContain('-   "status": "pending",');
    expect(diff).toContain('+   "status": "success",');
    expect(diff).toContain('    "action_type": "UNLOCK_DOOR"');
    expect(await detail.locator('pre.request').textContent()).toBe("await seam.locks.unlockDoor({ device_id: 'd1' })");
    expect(await detail.locator('pre.documented').textContent()).toBe('{ status: "pending" }');
    expect(JSON.parse((await detail.locator('pre.returned').textContent())!)).toEqual({ status: 'success', action_type: 'UNLOCK_DOOR' });
    expect(await detail.locator('dl.facts').textContent()).toContain('docs/locks/unlock_door.md:16:1');
    expect(await cellOf('docs/locks/unlock_door.md', 16, 'javascript').getAttribute('aria-pressed')).toBe('true');
  });

  it('opens an error at the line the error points to, with its kind and detail', async () => {
    await cellOf('docs/devices/get.md', 52, 'curl').click();
    const detail = page.locator('#detail');
    expect(await detail.locator('.verdict').textContent()).toBe('error');
    expect(await detail.locator('dl.facts').textContent()).toContain('docs/devices/get.md:54:3');
    expect(await detail.locator('h3', { hasText: 'Error: runtime' }).count()).toBe(1);
    expect(await detail.locator('pre.error').textContent()).toBe('curl: (6) Could not resolve host\n\nexit status 6');
  });

  it('filters the grid down to the examples with a failure or an error, and back', async () => {
    const visible = () => page.locator('#grid tbody tr:visible td.page code').allTextContents();
    await page.locator('#only-problems').check();
    expect(await visible()).toEqual(['docs/devices/get.md:10', 'docs/locks/unlock_door.md:11', 'docs/zz/hostile.md:10']);
    await page.locator('#only-problems').uncheck();
    expect(await visible()).toHaveLength(4);
  });

  it('shows markup from the docs as text, and runs none of it', async () => {
    await cellOf('docs/zz/hostile.md', 7, 'javascript').click();
    const detail = page.locator('#detail');
    expect(await detail.locator('p.reason').textContent()).toBe(hostile.reason);
    expect(await detail.locator('pre.request').textContent()).toBe('<script>window.pwned=4</script>');
    expect(await detail.locator('img, script, b').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
  });

  it('fetched nothing but the page itself, and threw no error', async () => {
    expect(requests).toEqual([url]);
    expect(pageErrors).toEqual([]);
  });

  it('saves a screenshot as a test artifact', async () => {
    await cellOf('docs/locks/unlock_door.md', 16, 'javascript').click();
    await mkdir(join(SCREENSHOT, '..'), { recursive: true });
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(10_000);
  });
});
