#!/usr/bin/env node
// Writes sdk-fields.json: for each struct of the Go SDK's root package, the JSON names of its
// fields. The Go tab's display artefacts use it: a field the docs' other tabs show and the Go tab
// leaves out is no defect of the page when the SDK's struct has no such field (the Go client
// cannot return it). Run after installing the SDK:
//
//   node runners/go/sdk-fields.mjs .doc-harness/cache/go/sdk@v0.6.1/mod/github.com/seamapi/go@v0.6.1
//
// The SDK's code is generated, one field per line with a `json:"name[,omitempty]"` tag.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node runners/go/sdk-fields.mjs <the SDK module folder>');
  process.exit(2);
}
const types = {};
for (const file of readdirSync(dir).filter((name) => name.endsWith('.go') && !name.endsWith('_test.go')).sort()) {
  let current;
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    const open = /^type (\w+) struct \{$/.exec(line);
    if (open) {
      current = types[open[1]] = [];
      continue;
    }
    if (line === '}') current = undefined;
    const tag = current && /`json:"([^",]+)/.exec(line);
    if (tag && tag[1] !== '-') current.push(tag[1]);
  }
}
const out = { sdk: `github.com/seamapi/go ${basename(dir).split('@')[1] ?? ''}`.trim(), types };
writeFileSync(fileURLToPath(new URL('sdk-fields.json', import.meta.url)), `${JSON.stringify(out, null, 1)}\n`);
console.log(`${Object.keys(types).length} structs of ${out.sdk}`);
