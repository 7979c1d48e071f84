// What one sandboxed process may use. A snippet that goes past a limit gets that as its verdict
// (`error: memory limit 1 GiB exceeded`); the machine and the other samples never notice.

export interface Limits {
  /** Address space per process (RLIMIT_AS): the memory a snippet may allocate. */
  memoryBytes: number;
  /** CPU seconds per process (RLIMIT_CPU). Drivers that fork a child per sample set it per sample. */
  cpuSeconds: number;
  /** Processes and threads in one sandbox (RLIMIT_NPROC, counted per user namespace or uid). */
  processes: number;
  /** Bytes a sample may print (stdout, stderr and its result together). */
  outputBytes: number;
  /** Size of any one file a snippet writes (RLIMIT_FSIZE), and of its whole writable folder. */
  fileBytes: number;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

export const DEFAULT_LIMITS: Limits = {
  memoryBytes: 1 * GiB,
  // A warm process runs many samples; each sample's own CPU is bounded by its wall-clock timeout
  // (and by a per-sample RLIMIT_CPU where a driver forks). This only stops a runaway lane.
  cpuSeconds: 600,
  // Node and Go start a dozen threads each, and every thread counts.
  processes: 256,
  outputBytes: 8 * MiB,
  fileBytes: 64 * MiB,
};

/** `1 GiB`, `8 MiB`, `512 KiB`, `100 bytes`. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [['GiB', GiB], ['MiB', MiB], ['KiB', 1024]] as const) {
    if (bytes >= size) {
      const value = bytes / size;
      return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

/** Reads `512M`, `1G`, `1GiB`, `65536` into bytes; undefined when it is not a size. */
export function parseBytes(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const scale = unit === 'k' ? 1024 : unit === 'm' ? MiB : unit === 'g' ? GiB : 1;
  return Math.round(Number(match[1]) * scale);
}

/** The limit a process that died this way went past, as a verdict message; undefined when none. */
export function limitExceeded(limits: Limits, exit: { signal?: string | null; output?: string }): string | undefined {
  if (exit.signal === 'SIGXCPU') return `CPU time limit of ${limits.cpuSeconds} s exceeded`;
  if (exit.signal === 'SIGXFSZ') return `file size limit ${formatBytes(limits.fileBytes)} exceeded`;
  const output = exit.output ?? '';
  // How each runtime says its allocation failed under RLIMIT_AS.
  if (/memory limit \d+ MiB exceeded|heap out of memory|Array buffer allocation failed|out of memory|Cannot allocate memory|MemoryError|NoMemoryError|failed to allocate memory|Allowed memory size of \d+ bytes exhausted/i.test(output)) {
    return `memory limit ${formatBytes(limits.memoryBytes)} exceeded`;
  }
  return undefined;
}
