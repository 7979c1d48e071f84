// Ruby: the `seam` gem, a local build of it, or doc-harness's built-in client (install.ts), one
// warm interpreter per worker that forks a child for each request snippet
// (`seam.devices.get(device_id: "…")`) and runs it against its example's mock URL. See driver.rb
// for the child side.
import { projectFile } from '../../harness/run/assets.ts';
import { driverRunner } from '../../harness/run/driver.ts';
import { clientRequest } from '../../harness/run/install/index.ts';
import type { RunnerEnv } from '../../harness/run/types.ts';
import { installer, type RubyInstalled } from './install.ts';

const HERE = projectFile('runners', 'ruby');
const DRIVER = projectFile('runners', 'ruby', 'driver.rb');

function ensureClient(env: Pick<RunnerEnv, 'cacheDir' | 'sdkVersion' | 'offline'>): Promise<RubyInstalled> {
  return installer.ensure({ cacheDir: env.cacheDir, request: clientRequest(env.sdkVersion), offline: env.offline ?? false });
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
      env: installed.env,
    };
  },
});
