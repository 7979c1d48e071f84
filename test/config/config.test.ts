// The configuration file: found from the working folder up, in each format Node 20 loads, every
// key checked (a bad key or value is exit 2 naming it), laid under the command line (a flag wins).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCommand } from '../../harness/cli/commands/test.ts';
import { loadConfig, withConfig } from '../../harness/config/load.ts';
import { projectFile } from '../../harness/run/assets.ts';
import { runCli } from '../cli/run.ts';
import { ACME_PROFILE } from '../profile/acme.ts';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'doc-harness-config-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A folder of its own holding `config` as doc-harness.config.json. */
async function folderWith(config: unknown, name = 'doc-harness.config.json'): Promise<string> {
  const folder = path.join(dir, `case-${++counter}`);
  await mkdir(folder);
  await writeFile(path.join(folder, name), typeof config === 'string' ? config : JSON.stringify(config));
  return folder;
}

/** `doc-harness test <argv>` in a folder with `config`: the operands and options the command gets. */
async function configured(config: unknown, argv: string[] = [], files: Record<string, string> = {}) {
  const folder = await folderWith(config);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text);
  const command = new Command('test').exitOverride();
  testCommand.configure(command);
  command.parse(argv, { from: 'user' });
  const loaded = await loadConfig(folder);
  if (!loaded) throw new Error('no configuration found');
  return { folder, ...(await withConfig(command, command.args, loaded, folder)) };
}

/** The configuration error `config` gives. */
async function rejected(config: unknown): Promise<string> {
  try {
    await configured(config);
  } catch (error) {
    expect((error as Error).name).toBe('ConfigError');
    return (error as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('each key, good and bad', () => {
  it('docs: the paths a command runs on when given none; a path on the command line wins', async () => {
    const { folder, operands } = await configured({ docs: ['pages/', 'more/*.md'] });
    expect(operands).toEqual([path.join(folder, 'pages'), path.join(folder, 'more/*.md')]);
    expect((await configured({ docs: ['pages/'] }, ['other/'])).operands).toEqual(['other/']);
    expect(await rejected({ docs: 'pages/' })).toMatch(/^doc-harness\.config\.json: docs: must be array$/);
    expect(await rejected({ docs: [] })).toMatch(/docs: must NOT have fewer than 1 items/);
  });

  it('recordings: a folder, relative to the file', async () => {
    const { folder, options } = await configured({ recordings: 'docs/__recordings__' });
    expect(options.recordings).toBe(path.join(folder, 'docs/__recordings__'));
    expect(await rejected({ recordings: 5 })).toMatch(/recordings: must be string/);
  });

  it('profile: a shipped profile by name, another by its path; an unknown name is refused', async () => {
    expect((await configured({ profile: 'seam' })).options.profile).toBe('seam');
    const { folder, options } = await configured({ profile: './acme.mjs', languages: ['curl'] }, [], { 'acme.mjs': ACME_PROFILE });
    expect(options.profile).toBe(path.join(folder, 'acme.mjs'));
    expect(await rejected({ profile: 'acme' })).toMatch(/no profile named "acme"/);
    expect(await rejected({ profile: './nowhere.mjs' })).toMatch(/profile: .*nowhere\.mjs does not exist/);
  });

  it('languages: the profile’s language ids', async () => {
    expect((await configured({ languages: ['javascript', 'curl'] })).options.lang).toEqual(['javascript', 'curl']);
    expect(await rejected({ languages: ['elixir'] })).toMatch(/languages: unknown language "elixir"/);
    expect(await rejected({ languages: 'javascript' })).toMatch(/languages: must be array/);
  });

  it('sdk: a release or a local build (relative to the file) per language', async () => {
    const { folder, options } = await configured({ sdk: { javascript: '1.244.0', python: './dist/seam.whl' } });
    expect(options.sdk).toEqual(['javascript=1.244.0', `python=${path.join(folder, 'dist/seam.whl')}`]);
    expect(await rejected({ sdk: { cobol: '1.0' } })).toMatch(/sdk: unknown language "cobol"/);
    expect(await rejected({ sdk: { javascript: 1 } })).toMatch(/sdk\.javascript: must be string/);
  });

  it('reporters: names, or { name, output }; --reporter on the command line replaces them', async () => {
    const { folder, options } = await configured({ reporters: ['default', { name: 'junit', output: 'out/junit.xml' }] });
    expect(options.reporter).toEqual(['default', 'junit']);
    expect(options['output.junit']).toBe(path.join(folder, 'out/junit.xml'));
    expect((await configured({ reporters: ['github'] }, ['--reporter', 'json'])).options.reporter).toEqual(['json']);
    expect(await rejected({ reporters: ['pdf'] })).toMatch(/reporters: unknown reporter "pdf"/);
    expect(await rejected({ reporters: [{ output: 'x.xml' }] })).toMatch(/reporters\.0: must have required property 'name'/);
  });

  it('timeout and jobs: whole numbers above 0; a flag wins', async () => {
    expect((await configured({ timeout: 2000, jobs: 2 })).options).toMatchObject({ timeout: '2000', jobs: '2' });
    expect((await configured({ timeout: 2000 }, ['--timeout', '500'])).options.timeout).toBe('500');
    expect(await rejected({ timeout: 0 })).toMatch(/timeout: must be >= 1/);
    expect(await rejected({ jobs: 1.5 })).toMatch(/jobs: must be integer/);
  });

  it('memoryLimit: a size of at least 64M', async () => {
    expect((await configured({ memoryLimit: '512M' })).options.memoryLimit).toBe('512M');
    expect(await rejected({ memoryLimit: '12K' })).toMatch(/memoryLimit: expected a size of at least 64M/);
  });

  it('strict: a boolean', async () => {
    expect((await configured({ strict: true })).options.strict).toBe(true);
    expect(await rejected({ strict: 'yes' })).toMatch(/strict: must be boolean/);
  });

  it('expectations and cacheDir: paths relative to the file', async () => {
    const { folder, options } = await configured({ expectations: 'known.json', cacheDir: '.cache/dh' });
    expect(options).toMatchObject({ expectations: path.join(folder, 'known.json'), cacheDir: path.join(folder, '.cache/dh') });
    expect(await rejected({ expectations: '' })).toMatch(/expectations: must NOT have fewer than 1 characters/);
    expect(await rejected({ cacheDir: 3 })).toMatch(/cacheDir: must be string/);
  });

  it('an unknown key is named, with the keys there are', async () => {
    expect(await rejected({ timeout: 10, tiemout: 10 })).toMatch(/unknown key "tiemout" \(known: docs, recordings, profile, languages, sdk, reporters, timeout, jobs, memoryLimit, strict, expectations, cacheDir\)/);
    expect(await rejected('[1, 2]')).toMatch(/the configuration must be an object/);
  });
});

describe('finding and loading the file', () => {
  it('is found from a subfolder, and loads as .mjs, .cjs and .json', async () => {
    for (const [name, text] of [
      ['doc-harness.config.mjs', 'export default { timeout: 1234 };'],
      ['doc-harness.config.cjs', 'module.exports = { timeout: 1234 };'],
      ['doc-harness.config.json', '{ "timeout": 1234 }'],
    ]) {
      const folder = await folderWith(text, name);
      await mkdir(path.join(folder, 'deep', 'er'), { recursive: true });
      const loaded = await loadConfig(path.join(folder, 'deep', 'er'));
      expect([name, loaded?.file, loaded?.config]).toEqual([name, path.join(folder, name), { timeout: 1234 }]);
    }
  });

  it('--config names another file; one that is not there is a configuration error', async () => {
    const folder = await folderWith({ strict: true }, 'ci.json');
    expect((await loadConfig(dir, path.join(folder, 'ci.json')))?.config).toEqual({ strict: true });
    await expect(loadConfig(folder, 'missing.json')).rejects.toThrow(/--config: .*missing\.json does not exist/);
  });

  it('a bad configuration stops any command with exit 2, naming the key', async () => {
    const folder = await folderWith({ languages: ['javascript'], timeout: -1 });
    const ran = await runCli(['list'], { cwd: folder });
    expect(ran).toMatchObject({ code: 2, stdout: '' });
    expect(ran.stderr).toBe('doc-harness: doc-harness.config.json: timeout: must be >= 1\n');
  });

  it('the configuration’s docs are what list runs on', async () => {
    const folder = await folderWith({ docs: ['pages/'] });
    await mkdir(path.join(folder, 'pages'));
    await writeFile(path.join(folder, 'pages', 'a.md'), '# A\n\n{% tabs %}\n{% tab title="cURL" %}\n#### Request\n\n```curl\ncurl -X POST https://connect.getseam.com/devices/list\n```\n\n#### Response\n\n```curl\n{}\n```\n{% endtab %}\n{% endtabs %}\n');
    const ran = await runCli(['list', '--json'], { cwd: folder });
    expect(JSON.parse(ran.stdout).examples.map((e: { file: string }) => e.file)).toEqual(['pages/a.md']);
  });

  it('doc-harness.config.ts needs a Node that runs TypeScript: on Node 20 it is a configuration error saying what to write instead', async () => {
    const folder = await folderWith('export default { timeout: 1234 } satisfies object;', 'doc-harness.config.ts');
    const ran = await promisify(execFile)(process.execPath, [projectFile('bin', 'doc-harness.mjs'), 'list'], { cwd: folder }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    const [major, minor] = process.versions.node.split('.').map(Number);
    if (major > 22 || (major === 22 && minor >= 18)) expect(ran.code).not.toBe(2);
    else {
      expect(ran.code).toBe(2);
      expect(ran.stderr).toMatch(/doc-harness\.config\.ts: Node v\d+\S* cannot load TypeScript without a loader .*write doc-harness\.config\.mjs, \.js or \.json instead/);
    }
  });
});
