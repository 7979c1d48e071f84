// `doc-harness setup [paths…]`: installs every client the docs' languages need into the cache —
// the only step that reaches a registry. CI runs it before `CI=true doc-harness test`, which then
// never installs anything: a client missing there is an error.
import path from 'node:path';
import type { Command } from 'commander';
import { extract } from '../../extract/index.ts';
import { findDocsRoot } from '../../mock/index.ts';
import { projectFile } from '../../run/assets.ts';
import { cleanCache, forgetFailures } from '../../run/install/index.ts';
import { createSandboxing } from '../../run/sandbox/index.ts';
import type { RunnerEnv } from '../../run/types.ts';
import { defaultProfile } from '../../../profiles/index.ts';
import { addProfileOption, profileOf } from '../profile-option.ts';
import { loadRunner, runnableLanguages } from '../../../runners/registry.ts';
import { DEFAULT_TIMEOUT_MS } from '../../engine/options.ts';
import { UsageError, type CliIo } from '../io.ts';
import { DEFAULT_DOCS } from './list.ts';
import { parseSdk } from './test.ts';
import type { CliCommand } from './types.ts';

export const setupCommand: CliCommand = {
  name: 'setup',
  configure(command: Command) {
    addProfileOption(command)
      .argument('[paths...]', 'the docs whose languages need clients (default: the configuration\'s docs, else docs/)')
      .option('--lang <id...>', 'only these languages (repeatable)')
      .option('--all', 'every language doc-harness can run, whatever the docs show')
      .option('--sdk <language=version...>', 'install this release or local build instead of the pinned one (repeatable)')
      .option('--cache-dir <dir>', 'where clients are installed (default: $DOC_HARNESS_CACHE or .doc-harness/cache in doc-harness)')
      .addHelpText('after', '\nExit status: 0 when every client is ready, 1 when one could not be installed, 2 on a usage error.');
  },
  async run(paths, options, io) {
    const profile = await profileOf(options, io);
    const known = profile.languages.map((l) => l.id);
    const asked = (options.lang as string[] | undefined) ?? [];
    const unknown = asked.filter((id) => !known.includes(id));
    if (unknown.length) throw new UsageError(`--lang: unknown language ${unknown.join(', ')}; known: ${known.join(', ')}`);
    let languages: string[];
    if (asked.length) languages = asked;
    else if (options.all === true) languages = [...runnableLanguages];
    else {
      const extracted = await extract(paths.length ? paths : [DEFAULT_DOCS], { cwd: io.cwd, profile, root: findDocsRoot });
      const used = new Set(extracted.pages.flatMap((page) => page.examples.flatMap((example) => example.samples.map((sample) => sample.language))));
      languages = runnableLanguages.filter((language) => used.has(language));
    }
    const sdk = parseSdk(options.sdk, known);
    const cacheDir = path.resolve(io.cwd, (options.cacheDir as string | undefined) ?? io.env.DOC_HARNESS_CACHE ?? projectFile('.doc-harness', 'cache'));
    for (const removed of await cleanCache(cacheDir)) io.stdout.write(`removed an unfinished install: ${path.relative(io.cwd, removed)}\n`);
    // Registries a run found unreachable lately are asked again here.
    await forgetFailures(cacheDir);
    // Installing runs no snippet: no sandbox is needed, and none is asked for.
    const workDir = path.join(cacheDir, '.setup');
    const sandbox = await createSandboxing({ mode: 'none', workDir });
    let failed = 0;
    for (const language of languages) {
      const runner = await loadRunner(language);
      if (!runner) continue;
      const env: RunnerEnv = { cacheDir, workDir, timeoutMs: DEFAULT_TIMEOUT_MS, sdkVersion: sdk[language], isolate: false, apiKey: profile.fakeApiKey, profile, sandbox, offline: false };
      const label = profile.languages.find((l) => l.id === language)?.label ?? language;
      io.stdout.write(`${label}: installing…\n`);
      const started = performance.now();
      const toolchain = await runner.prepare(env).catch((error: Error) => ({ ready: false as const, reason: error.message }));
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      if (toolchain.ready) {
        io.stdout.write(`${label}: ready — ${toolchain.client} ${toolchain.version} (${seconds} s)\n`);
        for (const note of toolchain.notes ?? []) io.stdout.write(`  ${note}\n`);
      } else {
        failed++;
        io.stdout.write(`${label}: FAILED — ${toolchain.reason}\n`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
