// The configuration file, found as tools usually find theirs (lilconfig: from the working folder
// up), checked against its schema, and laid under the command line: a flag given there wins over
// the same key here. Node 20 runs no TypeScript, so a `doc-harness.config.ts` is read only where
// Node can (22.18 on); elsewhere it is a configuration error that says to use .mjs, .js or .json.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { lilconfig } from 'lilconfig';
import { Ajv, type ErrorObject } from 'ajv';
import { ConfigError } from '../cli/io.ts';
import { parseBytes } from '../run/sandbox/limits.ts';
import { reporterNamed, reporters } from '../report/test/registry.ts';
import { loadProfile } from './profile.ts';
import { CONFIG_SCHEMA, type DocHarnessConfig } from './schema.ts';

export const CONFIG_FILES = ['doc-harness.config.js', 'doc-harness.config.mjs', 'doc-harness.config.cjs', 'doc-harness.config.json', 'doc-harness.config.ts'];

export interface LoadedConfig {
  /** The file, absolute; its folder is what relative paths in it are relative to. */
  file: string;
  config: DocHarnessConfig;
}

async function importDefault(file: string): Promise<unknown> {
  try {
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown };
    return module.default;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION') {
      throw new ConfigError(`${file}: Node ${process.version} cannot load TypeScript without a loader (Node 22.18 can); write doc-harness.config.mjs, .js or .json instead`);
    }
    throw new ConfigError(`${file} does not load: ${message.split('\n')[0]}`);
  }
}

const searcher = lilconfig('doc-harness', {
  searchPlaces: CONFIG_FILES,
  loaders: { '.js': importDefault, '.mjs': importDefault, '.cjs': importDefault, '.ts': importDefault },
  // A later run in the same process (watch mode, tests) reads the file as it is then.
  cache: false,
});

/** The configuration: `explicit` (`--config`), else the first file found from `cwd` up; undefined when there is none. */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig | undefined> {
  let found;
  try {
    found = explicit ? await searcher.load(path.resolve(cwd, explicit)) : await searcher.search(cwd);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const { code, message } = error as NodeJS.ErrnoException;
    throw new ConfigError(code === 'ENOENT' ? `--config: ${path.resolve(cwd, explicit ?? '')} does not exist` : `configuration: ${message.split('\n')[0]}`);
  }
  if (!found) return undefined;
  const config = found.isEmpty ? {} : (found.config as unknown);
  checkSchema(config, found.filepath);
  return { file: found.filepath, config: config as DocHarnessConfig };
}

let validate: ReturnType<Ajv['compile']> | undefined;

function checkSchema(config: unknown, file: string): void {
  validate ??= new Ajv({ allErrors: true }).compile(CONFIG_SCHEMA);
  if (validate(config)) return;
  // oneOf reports every branch; the branches' own errors say it better, once.
  const errors = validate.errors!.filter((error) => error.keyword !== 'oneOf');
  const said = [...new Set(errors.map(describe))];
  throw new ConfigError(`${path.basename(file)}: ${said.join('; ')}`);
}

function describe(error: ErrorObject): string {
  const key = error.instancePath.slice(1).replace(/\//g, '.') || '(top level)';
  if (error.keyword === 'additionalProperties') {
    const name = (error.params as { additionalProperty: string }).additionalProperty;
    return error.instancePath ? `${key}: unknown key "${name}"` : `unknown key "${name}" (known: ${Object.keys(CONFIG_SCHEMA.properties).filter((k) => k !== '$schema').join(', ')})`;
  }
  if (error.keyword === 'type' && error.instancePath === '') return 'the configuration must be an object (export default { … })';
  return `${key}: ${error.message}`;
}

/**
 * Which flag each key stands for (commander's name of the option), and what its value is:
 * a path (relative to the file), a name or a path (`profile`), a number (flags take text), an
 * object of SDKs, or a value as it is.
 */
const FLAGS: Record<Exclude<keyof DocHarnessConfig, 'docs' | 'reporters'>, { option: string; kind: 'path' | 'name-or-path' | 'number' | 'sdk' | 'plain' }> = {
  recordings: { option: 'recordings', kind: 'path' },
  profile: { option: 'profile', kind: 'name-or-path' },
  languages: { option: 'lang', kind: 'plain' },
  sdk: { option: 'sdk', kind: 'sdk' },
  timeout: { option: 'timeout', kind: 'number' },
  jobs: { option: 'jobs', kind: 'number' },
  memoryLimit: { option: 'memoryLimit', kind: 'plain' },
  strict: { option: 'strict', kind: 'plain' },
  expectations: { option: 'expectations', kind: 'path' },
  cacheDir: { option: 'cacheDir', kind: 'path' },
};

/**
 * The command's operands and options with the configuration under them: each key the command
 * has a flag for fills that flag unless the command line gave it. Values are checked as far as
 * the configuration alone can say (languages and SDKs against the profile, reporter names,
 * sizes): a bad one is a configuration error naming its key.
 */
export async function withConfig(command: Command, operands: string[], loaded: LoadedConfig, cwd: string): Promise<{ operands: string[]; options: Record<string, unknown> }> {
  const { config, file } = loaded;
  const dir = path.dirname(file);
  const name = path.basename(file);
  const options = { ...command.opts() };
  const has = (option: string) => command.options.some((o) => o.attributeName() === option);
  const fromCommandLine = (option: string) => {
    const source = command.getOptionValueSource(option);
    return source !== undefined && source !== 'default';
  };
  // A path-like value (`./x`, `../x`, `/x`) is relative to the file; a name or version is not.
  const resolve = (value: string) => (/^\.{0,2}\//.test(value) ? path.resolve(dir, value) : value);

  const profile = await loadProfile(fromCommandLine('profile') ? String(options.profile) : config.profile && resolve(config.profile), cwd).catch((error: Error) => {
    throw new ConfigError(`${name}: ${error.message}`);
  });
  const known = profile.languages.map((language) => language.id);
  for (const language of [...(config.languages ?? []), ...Object.keys(config.sdk ?? {})]) {
    if (!known.includes(language)) throw new ConfigError(`${name}: ${config.languages?.includes(language) ? 'languages' : 'sdk'}: unknown language "${language}" (the ${profile.name} profile has ${known.join(', ')})`);
  }
  if (config.memoryLimit !== undefined && !((parseBytes(config.memoryLimit) ?? 0) >= 64 * 1024 * 1024)) {
    throw new ConfigError(`${name}: memoryLimit: expected a size of at least 64M, like 512M or 2G, got "${config.memoryLimit}"`);
  }
  for (const reporter of config.reporters ?? []) {
    const named = typeof reporter === 'string' ? reporter : reporter.name;
    if (!reporterNamed(named)) throw new ConfigError(`${name}: reporters: unknown reporter "${named}" (known: ${reporters.map((r) => r.name).join(', ')})`);
  }

  for (const [key, flag] of Object.entries(FLAGS) as Array<[keyof typeof FLAGS, (typeof FLAGS)[keyof typeof FLAGS]]>) {
    const value = config[key];
    if (value === undefined || !has(flag.option) || fromCommandLine(flag.option)) continue;
    if (flag.kind === 'path') options[flag.option] = path.resolve(dir, value as string);
    else if (flag.kind === 'name-or-path') options[flag.option] = resolve(value as string);
    else if (flag.kind === 'number') options[flag.option] = String(value);
    // A local build's path is relative to the file.
    else if (flag.kind === 'sdk') options[flag.option] = Object.entries(value as Record<string, string>).map(([language, version]) => `${language}=${resolve(version)}`);
    else options[flag.option] = value;
  }
  const reporting = ['reporter', 'json', 'junit'].some(fromCommandLine);
  if (config.reporters && has('reporter') && !reporting) {
    options.reporter = config.reporters.map((reporter) => (typeof reporter === 'string' ? reporter : reporter.name));
    for (const reporter of config.reporters) {
      if (typeof reporter !== 'string' && reporter.output) options[`output.${reporter.name}`] = path.resolve(dir, reporter.output);
    }
  }
  const docs = operands.length === 0 && config.docs ? config.docs.map((entry) => path.resolve(dir, entry)) : operands;
  return { operands: docs, options };
}
