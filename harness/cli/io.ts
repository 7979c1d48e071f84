// Where a command writes and what it may read of its environment: the real process by default,
// buffers in tests (so commands run in-process and their output can be asserted).

export interface Writer {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: Writer;
  stderr: Writer;
  cwd: string;
  env: Record<string, string | undefined>;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
}

/** A usage mistake found by a command itself (exit 2, usage printed), beyond what commander checks. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * A configuration the command cannot work with (a report file that is not one, an environment
 * that cannot run snippets): exit 2 like a usage error, with the message alone.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
