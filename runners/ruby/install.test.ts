// Which client the Ruby runner picks: the built-in one when the gem is not there, a checkout or a
// .gem file given with --sdk, and never a fallback for a release the user named. Each test has a
// cache of its own, so nothing here is installed into the project's cache.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunnerEnv } from '../../harness/run/types.ts';
import { collect, job, testEnv } from '../../test/helpers/run/jobs.ts';
import { findRuby } from './install.ts';
import { runner } from './runner.ts';
import { startRubyMock } from './test-support.ts';

const server = await startRubyMock();
const scratch = await mkdtemp(path.join(tmpdir(), 'doc-harness-ruby-install-'));
const ruby = await findRuby();

afterAll(async () => {
  await server.close();
  await rm(scratch, { recursive: true, force: true });
});

let counter = 0;
async function envWith(overrides: Partial<Omit<RunnerEnv, 'sandbox'>>): Promise<RunnerEnv> {
  const cacheDir = path.join(scratch, `cache-${++counter}`);
  return testEnv(server, { cacheDir, workDir: path.join(scratch, `work-${counter}`), ...overrides });
}

/** A stand-in seam library: `seam.devices.get` answers with where it was loaded from and how it was made. */
async function fakeSeam(dir: string, from: string, version: string): Promise<void> {
  await mkdir(path.join(dir, 'lib', 'seam'), { recursive: true });
  await writeFile(path.join(dir, 'lib', 'seam', 'version.rb'), `module Seam\n  VERSION = "${version}"\nend\n`);
  await writeFile(
    path.join(dir, 'lib', 'seam.rb'),
    [
      'require_relative "seam/version"',
      'module Seam',
      '  def self.new(**options) = Client.new(options)',
      '  class Client',
      '    def initialize(options) = @options = options',
      '    def devices = self',
      `    def get(**params) = {"from" => "${from}", "version" => VERSION, "params" => params, "headers" => @options.dig(:faraday_options, :headers)}`,
      '  end',
      'end',
      '',
    ].join('\n'),
  );
}

async function getThrough(env: RunnerEnv, slug: string) {
  const one = job(server, 'ruby', slug, 'seam.devices.get(device_id: "d-1")');
  return (await collect(runner.run([one], env))).get(one.sample.id)?.outcome;
}

describe.skipIf(!ruby)(`ruby client installs${ruby ? '' : ' (skipped: no Ruby here)'}`, () => {
  it('falls back to the built-in client, saying why, when an offline run has no gem installed', async () => {
    const env = await envWith({ offline: true });
    const toolchain = await runner.prepare(env);
    expect(toolchain).toMatchObject({ ready: true, client: 'built-in client', version: '— seam gem not installable' });
    if (toolchain.ready) {
      expect(toolchain.notes).toEqual([expect.stringMatching(/^seam gem not installable: it is not installed in .*seam@latest, and this run may not contact a registry; ran doc-harness's built-in client instead \(the seam gem's interface over @seamapi\/types \d/)]);
    }
  });

  it('never replaces a release the user named', async () => {
    const toolchain = await runner.prepare(await envWith({ offline: true, sdkVersion: '2.54.0' }));
    expect(toolchain).toEqual({ ready: false, reason: expect.stringMatching(/^no Ruby client: cannot install seam 2\.54\.0: it is not installed in /) });
  });

  it('loads a checkout given with --sdk, and tells it the example the way Faraday cannot lose', async () => {
    const checkout = path.join(scratch, 'checkout');
    await fakeSeam(checkout, 'checkout', '7.1.0');
    const env = await envWith({ sdkVersion: checkout });
    expect(await runner.prepare(env)).toMatchObject({ ready: true, client: 'seam', version: '7.1.0', notes: [expect.stringContaining(`local checkout ${checkout}`)] });
    expect(await getThrough(env, 'from-checkout')).toEqual({
      ok: true,
      value: { kind: 'json', json: { from: 'checkout', version: '7.1.0', params: { device_id: 'd-1' }, headers: { 'x-doc-harness-example': 'from-checkout' } } },
    });
  });

  it('installs a .gem file given with --sdk into the cache, without a registry', async () => {
    const source = path.join(scratch, 'gem-source');
    await fakeSeam(source, 'gem', '9.9.9');
    await writeFile(
      path.join(source, 'seam.gemspec'),
      'Gem::Specification.new do |s|\n  s.name = "seam"\n  s.version = "9.9.9"\n  s.summary = "stand-in"\n  s.authors = ["doc-harness"]\n  s.files = ["lib/seam.rb", "lib/seam/version.rb"]\nend\n',
    );
    await execa('gem', ['build', 'seam.gemspec'], { cwd: source, stdin: 'ignore' });
    const env = await envWith({ sdkVersion: path.join(source, 'seam-9.9.9.gem'), offline: true });
    expect(await runner.prepare(env)).toMatchObject({ ready: true, client: 'seam', version: '9.9.9' });
    expect(await getThrough(env, 'from-gem')).toMatchObject({ ok: true, value: { json: { from: 'gem', version: '9.9.9' } } });
  });

  it('says what a path that is neither a checkout nor a .gem is', async () => {
    const toolchain = await runner.prepare(await envWith({ sdkVersion: scratch }));
    expect(toolchain).toEqual({ ready: false, reason: `no Ruby client: ${scratch} is neither a .gem file nor a checkout of the seam gem (no lib/seam.rb)` });
  });
});
