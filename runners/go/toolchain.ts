// The Go toolchain doc-harness builds with: the user's own `go` (no other is fetched), and the
// environments its commands run in.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';

export interface GoToolchain {
  /** The `go` command. */
  go: string;
  goroot: string;
  /** `go1.26.8` */
  version: string;
  /** `1.26`: the language version batch modules declare, so snippets may use all of this Go. */
  language: string;
}

/**
 * Address space a Go process maps without using it, on top of the memory limit: its heap arena
 * and page-summary reservations, about 1.2 GiB inside a sandbox here and 1.5 GiB outside (a Go
 * program fails to start under an RLIMIT_AS below about 800 MiB). Each sample's process then
 * limits itself to what it has mapped at start plus the memory limit (program/dh/child.go).
 */
export const GO_RESERVED_BYTES = 2 * 1024 ** 3;

/** The oldest Go that works: `go build -json` (1.24), and the x/tools the rewrite helper pins. */
export const MINIMUM_GO = [1, 24] as const;

let found: Promise<GoToolchain | { reason: string }> | undefined;

/** Finds `go` on PATH (or in /usr/local/go) and checks its version, once per process. */
export function findGo(): Promise<GoToolchain | { reason: string }> {
  found ??= inspectGo(which('go') ?? (existsSync('/usr/local/go/bin/go') ? '/usr/local/go/bin/go' : undefined));
  return found;
}

/** What the `go` command at `go` is, or why it cannot build (absent, broken, too old). */
export async function inspectGo(go: string | undefined): Promise<GoToolchain | { reason: string }> {
  if (!go) return { reason: `Go is not installed (no \`go\` on PATH): install Go ${MINIMUM_GO.join('.')} or newer` };
  const result = await execa(go, ['env', '-json', 'GOROOT', 'GOVERSION'], {
    reject: false,
    stdin: 'ignore',
    timeout: 30_000,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/', GOTOOLCHAIN: 'local' },
  });
  if (result.failed) return { reason: `\`${go} env\` failed: ${firstLine(String(result.stderr || result.shortMessage))}` };
  const env = JSON.parse(String(result.stdout)) as { GOROOT: string; GOVERSION: string };
  const match = /^go(\d+)\.(\d+)/.exec(env.GOVERSION);
  if (!match) return { reason: `cannot read the version of ${go}: ${env.GOVERSION}` };
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major < MINIMUM_GO[0] || (major === MINIMUM_GO[0] && minor < MINIMUM_GO[1])) {
    return { reason: `${go} is ${env.GOVERSION}; the Go runner needs Go ${MINIMUM_GO.join('.')} or newer` };
  }
  return { go, goroot: env.GOROOT, version: env.GOVERSION, language: `${major}.${minor}` };
}

/** Where doc-harness keeps Go's caches: modules per install, one build cache for all. */
export function goCache(cacheDir: string): { root: string; build: string; gopath: string } {
  const root = path.join(cacheDir, 'go');
  return { root, build: path.join(root, 'build-cache'), gopath: path.join(root, 'gopath') };
}

/**
 * A go command that may download (an install): the user's proxy settings count, and nothing
 * else of their Go configuration. Offline, it reaches nothing.
 */
export function downloadEnv(toolchain: GoToolchain, cacheDir: string, modCache: string, offline: boolean): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(GOPROXY|GONOPROXY|GOPRIVATE|GONOSUMDB|GONOSUMCHECK|GOSUMDB|GOINSECURE|GOAUTH|HTTPS?_PROXY|NO_PROXY|SSL_CERT_FILE|SSL_CERT_DIR)$/i.test(key)) {
      env[key] = value;
    }
  }
  return { ...hermetic(toolchain, cacheDir, modCache), ...env, GOFLAGS: '-mod=mod -modcacherw', ...(offline ? { GOPROXY: 'off' } : {}) };
}

/**
 * A go command that must not reach anything: builds and package checks of a batch. Its only
 * "proxy" is the install's own module cache, read as a file proxy, so that a missing package is
 * reported as Go reports it ("module … found (v0.6.1), but does not contain package …") and
 * nothing outside the install can come in.
 */
export function buildEnv(toolchain: GoToolchain, cacheDir: string, modCache: string): Record<string, string> {
  return {
    ...hermetic(toolchain, cacheDir, modCache),
    GOFLAGS: '-mod=mod -modcacherw',
    GOPROXY: `file://${path.join(modCache, 'cache', 'download')}`,
    GOSUMDB: 'off',
  };
}

function hermetic(toolchain: GoToolchain, cacheDir: string, modCache: string): Record<string, string> {
  const caches = goCache(cacheDir);
  return {
    PATH: `${path.join(toolchain.goroot, 'bin')}${path.delimiter}${process.env.PATH ?? '/usr/bin:/bin'}`,
    // The go command needs a HOME; a private one keeps the user's Go configuration out.
    HOME: path.join(caches.root, 'home'),
    GOENV: 'off',
    GOTOOLCHAIN: 'local',
    GOWORK: 'off',
    GO111MODULE: 'on',
    CGO_ENABLED: '0',
    GOPATH: caches.gopath,
    GOMODCACHE: modCache,
    GOCACHE: caches.build,
  };
}

export function which(program: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, program);
    if (dir && existsSync(file)) return file;
  }
  return undefined;
}

/** The first meaningful line of a go command's failure. */
export function firstLine(output: string): string {
  return (
    output
      .split('\n')
      .map((line) => line.trim())
      .find((line) => line && !/^go: (downloading|finding|extracting)/.test(line)) ?? 'no output'
  ).slice(0, 300);
}
