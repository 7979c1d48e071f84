// A documented CLI line as the argv the CLI would get, read without a shell: the docs print
// JSON values unquoted (`--access_schedule {"starts_at":"…"}`), which a shell would split, glob
// or strip of quotes. The tokenizer is the one the readers share (harness/values/shell.ts): a
// word that is JSON is passed as the JSON text the page shows.
import type { CodeBlock, ReadResult } from '../../harness/model.ts';
import { readWith, Scanner } from '../../harness/values/scanner.ts';
import { splitCommand } from '../../harness/values/shell.ts';

export function cliArgv(block: CodeBlock): ReadResult<string[]> {
  return readWith([], () => {
    const scanner = new Scanner(block, { what: 'seam_cli request' });
    const { words } = splitCommand(scanner, { json: true });
    const [program, ...rest] = words;
    if (!program) scanner.fail('expected a `seam …` command, found an empty snippet', 0);
    if (program.text !== 'seam') scanner.fail(`expected a command starting with \`seam\`, found \`${program.raw}\``, program.start);
    return rest.map((word) => (word.json ? word.raw : word.text));
  });
}
