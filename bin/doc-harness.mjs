#!/usr/bin/env node
// The CLI runs from the compiled output so that start-up pays no TypeScript cost.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../dist/harness/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('doc-harness: not built yet; run `npm run build` (or `npm install`) in the doc-harness folder');
  process.exit(2);
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
