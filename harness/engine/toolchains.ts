// The toolchain each language's runner found, remembered between runs: finding it again means
// starting interpreters (a Python or Ruby probe is a tenth of a second), and which client runs
// a sample is part of its cache key, so a run answered entirely from the result cache would
// otherwise spend most of its time asking. A remembered answer holds while nothing it could
// depend on changed: the same request (language, --sdk, offline, the profile's client), the
// same PATH with the same folders in it (installing or upgrading a program rewrites its folder),
// the same client folders in the cache, the same Node; and for an hour at most.
//
//   <cacheDir>/results/toolchains.json
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { writeCacheFileAsync } from '../cache-file.ts';
import type { LanguageId } from '../model.ts';
import type { Toolchain } from '../run/types.ts';
import { readJson } from '../run/install/index.ts';

const FILE = 'toolchains.json';
const MAX_AGE_MS = 60 * 60 * 1000;

type Ready = Extract<Toolchain, { ready: true }>;

interface Remembered {
  witness: string;
  at: number;
  toolchain: Ready;
}

export interface ToolchainRequest {
  language: LanguageId;
  cacheDir: string;
  /** Everything the runner's answer depends on besides the machine: --sdk, offline, the profile's client. */
  request: unknown;
}

export class ToolchainMemo {
  private entries: Record<string, Remembered> | undefined;
  private changed = false;

  constructor(private readonly cacheDir: string) {}

  /** What the runner said last time, if nothing it could depend on changed since. */
  async recall(asked: ToolchainRequest): Promise<Ready | undefined> {
    const entry = (await this.load())[keyOf(asked)];
    if (!entry || Date.now() - entry.at > MAX_AGE_MS) return undefined;
    return entry.witness === (await witness(asked)) ? entry.toolchain : undefined;
  }

  async remember(asked: ToolchainRequest, toolchain: Toolchain): Promise<void> {
    const entries = await this.load();
    const key = keyOf(asked);
    // Only a ready toolchain: a missing one is looked for again (it may have been installed).
    if (toolchain.ready) entries[key] = { witness: await witness(asked), at: Date.now(), toolchain };
    else delete entries[key];
    this.changed = true;
  }

  async save(): Promise<void> {
    if (!this.changed || !this.entries) return;
    const file = path.join(this.cacheDir, 'results', FILE);
    // Not written: the next run asks the runners again.
    await writeCacheFileAsync(file, JSON.stringify(this.entries));
  }

  private async load(): Promise<Record<string, Remembered>> {
    this.entries ??= (await readJson<Record<string, Remembered>>(path.join(this.cacheDir, 'results', FILE))) ?? {};
    return this.entries;
  }
}

function keyOf(asked: ToolchainRequest): string {
  return JSON.stringify([asked.language, asked.request]);
}

/** The state of what a toolchain is made of: PATH and its folders, the language's cache folders, Node. */
async function witness(asked: ToolchainRequest): Promise<string> {
  const stamp = (file: string) => {
    try {
      const stat = statSync(file);
      return `${stat.ino}:${stat.mtimeMs}`;
    } catch {
      return '-';
    }
  };
  const pathDirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const clients = path.join(asked.cacheDir, asked.language);
  const installs = await readdir(clients).catch(() => [] as string[]);
  return JSON.stringify([
    process.execPath,
    process.versions.node,
    pathDirs.map((dir) => [dir, stamp(dir)]),
    stamp(clients),
    installs.sort().map((name) => [name, stamp(path.join(clients, name))]),
  ]);
}
