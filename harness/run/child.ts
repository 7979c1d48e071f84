import { constants } from 'node:os';
import type { Duplex } from 'node:stream';
import { execa, type ResultPromise } from 'execa';
import { parseChildMessage, type ChildMessage } from './protocol.ts';

/** How to start one child: the program, its arguments, and its sandboxed environment. */
export interface ChildSpec {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
}

/** How a child ended: its code, or the signal that killed it (also when a sandbox reported it as 128 + N). */
export interface ChildExit {
  code: number | null;
  signal: string | null;
}

/** What became of one job sent to a child. */
export type ChildAnswer =
  | { kind: 'result'; payload: unknown; recycle: boolean }
  | { kind: 'timeout' }
  /** The job printed more than `outputBytes` (stdout, stderr and its result line together): killed. */
  | { kind: 'output' }
  | ({ kind: 'exit' } & ChildExit);

const TAIL = 4000;

const CHILD_OPTIONS = {
  extendEnv: false,
  // stdin is /dev/null; fd 3 is the protocol socket.
  stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  buffer: false,
  reject: false,
  // A child left behind if doc-harness itself dies is killed with it.
  cleanup: true,
} as const;

/**
 * One warm child speaking the fd-3 line protocol (see protocol.ts). Its stdin is /dev/null;
 * its stdout and stderr are drained and only their tails kept, to explain a crash. Everything
 * it prints while a job runs counts against that job's output limit.
 */
export class WarmChild {
  private readonly proc: ResultPromise<typeof CHILD_OPTIONS>;
  private readonly channel: Duplex;
  private waiting: ((message: ChildMessage | { type: 'exit' } | { type: 'output' }) => void) | undefined;
  private exitState: ChildExit | undefined;
  private readonly exited: Promise<void>;
  private outputTail = '';
  private printed = 0;
  private overLimit = false;
  private partial = '';

  private constructor(
    spec: ChildSpec,
    private readonly outputBytes: number,
  ) {
    this.proc = execa(spec.file, spec.args, { ...CHILD_OPTIONS, cwd: spec.cwd, env: spec.env });
    const keep = (chunk: Buffer | string) => {
      this.outputTail = (this.outputTail + String(chunk)).slice(-TAIL);
      this.count(chunk.length);
    };
    this.proc.stdout?.on('data', keep);
    this.proc.stderr?.on('data', keep);
    this.channel = this.proc.stdio[3] as Duplex;
    this.channel.on('error', () => undefined);
    this.channel.on('data', (chunk: Buffer) => this.receive(chunk.toString('utf8')));
    this.exited = this.proc
      .then(
        (result) => {
          this.exitState = exitOf(result.exitCode, result.signal);
        },
        () => {
          this.exitState = { code: null, signal: null };
        },
      )
      .then(() => this.waiting?.({ type: 'exit' }));
  }

  /** Starts a child and waits until it says it is ready; throws with its own words if it cannot. */
  static async start(spec: ChildSpec, startTimeoutMs: number, outputBytes = Number.POSITIVE_INFINITY): Promise<WarmChild> {
    const child = new WarmChild(spec, outputBytes);
    const first = await child.next(startTimeoutMs);
    if (first?.type === 'ready') return child;
    child.kill();
    await child.exited;
    const why =
      first === undefined
        ? `did not start within ${startTimeoutMs} ms`
        : first.type === 'fatal'
          ? first.message
          : first.type === 'exit'
            ? `exited before it was ready (${child.describeExit()})`
            : first.type === 'output'
              ? 'printed more than its output limit before it was ready'
              : 'sent a result before it was ready';
    throw new ChildStartError(why, child.outputTail.trim());
  }

  /** Sends one job and waits for its answer, at most `timeoutMs`. */
  async send(id: string, job: unknown, timeoutMs: number): Promise<ChildAnswer> {
    if (this.exitState) return { kind: 'exit', ...this.exitState };
    this.printed = 0;
    this.overLimit = false;
    this.channel.write(`${JSON.stringify({ id, job })}\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = await this.next(Math.max(0, deadline - Date.now()));
      if (message === undefined || message.type === 'output') {
        this.kill();
        await this.exited;
        return { kind: message === undefined ? 'timeout' : 'output' };
      }
      if (message.type === 'exit') return { kind: 'exit', ...(this.exitState ?? { code: null, signal: null }) };
      if (message.type === 'result' && message.id === id) {
        return { kind: 'result', payload: message.payload, recycle: message.recycle === true };
      }
    }
  }

  /** The last few kilobytes the child printed (its own error report after a crash). */
  tail(): string {
    return this.outputTail.trim();
  }

  exit(): ChildExit | undefined {
    return this.exitState;
  }

  describeExit(): string {
    return describeExit(this.exitState);
  }

  /** Ends the channel so the child exits on its own; kills it if it does not within a moment. */
  async close(): Promise<void> {
    if (!this.exitState) {
      this.channel.end();
      const timer = setTimeout(() => this.kill(), 2000);
      await this.exited;
      clearTimeout(timer);
    }
  }

  kill(): void {
    if (!this.exitState) this.proc.kill('SIGKILL');
  }

  /** Protocol lines, split by hand so that one endless line cannot fill doc-harness's memory. */
  private receive(text: string): void {
    this.count(Buffer.byteLength(text));
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const line = this.partial + text.slice(start, end);
      this.partial = '';
      start = end + 1;
      const message = parseChildMessage(line);
      if (message) this.waiting?.(message);
    }
    this.partial += text.slice(start);
    if (this.partial.length > this.outputBytes) this.partial = '';
  }

  private count(bytes: number): void {
    this.printed += bytes;
    if (this.printed > this.outputBytes && !this.overLimit) {
      this.overLimit = true;
      this.waiting?.({ type: 'output' });
    }
  }

  private next(timeoutMs: number): Promise<ChildMessage | { type: 'exit' } | { type: 'output' } | undefined> {
    if (this.exitState) return Promise.resolve({ type: 'exit' });
    if (this.overLimit) return Promise.resolve({ type: 'output' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        resolve(undefined);
      }, timeoutMs);
      this.waiting = (message) => {
        clearTimeout(timer);
        this.waiting = undefined;
        resolve(message);
      };
    });
  }
}

/**
 * A process's end as its code or signal. A sandbox (bwrap, the relay) reports a command killed
 * by signal N as exit code 128 + N, the shell's convention: read back as that signal.
 */
export function exitOf(code: number | undefined | null, signal: string | undefined | null): ChildExit {
  if (signal) return { code: null, signal };
  if (typeof code === 'number' && code > 128 && code < 128 + 65) {
    const name = Object.entries(constants.signals).find(([, number]) => number === code - 128)?.[0];
    if (name) return { code: null, signal: name };
  }
  return { code: code ?? null, signal: null };
}

export function describeExit(state: ChildExit | undefined): string {
  if (!state) return 'still running';
  if (state.signal) return `killed by ${state.signal}`;
  return `exit code ${state.code}`;
}

export class ChildStartError extends Error {
  constructor(
    readonly why: string,
    readonly output: string,
  ) {
    super(why);
  }
}
