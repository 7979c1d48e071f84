import { execa } from 'execa';
import type { ChildSpec } from './child.ts';

export interface ProcessResult {
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Set when the program could not be started at all (not found, not executable). */
  startError?: string;
  durationMs: number;
}

/**
 * Runs one process to completion in its sandbox: stdin is `input` or /dev/null, output is
 * captured, and it is killed at the timeout. Never throws for the program's own failure.
 */
export async function runProcess(spec: ChildSpec, options: { timeoutMs: number; input?: string }): Promise<ProcessResult> {
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
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
    exitCode: result.exitCode ?? null,
    signal: result.signal ?? null,
    timedOut: result.timedOut === true,
    startError:
      result.failed && result.exitCode === undefined && !result.signal && !result.timedOut ? result.shortMessage : undefined,
    durationMs: performance.now() - started,
  };
}
