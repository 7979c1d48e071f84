// Ctrl-C and SIGTERM on a real `doc-harness test` process: every child ends, the run's temporary
// folders go, and the report written so far is printed — JSON and JUnit too, marked incomplete.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectFile } from '../../harness/run/assets.ts';
import { sandboxAvailable } from '../../harness/run/sandbox/index.ts';

const available = await sandboxAvailable();
const MARKER = 'while (true) {}';

function page(title: string, snippet: string): string {
  const device = JSON.stringify({ device_id: 'd-1', display_name: 'Front Door' }, null, 2);
  return [`# ${title}`, '', '```', 'POST /devices/get ⇒ { device }', '```', '', '{% tabs %}', '{% tab title="JavaScript" %}', '#### Request', '', '```javascript', snippet, '```', '', '#### Response', '', '```javascript', device, '```', '{% endtab %}', '{% endtabs %}', ''].join('\n');
}

describe.skipIf(!available.ok)('interrupting `doc-harness test`', () => {
  let root = '';
  let tmp = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'doc-harness-interrupt-'));
    tmp = path.join(root, 'tmp');
    await mkdir(path.join(root, 'docs'), { recursive: true });
    await mkdir(tmp);
    await writeFile(path.join(root, 'docs', 'a-first.md'), page('First', 'await seam.devices.get({ device_id: "d-1" });'));
    await writeFile(path.join(root, 'docs', 'b-hangs.md'), page('Hangs', MARKER));
    await writeFile(path.join(root, 'docs', 'c-never.md'), page('Never', 'await seam.devices.get({ device_id: "d-1" });'));
    // Recordings for every page: the hanging snippet cannot be read, so none could be derived from it.
    await mkdir(path.join(root, 'docs', '__recordings__'));
    for (const name of ['a-first', 'b-hangs', 'c-never']) {
      const definition = { example: `${name}.md#1`, scope: 'https://connect.getseam.com', method: 'POST', path: '/devices/get', body: { device_id: 'd-1' }, status: 200, response: { device: { device_id: 'd-1', display_name: 'Front Door' } } };
      await writeFile(path.join(root, 'docs', '__recordings__', `${name}.json`), JSON.stringify([definition], null, 2));
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal}: stops every child, removes its folders, and reports what finished, marked incomplete`, async () => {
      const junit = path.join(root, `report-${signal}.xml`);
      // --no-cache: every sample runs, as the test's order of events needs.
      const child = spawn(process.execPath, [projectFile('bin', 'doc-harness.mjs'), 'test', 'docs', '--lang', 'javascript', '--timeout', '60000', '--no-cache', '--json', '--junit', junit], {
        cwd: root,
        // Its temporary folders go in a folder of this test's, to see that none is left.
        env: { PATH: process.env.PATH, TMPDIR: tmp, DOC_HARNESS_CACHE: projectFile('.doc-harness', 'cache') },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Until the JavaScript driver runs; then the first sample passes and the second hangs.
      await waitFor(async () => (await descendants(child.pid!)).some((p) => p.cmdline.includes('driver.mjs')), 30_000);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const started = await descendants(child.pid!);
      expect(started.length).toBeGreaterThan(0);
      const sent = performance.now();
      child.kill(signal);
      const code = await exited;
      expect(performance.now() - sent).toBeLessThan(10_000);
      expect(code).toBe(signal === 'SIGINT' ? 130 : 143);

      const report = JSON.parse(stdout);
      expect(report.summary.incomplete).toBe(true);
      const byTitle = Object.fromEntries(report.results.map((r: { title: string; verdict: string }) => [r.title, r.verdict]));
      expect(byTitle).toEqual({ First: 'pass', Hangs: 'skip', Never: 'skip' });
      expect(await readFile(junit, 'utf8')).toContain('<property name="incomplete" value="true"/>');

      // Not one process it started is left (a moment for the kernel to reap them).
      await waitFor(async () => started.every((p) => !alive(p.pid)), 3000).catch(() => undefined);
      expect(started.filter((p) => alive(p.pid)).map((p) => p.cmdline)).toEqual([]);
      expect(await readdir(tmp)).toEqual([]);
    }, 60_000);
  }
});

/** Every process below `root`, from /proc. */
async function descendants(root: number): Promise<Array<{ pid: number; cmdline: string }>> {
  const parents = new Map<number, number>();
  const lines = new Map<number, string>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    parents.set(Number(name), ppid);
    lines.set(Number(name), (await readFile(`/proc/${name}/cmdline`, 'utf8').catch(() => '')).replace(/\0/g, ' '));
  }
  const below = (pid: number): boolean => {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) if (p === root) return true;
    return false;
  };
  return [...parents.keys()].filter(below).map((pid) => ({ pid, cmdline: lines.get(pid) ?? '' }));
}

/** Running: present, and not a zombie waiting for its parent to read its exit status. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out waiting');
}
