// Ruby: the profile's gem (Seam's: `seam`), a local build of it, or a built-in client (install.ts), one
// warm interpreter per worker that forks a child for each request snippet
// (`seam.devices.get(device_id: "…")`) and runs it against its example's mock URL. See driver.rb
// for the child side.
import { projectFile } from '../../harness/run/assets.ts';
import { clientOf, noClient } from '../../harness/run/client.ts';
import { driverRunner } from '../../harness/run/driver.ts';
import { clientRequest } from '../../harness/run/install/index.ts';
import type { RunnerEnv } from '../../harness/run/types.ts';
import { installer, type RubyInstalled } from './install.ts';

const HERE = projectFile('runners', 'ruby');
const DRIVER = projectFile('runners', 'ruby', 'driver.rb');

function ensureClient(env: Pick<RunnerEnv, 'cacheDir' | 'sdkVersion' | 'offline' | 'profile'>): Promise<RubyInstalled> {
  const client = clientOf(env, 'ruby');
  if (!client) return Promise.resolve({ ok: false, reason: noClient(env, 'Ruby') });
  return installer.ensure({ cacheDir: env.cacheDir, request: clientRequest(env.sdkVersion), offline: env.offline ?? false, client });
}

export const runner = driverRunner({
  language: 'ruby',
  label: 'ruby',
  forks: true,
  async prepare(env) {
    const installed = await ensureClient(env);
    if (!installed.ok) return { ready: false, reason: `no Ruby client: ${installed.reason}` };
    return { ready: true, client: installed.client, version: installed.version, notes: installed.notes };
  },
  async driver(env) {
    const installed = await ensureClient(env);
    if (!installed.ok) throw new Error(installed.reason);
    return {
      file: installed.ruby,
      // No RUBYOPT or RUBYLIB can come in: the environment is the sandbox's allowlist plus these.
      args: [...installed.rubyArgs, DRIVER],
      read: [...installed.read, HERE],
      env: { ...installed.env, DOC_HARNESS_API_KEY: env.apiKey, DOC_HARNESS_CLIENT_SPEC: JSON.stringify(clientOf(env, 'ruby')) },
    };
  },
});
