// Python: the profile's PyPI client (Seam's: `seam`) in doc-harness's own virtualenv
// (install.ts), one warm interpreter per worker that forks a child for each request snippet
// (`seam.devices.get(device_id="…")`) and runs it against its example's mock URL. See driver.py
// for the child side.
import { projectFile } from '../../harness/run/assets.ts';
import { clientOf, noClient } from '../../harness/run/client.ts';
import { driverRunner } from '../../harness/run/driver.ts';
import { clientRequest, type Installed } from '../../harness/run/install/index.ts';
import type { RunnerEnv } from '../../harness/run/types.ts';
import { installer, venvPython } from './install.ts';

const HERE = projectFile('runners', 'python');
const DRIVER = projectFile('runners', 'python', 'driver.py');

function ensureClient(env: Pick<RunnerEnv, 'cacheDir' | 'sdkVersion' | 'offline' | 'profile'>): Promise<Installed> {
  const client = clientOf(env, 'python');
  if (!client) return Promise.resolve({ ok: false, reason: noClient(env, 'Python') });
  return installer.ensure({ cacheDir: env.cacheDir, request: clientRequest(env.sdkVersion), offline: env.offline ?? false, client });
}

export const runner = driverRunner({
  language: 'python',
  label: 'python',
  forks: true,
  async prepare(env) {
    const installed = await ensureClient(env);
    if (!installed.ok) return { ready: false, reason: `cannot install the ${clientOf(env, 'python')?.package ?? 'Python'} SDK: ${installed.reason}` };
    return { ready: true, client: installed.client, version: installed.version, notes: installed.notes };
  },
  async driver(env) {
    const installed = await ensureClient(env);
    if (!installed.ok) throw new Error(installed.reason);
    const client = clientOf(env, 'python')!;
    return {
      file: venvPython(installed.dir),
      // -s: no user site-packages; -P: the driver's folder is not on sys.path (nothing there may
      // shadow a module); -B: no .pyc writes (the box's filesystem is read-only; pip compiled the
      // SDK's already); -X utf8: snippets print UTF-8 whatever the locale. Not -I/-E: they would
      // ignore PYTHONHASHSEED. The environment is the sandbox's allowlist (no PYTHONPATH,
      // PYTHONHOME or PYTHONSTARTUP can come in) plus the variables below.
      args: ['-s', '-P', '-B', '-X', 'utf8', DRIVER],
      read: [...installed.read, HERE],
      env: {
        // One hash seed for every process: set and dict-of-set orders, and so any value built from
        // them, are the same in a batch, under --isolate and from run to run.
        PYTHONHASHSEED: '0',
        DOC_HARNESS_API_KEY: env.apiKey,
        DOC_HARNESS_CLIENT_SPEC: JSON.stringify(client),
      },
    };
  },
});
