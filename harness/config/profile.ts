// `--profile <name|path>` (or the configuration's `profile`): a profile doc-harness ships, by its
// name (`seam`), or another API's profile, a module that exports one (`./acme-profile.mjs`:
// `export default { name, languages, … }`). On Node 20 such a module is JavaScript: Node runs
// TypeScript itself only from 22.18 on.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Profile } from '../profile.ts';
import { builtInProfiles, defaultProfile } from '../../profiles/index.ts';
import { ConfigError } from '../cli/io.ts';

const loaded = new Map<string, Promise<Profile>>();

/** The profile `spec` names, relative paths from `cwd`; the default profile when none is named. */
export function loadProfile(spec: string | undefined, cwd: string): Promise<Profile> {
  if (spec === undefined) return Promise.resolve(defaultProfile);
  const builtIn = builtInProfiles[spec];
  if (builtIn) return Promise.resolve(builtIn);
  if (!/[./\\]/.test(spec)) {
    return Promise.reject(new ConfigError(`profile: no profile named "${spec}" (doc-harness has ${Object.keys(builtInProfiles).join(', ')}; another API's profile is given by its path)`));
  }
  const file = path.resolve(cwd, spec);
  let profile = loaded.get(file);
  if (!profile) {
    profile = importProfile(file);
    loaded.set(file, profile);
  }
  return profile;
}

async function importProfile(file: string): Promise<Profile> {
  let module: { default?: unknown; profile?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as typeof module;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ERR_MODULE_NOT_FOUND' && message.includes(file)) throw new ConfigError(`profile: ${file} does not exist`);
    if (code === 'ERR_UNKNOWN_FILE_EXTENSION') throw new ConfigError(`profile: ${file}: this Node (${process.version}) cannot load ${path.extname(file)} files; write the profile as .mjs or .js`);
    throw new ConfigError(`profile: ${file} does not load: ${message.split('\n')[0]}`);
  }
  const profile = module.default ?? module.profile;
  const problem = profileProblem(profile);
  if (problem) throw new ConfigError(`profile: ${file}: ${problem}`);
  return profile as Profile;
}

/** What makes a value not a profile (the parts every command relies on), or undefined. */
function profileProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'exports no profile (export default { name, languages, … })';
  const profile = value as Partial<Record<keyof Profile, unknown>>;
  if (typeof profile.name !== 'string' || profile.name === '') return 'the profile has no name';
  if (!Array.isArray(profile.languages) || profile.languages.length === 0) return 'the profile lists no languages';
  for (const language of profile.languages as Array<Record<string, unknown>>) {
    const ok = typeof language?.id === 'string' && typeof language.label === 'string' && Array.isArray(language.fences) && Array.isArray(language.titles);
    if (!ok) return `languages: each needs an id, a label, fences and titles (${JSON.stringify(language)})`;
  }
  if (!Array.isArray(profile.titleSuffixes)) return 'titleSuffixes must be an array (it may be empty)';
  if (typeof profile.apiOrigin !== 'string' || !/^https?:\/\/[^/]+$/.test(profile.apiOrigin)) return 'apiOrigin must be an origin like https://api.example.com';
  if (typeof profile.fakeApiKey !== 'string' || profile.fakeApiKey === '') return 'fakeApiKey must be a string';
  if (!Array.isArray(profile.secretPatterns) || !profile.secretPatterns.every((p) => p instanceof RegExp)) return 'secretPatterns must be an array of regular expressions';
  if (typeof profile.clients !== 'object' || profile.clients === null) return 'clients must describe each language’s client (it may be {})';
  return undefined;
}
