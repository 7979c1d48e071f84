// The OpenAPI document that @seamapi/types publishes. The package's `connect` entry also builds
// its zod schemas, which take three times as long to load as the document itself and are not
// needed here; so the document's own module is imported by its file, and the entry only where
// the package's layout has changed.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

let document: Promise<unknown> | undefined;

export function seamOpenApi(): Promise<unknown> {
  document ??= load();
  return document;
}

async function load(): Promise<unknown> {
  const entry = createRequire(import.meta.url).resolve('@seamapi/types/connect');
  const file = path.join(path.dirname(path.dirname(entry)), 'lib', 'seam', 'connect', 'openapi.js');
  if (existsSync(file)) {
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown; openapi?: unknown };
    const openapi = module.default ?? module.openapi;
    if (openapi) return openapi;
  }
  return (await import('@seamapi/types/connect')).openapi;
}

let version: string | undefined;

/** The installed @seamapi/types release, read from its package.json (the package does not export it). */
export function seamTypesVersion(): string {
  if (version) return version;
  for (let dir = path.dirname(createRequire(import.meta.url).resolve('@seamapi/types/connect')); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const read = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (read.name === '@seamapi/types' && read.version) return (version = read.version);
    }
    if (path.dirname(dir) === dir) throw new Error('cannot find the version of @seamapi/types');
  }
}
