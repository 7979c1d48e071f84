// The environment a sandboxed process starts with: built from an allowlist, never inherited.

/**
 * The only variables a child inherits from the user's environment: enough to find programs and
 * read text. Everything else (a real SEAM_API_KEY, *_TOKEN, proxies, NODE_OPTIONS, config paths)
 * stays out; a runner adds what its client needs (the fake key, the mock URL) explicitly.
 */
export const INHERITED_ENV: readonly string[] = ['PATH', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES', 'TZ'];

/** Where a process finds its private folders, as the process sees them. */
export interface BoxPaths {
  /** Its working folder. */
  cwd: string;
  home: string;
  tmp: string;
}

/**
 * The environment of a child: the allowlist from the user's environment, HOME and TMPDIR in its
 * box, no colours, then the runner's own variables.
 */
export function boxEnv(paths: BoxPaths, extra: Record<string, string> = {}, from: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_ENV) {
    const value = from[name];
    if (value !== undefined) env[name] = value;
  }
  Object.assign(env, {
    HOME: paths.home,
    TMPDIR: paths.tmp,
    TMP: paths.tmp,
    TEMP: paths.tmp,
    XDG_CACHE_HOME: `${paths.home}/.cache`,
    XDG_CONFIG_HOME: `${paths.home}/.config`,
    XDG_DATA_HOME: `${paths.home}/.local/share`,
    XDG_STATE_HOME: `${paths.home}/.local/state`,
    NO_COLOR: '1',
    FORCE_COLOR: '0',
  });
  return Object.assign(env, extra);
}
