import { execa } from 'execa';
import { exitOf, type ChildSpec } from './child.ts';

export interface ProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  /** The signal that ended it, also when its sandbox reported it as exit code 128 + N. */
  signal: string | null;
  timedOut: boolean;
  /** It printed more than `outputBytes` and was stopped. */
  outputExceeded: boolean;
  /** Set when the program could not be started at all (not found, not executable). */
  startError?: string;
  durationMs: number;
}

/**
 * Runs one process to completion in its sandbox: stdin is `input` or /dev/null, output is
 * captured up to `outputBytes`, and it is killed at the timeout. Never throws for the program's
 * own failure.
 */
export async function runProcess(
  spec: ChildSpec,
  options: { timeoutMs: number; input?: string; outputBytes?: number; signal?: AbortSignal },
): Promise<ProcessResult> {
  const started = performance.now();
  const result = await execa(spec.file, spec.args, {
    cwd: spec.cwd,
    env: spec.env,
    extendEnv: false,
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    timeout: options.timeoutMs,
    killSignal: 'SIGKILL',
    reject: false,
    stripFinalNewline: false,
    maxBuffer: options.outputBytes ?? 64 * 1024 * 1024,
    ...(options.signal ? { cancelSignal: options.signal } : {}),
  });
  const exit = exitOf(result.exitCode, result.signal);
  return {
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    exitCode: exit.code,
    signal: exit.signal,
    timedOut: result.timedOut === true,
    outputExceeded: result.isMaxBuffer === true,
    startError:
      result.failed && result.exitCode === undefined && !result.signal && !result.timedOut && !result.isMaxBuffer ? result.shortMessage : undefined,
    durationMs: performance.now() - started,
  };
}
