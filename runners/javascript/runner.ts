// JavaScript: the profile's npm client (Seam's: `seam`), one warm Node child per worker running
// each request snippet (`await seam.x.y({…})`) in a fresh context of its own against its
// example's mock URL. See driver.mjs and realm.mjs for the child side.
import { projectFile } from '../../harness/run/assets.ts';
import { clientOf, noClient } from '../../harness/run/client.ts';
import { driverRunner } from '../../harness/run/driver.ts';
import { clientRequest } from '../../harness/run/install/index.ts';
import { engineNotes, ensureNpmPackage, type NpmInstalled } from '../../harness/run/install/npm.ts';
import type { RunnerEnv } from '../../harness/run/types.ts';
import { nodeRequest } from './node.ts';
import { prepareSnippet } from './snippet.ts';

const DRIVER = projectFile('runners', 'javascript', 'driver.mjs');

/** The profile's client, installed into the cache at the release `--sdk javascript=…` names, else the profile's. */
export function ensureJavaScriptClient(env: Pick<RunnerEnv, 'cacheDir' | 'sdkVersion' | 'offline' | 'profile'>): Promise<NpmInstalled> {
  const client = clientOf(env, 'javascript');
  if (!client) return Promise.resolve({ ok: false, reason: noClient(env, 'JavaScript') });
  return ensureNpmPackage(`${env.cacheDir}/javascript`, client.package, { ...clientRequest(env.sdkVersion), fallback: client.version }, env.offline ?? false);
}

export const runner = driverRunner({
  language: 'javascript',
  label: 'javascript',
  forks: false,
  async prepare(env) {
    const installed = await ensureJavaScriptClient(env);
    const name = clientOf(env, 'javascript')?.package ?? 'JavaScript';
    if (!installed.ok) return { ready: false, reason: `cannot install the ${name} SDK: ${installed.reason}` };
    return { ready: true, client: name, version: installed.version, notes: engineNotes(name, installed) };
  },
  async driver(env) {
    const installed = await ensureJavaScriptClient(env);
    const client = clientOf(env, 'javascript');
    if (!installed.ok || !client) throw new Error(installed.ok ? noClient(env, 'JavaScript') : installed.reason);
    return nodeRequest(env, DRIVER, [], {
      read: [installed.dir],
      env: {
        DOC_HARNESS_SDK_DIR: installed.dir,
        DOC_HARNESS_API_KEY: env.apiKey,
        DOC_HARNESS_CLIENT: `${client.package} ${installed.version}`,
        // The driver makes clients and sets their variables per sample (`{baseUrl}` changes).
        DOC_HARNESS_CLIENT_SPEC: JSON.stringify({ package: client.package, className: client.className, variable: client.variable, options: client.options, environment: client.environment }),
      },
    });
  },
  // Only reached once prepare() found the profile's client.
  source: (block, env) => prepareSnippet(block, clientOf(env, 'javascript')!),
});
