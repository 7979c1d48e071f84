import readline from 'node:readline';
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

/** What became of one job sent to a child. */
export type ChildAnswer =
  | { kind: 'result'; payload: unknown; recycle: boolean }
  | { kind: 'timeout' }
  | { kind: 'exit'; code: number | null; signal: string | null };

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
 * its stdout and stderr are drained and only their tails kept, to explain a crash.
 */
export class WarmChild {
  private readonly proc: ResultPromise<typeof CHILD_OPTIONS>;
  private readonly channel: Duplex;
  private waiting: ((message: ChildMessage | { type: 'exit' }) => void) | undefined;
  private exitState: { code: number | null; signal: string | null } | undefined;
  private readonly exited: Promise<void>;
  private outputTail = '';

  private constructor(spec: ChildSpec) {
    this.proc = execa(spec.file, spec.args, { ...CHILD_OPTIONS, cwd: spec.cwd, env: spec.env });
    const keep = (chunk: Buffer | string) => {
      this.outputTail = (this.outputTail + String(chunk)).slice(-TAIL);
    };
    this.proc.stdout?.on('data', keep);
    this.proc.stderr?.on('data', keep);
    this.channel = this.proc.stdio[3] as Duplex;
    this.channel.on('error', () => undefined);
    const lines = readline.createInterface({ input: this.channel });
    lines.on('line', (line) => {
      const message = parseChildMessage(line);
      if (message) this.waiting?.(message);
    });
    this.exited = this.proc.then(
      (result) => {
        this.exitState = { code: result.exitCode ?? null, signal: result.signal ?? null };
      },
      () => {
        this.exitState = { code: null, signal: null };
      },
    ).then(() => this.waiting?.({ type: 'exit' }));
  }

  /** Starts a child and waits until it says it is ready; throws with its own words if it cannot. */
  static async start(spec: ChildSpec, startTimeoutMs: number): Promise<WarmChild> {
    const child = new WarmChild(spec);
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
            : 'sent a result before it was ready';
    throw new ChildStartError(why, child.outputTail.trim());
  }

  /** Sends one job and waits for its answer, at most `timeoutMs`. */
  async send(id: string, job: unknown, timeoutMs: number): Promise<ChildAnswer> {
    if (this.exitState) return { kind: 'exit', ...this.exitState };
    this.channel.write(`${JSON.stringify({ id, job })}\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = await this.next(Math.max(0, deadline - Date.now()));
      if (message === undefined) {
        this.kill();
        await this.exited;
        return { kind: 'timeout' };
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

  describeExit(): string {
    const state = this.exitState;
    if (!state) return 'still running';
    if (state.signal) return `killed by ${state.signal}`;
    return `exit code ${state.code}`;
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

  private next(timeoutMs: number): Promise<ChildMessage | { type: 'exit' } | undefined> {
    if (this.exitState) return Promise.resolve({ type: 'exit' });
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

export class ChildStartError extends Error {
  constructor(
    readonly why: string,
    readonly output: string,
  ) {
    super(why);
  }
}
