// PHP: a warm `php driver.php` per worker (see driver.php), which forks a process per sample and
// evaluates its snippet there with the profile's client variable (`$seam`) pointed at the
// example's mock URL. The client is the profile's Composer package (`seamapi/seam`) when it can
// be had, else the profile's built-in one (install.ts says which and why).
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { projectFile } from '../../harness/run/assets.ts';
import { clientOf, noClient } from '../../harness/run/client.ts';
import { driverRunner } from '../../harness/run/driver.ts';
import type { RunnerEnv, Toolchain } from '../../harness/run/types.ts';
import { ensurePhpClient } from './install.ts';

const DRIVER = projectFile('runners', 'php', 'driver.php');
/** PhpToken, readonly properties, `never`: what driver.php and the built-in client use. */
const MINIMUM_PHP = [8, 1];
const EXTENSIONS = ['pcntl', 'posix', 'tokenizer', 'json'];

interface Php {
  binary: string;
  version: string;
  /** Its installation, when the sandbox does not show it already (not under /usr). */
  read: string[];
}

let found: Promise<Php | { reason: string }> | undefined;

/** The `php` on PATH, with the extensions the driver needs (Debian's php-cli has them all). */
export function findPhp(): Promise<Php | { reason: string }> {
  found ??= (async () => {
    const probe = `echo PHP_VERSION, "\\n", PHP_BINARY, "\\n", implode(",", array_filter(${JSON.stringify(EXTENSIONS).replace(/"/g, "'")}, fn($e) => !extension_loaded($e)));`;
    const result = await execa('php', ['-r', probe], { reject: false, stdin: 'ignore', timeout: 30_000 });
    if (result.failed) {
      return { reason: /ENOENT/.test(String(result.message)) ? 'php is not installed (apt-get install php-cli)' : `php does not run: ${String(result.stderr || result.shortMessage).trim().split('\n')[0]}` };
    }
    const [version = '', binary = 'php', missing = ''] = String(result.stdout).split('\n');
    const [major, minor] = version.split('.').map(Number);
    if (major < MINIMUM_PHP[0] || (major === MINIMUM_PHP[0] && minor < MINIMUM_PHP[1])) {
      return { reason: `php ${version} is too old: the PHP driver needs ${MINIMUM_PHP.join('.')} or later` };
    }
    if (missing) return { reason: `php ${version} lacks the extension(s) ${missing} the PHP driver needs (Debian's php-cli has them)` };
    const real = realpathSync(binary);
    const prefix = path.dirname(path.dirname(real));
    return { binary: real, version, read: real.startsWith('/usr/') ? [] : [prefix] };
  })();
  return found;
}

async function prepare(env: RunnerEnv): Promise<Toolchain> {
  const php = await findPhp();
  if ('reason' in php) return { ready: false, reason: php.reason };
  const client = clientOf(env, 'php');
  if (!client) return { ready: false, reason: noClient(env, 'PHP') };
  const installed = await ensurePhpClient(env, client);
  if (!installed.ok) return { ready: false, reason: installed.reason };
  return { ready: true, client: installed.client, version: installed.version, notes: [...(installed.notes ?? []), `php ${php.version}`] };
}

export const runner = driverRunner({
  language: 'php',
  label: 'php',
  forks: true,
  prepare,
  async driver(env) {
    const php = await findPhp();
    if ('reason' in php) throw new Error(php.reason);
    const client = clientOf(env, 'php');
    if (!client) throw new Error(noClient(env, 'PHP'));
    const installed = await ensurePhpClient(env, client);
    if (!installed.ok) throw new Error(installed.reason);
    return {
      file: php.binary,
      args: [DRIVER],
      read: [...php.read, path.dirname(DRIVER), ...installed.read],
      env: {
        // How to load the client, its classes, the snippets' variable, and the variables a
        // snippet that makes its own client (`new Seam\SeamClient()`) reads, filled per sample.
        DOC_HARNESS_PHP_CLIENT: JSON.stringify({ ...installed.driver, classes: client.classes, variable: client.variable, environment: client.environment }),
      },
    };
  },
});
