// `doc-harness init [docs]`: a docs repository adopts doc-harness. Writes a commented starter
// configuration (doc-harness.config.mjs: JavaScript, so that it can hold comments and Node 20 can
// load it) that names the docs it found and the languages they show, and a GitHub Actions
// workflow that sets up the clients and runs the docs on every push and pull request.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { execa } from 'execa';
import { extract } from '../../extract/index.ts';
import { findDocsRoot } from '../../mock/index.ts';
import { ConfigError, type CliIo } from '../io.ts';
import { addProfileOption, profileOf } from '../profile-option.ts';
import { CONFIG_FILES } from '../../config/load.ts';
import { EXPECTATIONS_FILE } from './test.ts';
import type { CliCommand } from './types.ts';

export const CONFIG_FILE = 'doc-harness.config.mjs';
export const WORKFLOW_FILE = path.join('.github', 'workflows', 'doc-harness.yml');

export const initCommand: CliCommand = {
  name: 'init',
  config: false,
  configure(command: Command) {
    addProfileOption(command)
      .argument('[docs]', 'the docs folder (default: docs/ when there is one, else this folder)')
      .option('--force', 'overwrite a configuration or workflow that is already there')
      .addHelpText(
        'after',
        `
Writes ${CONFIG_FILE} here (every key commented: docs, recordings, profile, languages, sdk,
reporters, timeout, jobs, memoryLimit, strict, expectations, cacheDir) and ${WORKFLOW_FILE}
at the top of the git repository (here outside one). Existing files are kept unless --force.

Exit status: 0 written, 2 when a file is already there (without --force) or on a usage error.`,
      );
  },
  async run(operands, options, io) {
    const profile = await profileOf(options, io);
    const docs = operands[0] ?? (existsSync(path.join(io.cwd, 'docs')) ? 'docs/' : '.');
    const existing = CONFIG_FILES.find((name) => existsSync(path.join(io.cwd, name)));
    const top = await gitTop(io.cwd);
    const workflow = path.join(top ?? io.cwd, WORKFLOW_FILE);
    if (options.force !== true) {
      const there = [...(existing ? [existing] : []), ...(existsSync(workflow) ? [path.relative(io.cwd, workflow)] : [])];
      if (there.length) throw new ConfigError(`init: ${there.join(' and ')} already there; --force overwrites`);
    }
    const extracted = await extract([docs], { cwd: io.cwd, profile, root: findDocsRoot });
    const shown = profile.languages.filter((language) => extracted.pages.some((page) => page.examples.some((example) => example.samples.some((s) => s.language === language.id))));
    const docsFromTop = path.relative(top ?? io.cwd, path.resolve(io.cwd, docs)) || '.';
    const here = path.relative(top ?? io.cwd, io.cwd) || '.';
    await writeFile(path.join(io.cwd, CONFIG_FILE), starterConfig(docs, profile.name, shown.map((language) => language.id)));
    await mkdir(path.dirname(workflow), { recursive: true });
    await writeFile(workflow, starterWorkflow(here, docsFromTop, existsSync(path.join(io.cwd, 'package-lock.json'))));
    const examples = extracted.pages.reduce((n, page) => n + page.examples.length, 0);
    io.stdout.write(
      [
        `wrote ${CONFIG_FILE} (docs: ${docs}, ${examples} example(s) in ${shown.map((l) => l.label).join(', ') || 'no language doc-harness knows'})`,
        `wrote ${path.relative(io.cwd, workflow)}`,
        'next: `doc-harness setup` installs the clients, `doc-harness record` makes the recordings, `doc-harness test` runs the docs',
        `      (\`doc-harness test --update-expectations\` lists what fails today in ${EXPECTATIONS_FILE}, so that CI passes while it is fixed)`,
        '',
      ].join('\n'),
    );
    return 0;
  },
};

async function gitTop(cwd: string): Promise<string | undefined> {
  const result = await execa('git', ['-C', cwd, 'rev-parse', '--show-toplevel'], { reject: false, stdin: 'ignore', timeout: 10_000 });
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

export function starterConfig(docs: string, profile: string, languages: string[]): string {
  const quoted = (list: string[]) => list.map((item) => `'${item}'`).join(', ');
  return `// doc-harness's configuration for these docs. Every key is also a flag of the commands, and a
// flag given on the command line wins. Paths are relative to this file.
export default {
  // The docs: markdown files, folders or globs (what \`doc-harness list|lint|test\` run on when given no paths).
  docs: [${quoted([docs])}],

  // The recordings the mock answers from (default: __recordings__ in the docs' root folder).
  // recordings: 'docs/__recordings__',

  // The API the docs are of: a profile doc-harness ships (seam), or the path of a profile module.
  profile: '${profile}',

  // Only these languages (the docs show ${languages.length ? quoted(languages) : 'none doc-harness knows'}).
  // languages: [${quoted(languages.slice(0, 2))}],

  // A client other than the profile's pinned release, per language: a version, or a local build's path.
  // sdk: { javascript: '1.245.0', python: './dist/seam-3.18.0-py3-none-any.whl' },

  // How \`doc-harness test\` reports (default, json, junit, html, github); { name, output } writes one to a file.
  // reporters: ['default', { name: 'junit', output: 'junit.xml' }],

  // Per-sample timeout in milliseconds; samples of one language at once; memory per snippet process.
  // timeout: 15000,
  // jobs: 2,
  // memoryLimit: '1G',

  // Demand that the returned value equals the documented one (by default extra null/empty fields pass).
  // strict: false,

  // Known defects: samples or examples expected to fail, with a reason and a link. Such a failure
  // does not fail the run. \`doc-harness test --update-expectations\` writes today's failures here.
  expectations: '${EXPECTATIONS_FILE}',

  // Where clients and cached results are kept.
  // cacheDir: '.doc-harness/cache',
};
`;
}

/** The workflow: clients set up and cached, the docs run in lockdown (GitHub sets CI=true), JUnit kept. */
export function starterWorkflow(here: string, docs: string, lockfile: boolean): string {
  const inDir = here === '.' ? '' : `\n        working-directory: ${here}`;
  const run = (command: string) => `      - run: ${command}${inDir}`;
  return `# Runs the docs' examples through their real clients on every push and pull request
# (written by \`doc-harness init\`). CI=true: recordings replay and nothing is derived; a sample
# that fails shows as an annotation at its page's line and in the step summary.
name: docs examples
on:
  push:
  pull_request:
    paths: ['${docs === '.' ? '**' : `${docs}/**`}', '${here === '.' ? '' : `${here}/`}doc-harness.*']
jobs:
  doc-harness:
    runs-on: ubuntu-24.04
    env:
      # Clients and cached results, kept between runs by the cache step below.
      DOC_HARNESS_CACHE: \${{ github.workspace }}/.doc-harness/cache
    steps:
      - uses: actions/checkout@v4
        with: { fetch-depth: 0 }
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      # Ubuntu 24.04 keeps unprivileged user namespaces from bubblewrap unless told otherwise.
      - run: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 && sudo apt-get install -y bubblewrap
      - uses: actions/cache@v4
        with:
          path: \${{ env.DOC_HARNESS_CACHE }}
          key: doc-harness-\${{ hashFiles('**/package-lock.json', '**/doc-harness.config.*') }}
          restore-keys: doc-harness-
${run(lockfile ? 'npm ci' : 'npm install')}
${run('npx doc-harness setup')}
${run('npx doc-harness test --reporter github --reporter default --reporter junit --output.junit junit.xml')}
      - uses: actions/upload-artifact@v4
        if: always()
        with: { name: doc-harness-junit, path: ${here === '.' ? '' : `${here}/`}junit.xml }
`;
}
