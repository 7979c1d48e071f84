// `test --changed [ref]` in a git repository of its own: only the pages that differ from the ref
// (edited, committed since, new, or whose recordings changed), all of a language whose client is
// not the one the last run used; a ref git does not know, or no repository, is exit 2.
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestReport } from '../../harness/report/test/report.ts';
import { runCli } from '../cli/run.ts';
import { acmeDocs, type AcmeDocs } from '../profile/acme.ts';

let acme: AcmeDocs;
const git = (...args: string[]) => execFileSync('git', ['-C', acme.dir, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });

beforeAll(async () => {
  acme = await acmeDocs();
  // Reports and the cache are written in the repository: git must not see them as changes.
  await writeFile(path.join(acme.dir, '.gitignore'), 'cache/\n*.json.out\n');
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'docs');
}, 60_000);
afterAll(() => rm(acme.dir, { recursive: true, force: true }));

async function changed(args: string[]) {
  const out = path.join(acme.dir, `report-${Math.random()}.json.out`);
  const ran = await runCli(['test', 'docs', '--profile', acme.profile, '--sdk', `javascript=${acme.client}`, '--lang', 'curl', '--reporter', 'json', '--output', out, ...args], {
    cwd: acme.dir,
    env: { PATH: process.env.PATH, DOC_HARNESS_CACHE: path.join(acme.dir, 'cache') },
  });
  const report = ran.code === 2 ? undefined : (JSON.parse(await readFile(out, 'utf8')) as TestReport);
  return { ...ran, pages: [...new Set(report?.results.map((r) => r.file))] };
}

describe('test --changed', () => {
  it('runs only the pages that differ from the ref: edited, committed since, new, or re-recorded', async () => {
    // The first run meets a client it has not seen (nothing is recorded of a last run): everything.
    expect((await changed(['--changed'])).pages).toEqual(['docs/widgets/get.md', 'docs/widgets/rename.md']);
    // Nothing differs from HEAD now, and the clients are the last run's.
    expect((await changed(['--changed'])).pages).toEqual([]);

    const rename = path.join(acme.dir, 'docs', 'widgets', 'rename.md');
    await writeFile(rename, `${await readFile(rename, 'utf8')}\nEdited.\n`);
    expect((await changed(['--changed'])).pages).toEqual(['docs/widgets/rename.md']);
    git('commit', '-q', '-am', 'edit rename');
    expect((await changed(['--changed'])).pages).toEqual([]);
    expect((await changed(['--changed', 'HEAD~1'])).pages).toEqual(['docs/widgets/rename.md']);

    const cassette = path.join(acme.dir, 'docs', '__recordings__', 'widgets', 'get.json');
    await writeFile(cassette, (await readFile(cassette, 'utf8')).replace('Sprocket', 'Sprocket'.padEnd(9)));
    expect((await changed(['--changed'])).pages).toEqual(['docs/widgets/get.md']);
    git('checkout', '-q', '--', cassette);

    await writeFile(path.join(acme.dir, 'docs', 'widgets', 'new.md'), (await readFile(rename, 'utf8')).replace('Rename a widget', 'A new page'));
    expect((await changed(['--changed'])).pages).toEqual(['docs/widgets/new.md']);
    await rm(path.join(acme.dir, 'docs', 'widgets', 'new.md'));
  }, 120_000);

  it('runs every page of a language whose client changed since the last run', async () => {
    await changed([]);
    expect((await changed(['--changed'])).pages).toEqual([]);
    const clients = path.join(acme.dir, 'cache', 'results', 'last-clients.json');
    await writeFile(clients, JSON.stringify({ curl: 'curl 0.0.1' }));
    expect((await changed(['--changed'])).pages).toEqual(['docs/widgets/get.md', 'docs/widgets/rename.md']);
  }, 120_000);

  it('a ref git does not know, or docs outside a repository, is exit 2', async () => {
    const unknown = await changed(['--changed', 'no-such-branch']);
    expect(unknown).toMatchObject({ code: 2, stderr: 'doc-harness: --changed: git knows no commit "no-such-branch"\n' });
    await rm(path.join(acme.dir, '.git'), { recursive: true, force: true });
    const outside = await changed(['--changed']);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/--changed: .* is not in a git repository/);
  }, 120_000);
});
