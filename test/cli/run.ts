// Runs the CLI in-process with captured output.
import { main } from '../../harness/cli/main.ts';
import type { CliIo } from '../../harness/cli/io.ts';

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], options: { cwd: string; env?: Record<string, string | undefined>; tty?: boolean }): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    cwd: options.cwd,
    env: options.env ?? {},
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}
