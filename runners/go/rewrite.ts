// Runs the rewrite helper (rewrite/) over a batch's snippets, in the sandbox: it parses
// untrusted code, and goimports runs the go command. It reads the request on stdin and answers
// on stdout; doc-harness writes the files.
import path from 'node:path';
import { runProcess } from '../../harness/run/exec.ts';
import type { RunnerEnv } from '../../harness/run/types.ts';
import { BATCH_MODULE, type GoInstall } from './install.ts';
import { firstLine, GO_RESERVED_BYTES } from './toolchain.ts';

export interface SnippetRequest {
  /** The package name, and the sample's key in the program: `s0001`. */
  id: string;
  source: string;
  /** The markdown file as line directives name it. */
  file: string;
  /** The markdown line of the snippet's first line. */
  line: number;
}

/** A position: the markdown line, and the byte column in that snippet line (0: unknown). */
export interface GoProblem {
  kind: 'syntax' | 'compile' | 'harness';
  message: string;
  line?: number;
  column?: number;
  detail?: string;
}

export interface Rewritten {
  id: string;
  /** File name → text, for the sample's package folder. */
  files?: Record<string, string>;
  notes?: string[];
  /** It runs code at package initialisation: a program of its own. */
  isolate?: boolean;
  /** Where it imports each package (markdown line, byte column). */
  imports?: ImportAt[];
  error?: GoProblem;
}

export interface ImportAt {
  path: string;
  line: number;
  column: number;
}

/** What the helper needs of the profile's client to declare the snippets' variable (rewrite/main.go clientSpec). */
function clientSpec({ client }: GoInstall) {
  return { variable: client.variable, imports: client.imports, type: client.type, construct: client.construct };
}

export async function rewriteSnippets(install: GoInstall, env: RunnerEnv, snippets: SnippetRequest[]): Promise<Map<string, Rewritten> | { message: string; detail?: string }> {
  const boxed = await env.sandbox.start({
    label: 'go-rewrite',
    file: install.rewrite,
    args: [],
    read: [path.dirname(install.rewrite), install.toolchain.goroot],
    env: { PATH: `${path.join(install.toolchain.goroot, 'bin')}${path.delimiter}/usr/bin:/bin` },
    reservedBytes: GO_RESERVED_BYTES,
    relay: false,
  });
  const result = await runProcess(boxed, { timeoutMs: 120_000 + 1000 * snippets.length, input: JSON.stringify({ module: BATCH_MODULE, client: clientSpec(install), samples: snippets }) });
  if (result.exitCode !== 0) {
    return {
      message: `the Go rewrite helper failed (${result.timedOut ? 'timed out' : result.signal ?? `exit code ${result.exitCode}`}): ${firstLine(result.stderr || result.startError || '')}`,
      detail: result.stderr || undefined,
    };
  }
  const answer = JSON.parse(result.stdout) as { samples: Rewritten[] };
  return new Map(answer.samples.map((sample) => [sample.id, sample]));
}
