// JavaScript: the npm `seam` SDK, one warm Node child per worker running each request snippet
// (`await seam.x.y({…})`) in a fresh context of its own against its example's mock URL. See
// driver.mjs and realm.mjs for the child side.
import { projectFile } from '../../harness/run/assets.ts';
import { driverRunner } from '../../harness/run/driver.ts';
import { clientRequest } from '../../harness/run/install/index.ts';
import { engineNotes, ensureNpmPackage, type NpmInstalled } from '../../harness/run/install/npm.ts';
import type { RunnerEnv } from '../../harness/run/types.ts';
import { nodeRequest } from './node.ts';
import { prepareSnippet } from './snippet.ts';

const DRIVER = projectFile('runners', 'javascript', 'driver.mjs');

/** The `seam` release doc-harness is tested with; `--sdk javascript=<version|path>` picks another. */
export const PINNED_SEAM_VERSION = '1.245.0';

export function ensureSeamSdk(env: Pick<RunnerEnv, 'cacheDir' | 'sdkVersion' | 'offline'>): Promise<NpmInstalled> {
  return ensureNpmPackage(`${env.cacheDir}/javascript`, 'seam', { ...clientRequest(env.sdkVersion), fallback: PINNED_SEAM_VERSION }, env.offline ?? false);
}

export const runner = driverRunner({
  language: 'javascript',
  label: 'javascript',
  forks: false,
  async prepare(env) {
    const installed = await ensureSeamSdk(env);
    if (!installed.ok) return { ready: false, reason: `cannot install the seam SDK: ${installed.reason}` };
    return { ready: true, client: 'seam', version: installed.version, notes: engineNotes('seam', installed) };
  },
  async driver(env) {
    const installed = await ensureSeamSdk(env);
    if (!installed.ok) throw new Error(installed.reason);
    return nodeRequest(env, DRIVER, [], {
      read: [installed.dir],
      env: { DOC_HARNESS_SDK_DIR: installed.dir, DOC_HARNESS_API_KEY: env.apiKey, SEAM_API_KEY: env.apiKey, DOC_HARNESS_CLIENT: `seam ${installed.version}` },
    });
  },
  source: prepareSnippet,
});
