// Builds the Seam CLI's schema cache offline, once per CLI and @seamapi/types version, so the
// CLI never downloads a schema at start-up (which needs the network, and on some registries gets
// types its own @seamapi/blueprint rejects). It uses the CLI's own blueprint package and, where
// it has one, the CLI's own cache module, so the file is exactly what the CLI would write.
//
//   node schema.mjs <cli package folder> <@seamapi/types connect module URL> <output file>
//
// Prints a JSON report on stdout: { blueprintVersion, typesVersion, repairs: [{ left, why }] }.
// When the blueprint rejects parts of the OpenAPI document it cannot describe (an endpoint
// whose response is an inline schema, a property with no type), those parts are left out,
// one rejection at a time, and each is listed in `repairs`: the CLI cannot call them.
import { readFile, writeFile, mkdir, rename } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [cliDir, typesUrl, output] = process.argv.slice(2);
const require = createRequire(join(cliDir, 'package.json'));
const blueprintEntry = require.resolve('@seamapi/blueprint');
const { createBlueprint } = await import(pathToFileURL(blueprintEntry).href);
const blueprintPackage = await packageOf(blueprintEntry, '@seamapi/blueprint');
const typesPackage = await packageOf(fileURLToPath(typesUrl), '@seamapi/types');
const { openapi } = await import(typesUrl);

// The CLI's cache module knows the version key and the file format; older CLIs may lack it.
const cacheModule = await import(pathToFileURL(join(cliDir, 'lib', 'blueprint', 'cache.js')).href).catch(() => null);
const blueprintVersion = (await cacheModule?.getBlueprintVersion?.()) ?? blueprintPackage.version;
const flatten = await import(pathToFileURL(join(dirname(blueprintEntry), 'lib', 'openapi', 'flatten-openapi-schema.js')).href)
  .then((m) => m.flattenOpenapiSchema)
  .catch(() => null);

const document = structuredClone(openapi);
const repairs = [];
let blueprint;
for (let attempt = 0; ; attempt++) {
  try {
    blueprint = await createBlueprint({ openapi: document }, { omitUndocumented: true });
    break;
  } catch (error) {
    const repaired = attempt < 200 && repair(String(error?.message ?? error));
    if (!repaired) {
      process.stderr.write(`@seamapi/blueprint ${blueprintPackage.version} cannot build a schema from @seamapi/types ${typesPackage.version}: ${String(error?.message ?? error).split('\n')[0]}\n`);
      process.exit(1);
    }
  }
}

const cache = {
  blueprintVersion,
  typesVersion: typesPackage.version,
  // In the future, so the CLI never checks the registry for a newer schema.
  checkedAt: '2999-01-01T00:00:00.000Z',
  blueprint,
};
await mkdir(dirname(output), { recursive: true });
if (cacheModule?.writeCache) {
  await cacheModule.writeCache(output, cache);
} else {
  await writeFile(`${output}.tmp`, `${JSON.stringify(cache)}\n`);
  await rename(`${output}.tmp`, output);
}
process.stdout.write(`${JSON.stringify({ blueprintVersion, blueprintPackage: blueprintPackage.version, typesVersion: typesPackage.version, repairs })}\n`);

function repair(message) {
  if (message.startsWith('Documented endpoint responses must reference a resource type')) {
    const paths = [...message.matchAll(/^(\/\S+) /gm)].map((m) => m[1]).filter((p) => document.paths[p]);
    if (paths.length === 0) return false;
    for (const path of new Set(paths)) {
      for (const operation of Object.values(document.paths[path])) {
        if (operation && typeof operation === 'object') operation['x-undocumented'] = 'doc-harness: its response schema is inline';
      }
      repairs.push({ left: path, why: 'its response is an inline schema, not a $ref to a resource' });
    }
    return true;
  }
  const untyped = /^The (\S+) property for (\S+) cannot be documented since it does not define a type/.exec(message);
  if (untyped && flatten) {
    const [, name, where] = untyped;
    const scope = where.startsWith('/') ? document.paths[where] : document.components.schemas[where.split('.')[0]];
    if (!scope || !dropUntyped(scope, name)) return false;
    repairs.push({ left: where.startsWith('/') ? `${where} ${name}` : `${where}.${name}`, why: 'it has no type' });
    return true;
  }
  return false;
}

/** Removes every property or parameter `name` under `node` that has no type once flattened. */
function dropUntyped(node, name) {
  let dropped = false;
  const visit = (value) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== 'object') return;
    const property = value.properties?.[name];
    if (property && typeof property === 'object' && flatten(property).type == null) {
      delete value.properties[name];
      dropped = true;
    }
    if (Array.isArray(value.parameters)) {
      const kept = value.parameters.filter((p) => !(p?.name === name && flatten(p.schema ?? {}).type == null));
      if (kept.length !== value.parameters.length) dropped = true;
      value.parameters = kept;
    }
    Object.values(value).forEach(visit);
  };
  visit(node);
  return dropped;
}

async function packageOf(file, name) {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    try {
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
      if (manifest.name === name) return manifest;
    } catch {
      // keep walking up
    }
    if (dirname(dir) === dir) return { name, version: 'unknown' };
  }
}
