import { mkdir, mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The only variables a child inherits from the user's environment: enough to find programs and
 * read text. Everything else (a real SEAM_API_KEY, *_TOKEN, proxies, NODE_OPTIONS, config paths)
 * stays out; a runner adds what its client needs (the fake key, the mock URL) explicitly.
 */
export const INHERITED_ENV: readonly string[] = [
  'PATH',
  'LANG',
  'LANGUAGE',
  'LC_ALL',
  'LC_CTYPE',
  'LC_MESSAGES',
  'TZ',
  // Windows cannot start most programs without these.
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
];

/** A private place for one child: its working folder, HOME and temp folder. */
export interface Sandbox {
  dir: string;
  cwd: string;
  home: string;
  tmp: string;
}

/** Makes a fresh sandbox inside the run's work folder (`env.workDir`). */
export async function makeSandbox(workDir: string, label: string): Promise<Sandbox> {
  await mkdir(workDir, { recursive: true });
  const dir = await mkdtemp(join(workDir, `${label.replace(/[^A-Za-z0-9_.-]/g, '_')}-`));
  const sandbox = { dir, cwd: join(dir, 'cwd'), home: join(dir, 'home'), tmp: join(dir, 'tmp') };
  await Promise.all([mkdir(sandbox.cwd), mkdir(sandbox.home), mkdir(sandbox.tmp)]);
  return sandbox;
}

/**
 * The environment of a child: the allowlist from the user's environment, HOME and TMPDIR in the
 * sandbox, no colours, then the runner's own variables.
 */
export function sandboxEnv(
  sandbox: Sandbox,
  extra: Record<string, string> = {},
  from: NodeJS.ProcessEnv = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_ENV) {
    const value = from[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    HOME: sandbox.home,
    USERPROFILE: sandbox.home,
    TMPDIR: sandbox.tmp,
    TMP: sandbox.tmp,
    TEMP: sandbox.tmp,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  });
  return Object.assign(env, extra);
}
