import { execa } from 'execa';
import type { Runner, RunnerEnv, Toolchain } from '../../../harness/run/types.ts';

/**
 * Prepares a runner for a test file. A client that cannot be installed because the npm
 * registry is unreachable skips the file (with the reason); any other failure fails it.
 */
export async function prepareOrSkip(runner: Runner, env: RunnerEnv): Promise<{ toolchain: Toolchain; skip: string | false }> {
  const toolchain = await runner.prepare(env);
  if (toolchain.ready) return { toolchain, skip: false };
  const ping = await execa('npm', ['ping'], { reject: false, timeout: 30_000, stdin: 'ignore' });
  if (ping.failed) return { toolchain, skip: `${runner.language}: ${toolchain.reason} (npm registry unreachable)` };
  throw new Error(`${runner.language} runner is not ready although npm is reachable: ${toolchain.reason}`);
}
