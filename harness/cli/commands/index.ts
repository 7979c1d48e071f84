// Every command doc-harness has, in the order `--help` lists them. A new command is a module in
// this folder and one line here.
import type { CliCommand } from './types.ts';
import { listCommand } from './list.ts';
import { lintCommand } from './lint.ts';
import { testCommand } from './test.ts';
import { recordCommand } from './record.ts';
import { serveCommand } from './serve.ts';

export const commands: readonly CliCommand[] = [
  listCommand,
  lintCommand,
  testCommand,
  recordCommand,
  serveCommand,
];
