// A Node program in the sandbox: a driver script, or a Node CLI. It runs on the same Node as
// doc-harness, with its heap capped at the sandbox's memory limit, so that running out of
// memory is V8's clear "heap out of memory".
import { dirname } from 'node:path';
import { projectFile } from '../../harness/run/assets.ts';
import type { SandboxRequest } from '../../harness/run/sandbox/index.ts';
import type { RunnerEnv } from '../../harness/run/types.ts';

/** This folder: the drivers of every Node runtime import its protocol.mjs. */
export const NODE_RUNTIME_DIR = projectFile('runners', 'javascript');

export function nodeRequest(
  env: RunnerEnv,
  script: string,
  args: string[],
  options: { read?: string[]; env?: Record<string, string> } = {},
): Omit<SandboxRequest, 'label'> {
  const heapMiB = Math.max(64, Math.floor(env.sandbox.limits.memoryBytes / 1024 / 1024));
  return {
    file: process.execPath,
    args: [`--max-old-space-size=${heapMiB}`, script, ...args],
    read: [NODE_RUNTIME_DIR, dirname(script), ...(options.read ?? [])],
    // V8 reserves address space far beyond what it uses (code range, thread stacks, and 10 GiB
    // per WebAssembly memory, which Node's own fetch needs): an address-space limit cannot hold
    // it. Its heap limit above is what bounds a snippet's memory.
    reservedBytes: Number.POSITIVE_INFINITY,
    env: options.env,
  };
}
