// The Ruby client, the profile's gem (Seam's: `seam`), in order of preference:
//   1. the gem, installed by `gem install` into `<cacheDir>/ruby/<gem>@<version|latest>/`
//      (`--sdk ruby=<version>` picks the release);
//   2. a local build given with `--sdk ruby=<path>`: a `.gem` file (installed with `gem install
//      --local`, its dependencies from .gem files beside it) or a checkout (its lib/ is loaded);
//   3. by default, when the gem cannot be installed (RubyGems unreachable, a Ruby older than the
//      gem needs, an offline run without an install), the profile's built-in client (Seam's:
//      client/, README.md), with the reason as a note. An explicit `--sdk` never falls back.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import type { OpenApiSource, RubyClient } from '../../harness/profile.ts';
import { clientOf } from '../../harness/run/client.ts';
import { installOnce, isInstalled, recentFailure, rememberFailure, type Installed, type InstallContext, type Installer } from '../../harness/run/install/index.ts';
import { apiIndex, INDEX_FORMAT } from './api-index.ts';

/** How the driver loads the client. */
export type ClientMode = 'gem' | 'checkout' | 'built-in';

export type RubyInstalled =
  | (Extract<Installed, { ok: true }> & {
      mode: ClientMode;
      /** The interpreter that runs the driver. */
      ruby: string;
      /** Interpreter options before the driver: `-I <a checkout's lib/ or the built-in client>`, … */
      rubyArgs: string[];
      /** Variables the driver reads to load the client. */
      env: Record<string, string>;
    })
  | { ok: false; reason: string };

/** The default profile's client: what an install that names no client installs (and its tests ask for). */
const DEFAULT_CLIENT = clientOf({}, 'ruby') as RubyClient;

/** What `ruby` says about itself. */
interface RubyProbe {
  version: string;
  executable: string;
  prefix: string;
  /** Where installed gems are (a checkout's dependencies come from there). */
  gemPath: string[];
}

const PROBE = 'require "json"; require "rbconfig"; puts JSON.generate(version: RUBY_VERSION, executable: RbConfig.ruby, prefix: RbConfig::CONFIG["prefix"], gemPath: Gem.path)';

let probed: Promise<RubyProbe | undefined> | undefined;

/** The `ruby` on PATH, once per process. */
export function findRuby(): Promise<RubyProbe | undefined> {
  probed ??= (async () => {
    const result = await execa('ruby', ['-e', PROBE], { reject: false, stdin: 'ignore', timeout: 30_000 });
    if (result.failed) return undefined;
    try {
      return JSON.parse(String(result.stdout).trim().split('\n').pop() ?? '') as RubyProbe;
    } catch {
      return undefined;
    }
  })();
  return probed;
}

const ensured = new Map<string, Promise<RubyInstalled>>();

export const installer = {
  /** `client`: the profile's; the default profile's when not given. */
  ensure({ client = DEFAULT_CLIENT, ...context }: InstallContext & { client?: RubyClient }): Promise<RubyInstalled> {
    const key = `${context.cacheDir}\0${JSON.stringify(context.request)}\0${context.offline}\0${client.gem}`;
    let install = ensured.get(key);
    if (!install) {
      install = ensure(context, client);
      ensured.set(key, install);
      // A failure is not remembered: the next run (or a retry in this process) tries again.
      void install.then((result) => result.ok || ensured.delete(key), () => ensured.delete(key));
    }
    return install;
  },
} satisfies Installer;

async function ensure({ cacheDir, request, offline }: InstallContext, client: RubyClient): Promise<RubyInstalled> {
  const ruby = await findRuby();
  if (!ruby) return { ok: false, reason: 'no ruby found on PATH (on Debian: apt-get install ruby)' };
  const root = path.join(cacheDir, 'ruby');
  if (request.kind === 'path') return local(root, request.path, ruby, client);
  const version = request.kind === 'version' ? request.version : 'latest';
  const dir = path.join(root, `${client.gem}@${version}`);
  const describe = (done: string) => describeGem(done, client);
  let gem: Installed;
  if (isInstalled(dir)) gem = await describe(dir);
  else if (offline) gem = { ok: false, reason: `it is not installed in ${dir}, and this run may not contact a registry` };
  else {
    const failed = request.kind === 'default' ? await recentFailure(dir) : undefined;
    gem = failed
      ? { ok: false, reason: failed }
      : await installOnce<Installed>(dir, (staging) => gemInstall(staging, [client.gem, ...(version === 'latest' ? [] : ['--version', version])], client), describe);
    if (!gem.ok && !failed && request.kind === 'default') await rememberFailure(dir, gem.reason);
  }
  if (gem.ok) return withGem(gem, ruby);
  // A release the user named must be that release: only the default falls back, and only to a
  // stand-in the profile has.
  if (request.kind === 'version' || !client.builtIn) return { ok: false, reason: `cannot install ${client.gem} ${version}: ${gem.reason}` };
  return builtIn(root, ruby, `${client.gem} gem not installable: ${gem.reason}`, client, client.builtIn.folder, client.builtIn.api);
}

/** `--sdk ruby=<path>`: a .gem file to install, or a checkout to load in place. */
async function local(root: string, file: string, ruby: RubyProbe, client: RubyClient): Promise<RubyInstalled> {
  if (file.endsWith('.gem') && existsSync(file)) {
    const dir = path.join(root, `local-${localKey(file)}`);
    // `--local` never contacts a registry: dependencies come from .gem files beside it.
    const gem = await installOnce<Installed>(dir, (staging) => gemInstall(staging, ['--local', file], client, path.dirname(file)), (done) => describeGem(done, client));
    if (!gem.ok) return { ok: false, reason: `cannot install ${file}: ${gem.reason}` };
    return withGem({ ...gem, notes: [`local build ${file}`] }, ruby);
  }
  const entry = path.join(file, 'lib', `${client.require}.rb`);
  if (!existsSync(entry)) {
    return { ok: false, reason: `${file} is neither a .gem file nor a checkout of the ${client.gem} gem (no lib/${client.require}.rb)` };
  }
  const version = /VERSION\s*=\s*["']([^"']+)["']/.exec(readIfExists(path.join(file, 'lib', client.require, 'version.rb')))?.[1] ?? 'unknown';
  return {
    ok: true,
    mode: 'checkout',
    client: client.gem,
    version,
    dir: file,
    read: [file, ruby.prefix, ...ruby.gemPath],
    notes: [`local checkout ${file} (its dependencies from the system's gems, Ruby ${ruby.version})`],
    ruby: ruby.executable,
    rubyArgs: ['-I', path.join(file, 'lib')],
    env: { DOC_HARNESS_RUBY_CLIENT: 'checkout' },
  };
}

function withGem(gem: Extract<Installed, { ok: true }>, ruby: RubyProbe): RubyInstalled {
  return {
    ...gem,
    mode: 'gem',
    read: [...gem.read, ruby.prefix],
    ruby: ruby.executable,
    rubyArgs: [],
    env: { DOC_HARNESS_RUBY_CLIENT: 'gem', DOC_HARNESS_RUBY_GEM_DIR: gem.dir },
  };
}

/** The built-in client, and the API index it reads (written once per release of the API description). */
async function builtIn(root: string, ruby: RubyProbe, why: string, client: RubyClient, folder: string, api: OpenApiSource): Promise<RubyInstalled> {
  const dir = path.join(root, `built-in-api-v${INDEX_FORMAT}@${safeName(api.source())}`);
  const index = path.join(dir, 'api.json');
  await installOnce<string>(
    dir,
    async (staging) => {
      await writeFile(path.join(staging, 'api.json'), `${JSON.stringify(await apiIndex(api))}\n`);
      return staging;
    },
    async (done) => done,
  );
  const source = (JSON.parse(readFileSync(index, 'utf8')) as { source: string }).source;
  return {
    ok: true,
    mode: 'built-in',
    // Reports print `<client> <version>`: `ruby: built-in client — seam gem not installable`, the why in the note.
    client: 'built-in client',
    version: `— ${client.gem} gem not installable`,
    dir: folder,
    read: [folder, dir, ruby.prefix],
    notes: [`${why}; ran doc-harness's built-in client instead (the ${client.gem} gem's interface over ${source}, Ruby ${ruby.version}; what it matches: runners/ruby/README.md)`],
    ruby: ruby.executable,
    // Standard library only: without RubyGems' start (a tenth of a second) a fresh process under
    // --isolate is ready sooner. The libraries a snippet may require are all in the standard library.
    rubyArgs: ['--disable-gems', '-I', folder],
    env: { DOC_HARNESS_RUBY_CLIENT: 'built-in', DOC_HARNESS_RUBY_API_INDEX: index },
  };
}

/** `gem install … --install-dir <staging>`, with the user's sources and proxy settings. */
async function gemInstall(staging: string, args: string[], client: RubyClient, cwd?: string): Promise<Installed> {
  const result = await execa('gem', ['install', ...args, '--install-dir', staging, '--no-document', '--no-user-install'], {
    reject: false,
    stdin: 'ignore',
    timeout: 600_000,
    cwd,
    env: { GEM_HOME: staging, GEM_PATH: staging },
  });
  if (result.failed) return { ok: false, reason: `gem install ${args.join(' ')}: ${firstError(String(result.stderr || result.stdout || result.shortMessage))}` };
  return { ok: true, client: client.gem, version: '', dir: staging, read: [] };
}

/** An installed gem folder: the gem's version its specification names. */
async function describeGem(dir: string, client: RubyClient): Promise<Installed> {
  const prefix = `${client.gem}-`;
  const spec = readdirIfExists(path.join(dir, 'specifications')).find((name) => name.startsWith(prefix) && /^\d.*\.gemspec$/.test(name.slice(prefix.length)));
  if (!spec) return { ok: false, reason: `the ${client.gem} gem is not in ${dir}; remove it to reinstall` };
  return { ok: true, client: client.gem, version: spec.slice(prefix.length, -'.gemspec'.length), dir, read: [dir] };
}

/**
 * RubyGems' own reason, in one line: for `ERROR:  Could not find a valid gem 'seam' (>= 0), here is
 * why:` the line after it (`Unable to download data from https://rubygems.org/ - SocketError: …`).
 */
function firstError(output: string): string {
  const lines = output.split('\n').map((line) => line.trim()).filter(Boolean);
  const at = lines.findIndex((line) => line.startsWith('ERROR:'));
  if (at === -1) return (lines.pop() ?? 'no output').slice(0, 300);
  const head = lines[at].replace(/^ERROR:\s*/, '');
  const said = head.endsWith('here is why:') && lines[at + 1] ? lines[at + 1] : [head, ...lines.slice(at + 1, at + 2)].join(' ');
  return said.replace(/\s+/g, ' ').slice(0, 300);
}

/** A local .gem's cache key: its path and when it last changed, so a rebuilt file is installed again. */
function localKey(file: string): string {
  return createHash('sha256').update(`${file}\0${statSync(file).mtimeMs}`).digest('hex').slice(0, 16);
}

function readIfExists(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function readdirIfExists(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** A folder name for a description's source (`@seamapi/types 1.977.0` → `seamapi-types-1.977.0`). */
function safeName(source: string): string {
  return source.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'api';
}
