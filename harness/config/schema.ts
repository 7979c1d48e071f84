// What `doc-harness.config.{js,mjs,cjs,json}` may hold: one key per setting a docs repository
// wants to say once instead of on every command line. Every key is also a flag, and a flag given
// on the command line wins. Paths are relative to the configuration file.
export interface DocHarnessConfig {
  /** Markdown files, folders or globs: what commands take when given no paths (`docs/`). */
  docs?: string[];
  /** The recordings folder (`--recordings`); default `__recordings__` in the docs root. */
  recordings?: string;
  /** A profile doc-harness ships (`seam`) or the path of a profile module (`--profile`). */
  profile?: string;
  /** Only these languages (`--lang`). */
  languages?: string[];
  /** Per language, the client release or local build to run (`--sdk language=version`). */
  sdk?: Record<string, string>;
  /** How `test` reports: reporter names, or `{ name, output }` to send one to a file (`--reporter`, `--output.<name>`). */
  reporters?: Array<string | { name: string; output?: string }>;
  /** Per-sample timeout in milliseconds (`--timeout`). */
  timeout?: number;
  /** Samples of one language run at once (`--jobs`). */
  jobs?: number;
  /** Memory per snippet process, like `512M` or `2G` (`--memory-limit`). */
  memoryLimit?: string;
  /** Demand equality of documented and returned values (`--strict`). */
  strict?: boolean;
  /** The known-defects file (`--expectations`). */
  expectations?: string;
  /** Where clients and cached results live (`--cache-dir`). */
  cacheDir?: string;
}

/** The same, as JSON Schema: what a configuration is checked against (a bad key or value: exit 2). */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    docs: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    recordings: { type: 'string', minLength: 1 },
    profile: { type: 'string', minLength: 1 },
    languages: { type: 'array', items: { type: 'string', pattern: '^[a-z_]+$' }, minItems: 1 },
    sdk: { type: 'object', propertyNames: { pattern: '^[a-z_]+$' }, additionalProperties: { type: 'string', minLength: 1 } },
    reporters: {
      type: 'array',
      items: {
        oneOf: [
          { type: 'string', minLength: 1 },
          {
            type: 'object',
            additionalProperties: false,
            required: ['name'],
            properties: { name: { type: 'string', minLength: 1 }, output: { type: 'string', minLength: 1 } },
          },
        ],
      },
    },
    timeout: { type: 'integer', minimum: 1 },
    jobs: { type: 'integer', minimum: 1 },
    memoryLimit: { type: 'string', minLength: 1 },
    strict: { type: 'boolean' },
    expectations: { type: 'string', minLength: 1 },
    cacheDir: { type: 'string', minLength: 1 },
  },
} as const;
