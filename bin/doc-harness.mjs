#!/usr/bin/env node
// The CLI runs from the compiled output so that start-up pays no TypeScript cost.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../dist/harness/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  console.error('doc-harness: not built yet; run `npm run build` (or `npm install`) in the doc-harness folder');
  process.exit(2);
}
// `doc-harness list | head` closes the pipe early: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { main } = await import(pathToFileURL(entry).href);
process.exitCode = await main(process.argv.slice(2));
