// The Seam API's description for schema checks: the OpenAPI document that @seamapi/types
// publishes, read with Seam's own extensions (`x-response-key` names the key a response wraps
// its resource in; `x-deprecated` says why a route or parameter is deprecated; `x-undocumented`
// marks what the docs leave out). Given a cache folder, the normalized digest of the document is
// kept there, per @seamapi/types version and digest code: a later run reads that JSON instead of
// importing the 5 MB document, which is most of what schema checks add to `lint`'s time.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ApiDescription, digestFingerprint, digestOf, type ApiDigest, type OpenApiDocument, type OpenApiOperation, type OpenApiReading } from '../../harness/values/schema/api.ts';
import type { OpenApiSchema } from '../../harness/values/schema/normalize.ts';
import { writeCacheFile } from '../../harness/cache-file.ts';
import { seamOpenApi } from './openapi.ts';

const reading: OpenApiReading = {
  responseKey: (operation: OpenApiOperation) => {
    const key = operation['x-response-key'];
    return typeof key === 'string' || key === null ? key : undefined;
  },
  deprecation: (operation: OpenApiOperation) => {
    const note = operation['x-deprecated'];
    if (typeof note === 'string') return note;
    return operation.deprecated === true ? 'deprecated' : undefined;
  },
  // The docs generator leaves out what the description marks undocumented, and deprecated
  // fields: the API still returns them, but docs that omit them are not wrong.
  optionalInDocs: (property: OpenApiSchema) => property['x-undocumented'] !== undefined || property.deprecated === true,
};

const loaded = new Map<string | undefined, Promise<ApiDescription>>();

export function seamApi(options: { cacheDir?: string } = {}): Promise<ApiDescription> {
  let description = loaded.get(options.cacheDir);
  if (!description) loaded.set(options.cacheDir, (description = load(options.cacheDir)));
  return description;
}

async function load(cacheDir: string | undefined): Promise<ApiDescription> {
  const file = cacheDir && path.join(cacheDir, 'schemas', `seam-api-${typesVersion()}-${digestFingerprint()}.json`);
  if (file) {
    const kept = readDigest(file);
    if (kept) return new ApiDescription(kept);
  }
  const digest = digestOf((await seamOpenApi()) as OpenApiDocument, reading);
  if (file) keep(file, digest);
  return new ApiDescription(digest);
}

function typesVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@seamapi/types/connect');
  return (JSON.parse(readFileSync(path.join(path.dirname(path.dirname(entry)), 'package.json'), 'utf8')) as { version: string }).version;
}

function readDigest(file: string): ApiDigest | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ApiDigest;
  } catch {
    return undefined;
  }
}

/** Writes the digest (atomically) in place of any older one. A failure only costs the next run the document. */
function keep(file: string, digest: ApiDigest): void {
  if (!writeCacheFile(file, JSON.stringify(digest))) return;
  try {
    const folder = path.dirname(file);
    for (const old of readdirSync(folder)) {
      if (old.startsWith('seam-api-') && old.endsWith('.json') && old !== path.basename(file)) rmSync(path.join(folder, old), { force: true });
    }
  } catch {
    // Older digests left behind cost only disk space.
  }
}
