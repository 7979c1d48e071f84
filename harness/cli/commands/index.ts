// Every command doc-harness has, in the order `--help` lists them. A new command is a module in
// this folder and one line here. Modules load only when their command runs, so `lint` never pays
// for the mock's or the runners' dependencies.
import type { CommandEntry } from './types.ts';

export const commands: readonly CommandEntry[] = [
  { name: 'init', summary: 'write a starter configuration and a CI workflow for the docs of this repository', load: async () => (await import('./init.ts')).initCommand },
  { name: 'list', summary: 'print every tabbed request/response example found in the docs', load: async () => (await import('./list.ts')).listCommand },
  { name: 'lint', summary: 'check every example by reading it: cross-tab agreement, declared shapes, snippet validity', load: async () => (await import('./lint.ts')).lintCommand },
  { name: 'setup', summary: 'install every client the docs need into the cache (the only step that reaches a registry)', load: async () => (await import('./setup.ts')).setupCommand },
  { name: 'test', summary: 'run every example through its language’s real client against the recorded mock and check each response', load: async () => (await import('./test.ts')).testCommand },
  { name: 'record', summary: 'make the recordings the mock replays: derive them from the docs, or record a live server', load: async () => (await import('./record.ts')).recordCommand },
  { name: 'compare', summary: 'what changed between two JSON reports (an SDK release): newly failing, newly passing, changed values', load: async () => (await import('./compare.ts')).compareCommand },
  { name: 'merge', summary: 'join the JSON reports of shards (test --shard i/n) into one, rendered by any reporter', load: async () => (await import('./merge.ts')).mergeCommand },
  { name: 'serve', summary: 'run the recorded mock in the foreground and print its URL', load: async () => (await import('./serve.ts')).serveCommand },
];
