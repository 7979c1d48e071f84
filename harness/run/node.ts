import { pathToFileURL } from 'node:url';
import { projectFile } from './assets.ts';
import type { ChildSpec } from './child.ts';
import { sandboxEnv, type Sandbox } from './sandbox.ts';

/** The preload that makes a Node child refuse every host but loopback. */
export const NETWORK_GUARD = projectFile('harness', 'run', 'node', 'network-guard.mjs');

/**
 * A Node child (a driver script, or a Node program such as a CLI) in a sandbox, running on the
 * same Node as doc-harness, with the network guard preloaded.
 */
export function nodeChild(script: string, args: string[], sandbox: Sandbox, env: Record<string, string> = {}): ChildSpec {
  return {
    file: process.execPath,
    args: ['--import', pathToFileURL(NETWORK_GUARD).href, script, ...args],
    env: sandboxEnv(sandbox, env),
    cwd: sandbox.cwd,
  };
}
