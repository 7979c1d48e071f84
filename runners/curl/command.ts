// A documented cURL command as the argv and stdin the real curl gets, read without a shell:
// `\` continuations, quotes, `$SEAM_API_KEY` (the fake key), a `--json @- <<EOF … EOF` body on
// stdin. The API's origin becomes the example's mock URL; another URL, and any option request
// examples do not use, is refused before curl runs (curl runs in the sandbox all the same).
import type { CodeBlock } from '../../harness/model.ts';
import { locateOffset } from '../../harness/values/locate.ts';
import { readWith, Scanner } from '../../harness/values/scanner.ts';
import { splitCommand, type ShellWord } from '../../harness/values/shell.ts';
import type { RunError } from '../../harness/run/types.ts';

export interface CurlCommand {
  args: string[];
  stdin?: string;
}

export interface CurlSettings {
  /** The example's mock URL, with its path prefix. */
  baseUrl: string;
  /** The origin the docs call (the profile's); when unknown, the command's first URL is the API. */
  apiOrigin?: string;
  /** Values for `$NAME` in the command. */
  variables: Record<string, string>;
  timeoutMs: number;
  /** The mock's Unix socket as curl sees it, when the mock is reached that way (in the sandbox). */
  unixSocket?: string;
}

/**
 * The options request examples use, and nothing else: a method, headers, a body, the URL, basic
 * auth, and display switches. Each maps to whether it takes a value. Anything else (a proxy, a
 * config file, an output file, --resolve, --unix-socket, a trace file …) is that sample's error:
 * curl runs in the sandbox anyway, and this keeps a tab from using curl's own features to reach
 * past the request it documents.
 */
const ALLOWED = new Map<string, boolean>([
  ['-X', true], ['--request', true],
  ['-H', true], ['--header', true],
  ['-d', true], ['--data', true], ['--data-raw', true], ['--data-binary', true], ['--data-urlencode', true], ['--data-ascii', true], ['--json', true],
  ['-u', true], ['--user', true], ['--oauth2-bearer', true],
  ['-A', true], ['--user-agent', true],
  ['-G', false], ['--get', false],
  ['-s', false], ['--silent', false], ['-S', false], ['--show-error', false],
  ['-i', false], ['--include', false], ['-v', false], ['--verbose', false],
  ['-L', false], ['--location', false], ['-f', false], ['--fail', false], ['--fail-with-body', false],
  ['--compressed', false], ['-k', false], ['--insecure', false], ['--http1.1', false], ['-g', false], ['--globoff', false],
]);

/** Options the harness drops: it reads status and headers itself, and curl's chatter is not output. */
const DROPPED = new Set(['-i', '--include', '-v', '--verbose']);

/** Options whose value may name a file with `@file`: only `@-` (the here-document on stdin) is kept. */
const READS_FILES = new Set(['-d', '--data', '--data-binary', '--data-urlencode', '--data-ascii', '--json', '-H', '--header']);

export type CurlPlan = { ok: true; command: CurlCommand } | { ok: false; error: RunError };

export function planCurl(block: CodeBlock, settings: CurlSettings): CurlPlan {
  const read = readWith([], () => splitCommand(new Scanner(block, { what: 'curl request' }), { heredocs: true }));
  if (!read.ok) return { ok: false, error: { kind: 'syntax', ...read.error } };
  const { words, heredocs } = read.value;
  const at = (word: ShellWord | undefined) => position(block, word?.start ?? 0);
  const refuse = (word: ShellWord, message: string): CurlPlan => ({ ok: false, error: { kind: 'network', message, ...at(word) } });

  const [program, ...rest] = words;
  if (!program || program.text !== 'curl') {
    return { ok: false, error: { kind: 'syntax', message: `expected a \`curl …\` command, found ${program ? `\`${program.raw}\`` : 'an empty snippet'}`, ...at(program) } };
  }
  const args: string[] = [];
  let apiOrigin = settings.apiOrigin?.replace(/\/+$/, '');
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i];
    const text = expand(word, settings.variables);
    if (typeof text !== 'string') return { ok: false, error: { ...text, ...at(word) } };
    const isUrlOption = text === '--url';
    if (text.startsWith('-') && text !== '-' && !isUrlOption) {
      const takesValue = ALLOWED.get(text);
      if (takesValue === undefined) return refuse(word, `refused \`${text}\`: doc-harness runs only the curl options request examples use (method, headers, body, URL, auth)`);
      if (DROPPED.has(text)) continue;
      args.push(text);
      if (takesValue) {
        if (i + 1 >= rest.length) return { ok: false, error: { kind: 'syntax', message: `\`${text}\` needs a value`, ...at(word) } };
        const value = expand(rest[++i], settings.variables);
        if (typeof value !== 'string') return { ok: false, error: { ...value, ...at(rest[i]) } };
        if (READS_FILES.has(text) && value.startsWith('@') && value !== '@-') {
          return refuse(rest[i], `refused \`${text} ${value}\`: a request example sends its own body, not a file's`);
        }
        args.push(value);
      }
      continue;
    }
    const urlWord = isUrlOption ? rest[++i] : word;
    const urlText = isUrlOption ? urlWord && expand(urlWord, settings.variables) : text;
    if (typeof urlText !== 'string' || !urlWord) return { ok: false, error: { kind: 'syntax', message: '`--url` needs a URL', ...at(word) } };
    let url: URL;
    try {
      url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(urlText) ? urlText : `http://${urlText}`);
    } catch {
      return { ok: false, error: { kind: 'syntax', message: `\`${urlText}\` is not a URL`, ...at(urlWord) } };
    }
    apiOrigin ??= url.origin;
    if (url.origin !== apiOrigin) {
      return refuse(urlWord, `refused ${url.origin}: the command calls a host other than the API (${apiOrigin}), which only the local mock stands in for`);
    }
    args.push(`${settings.baseUrl.replace(/\/+$/, '')}${url.pathname}${url.search}`);
  }
  if (apiOrigin === undefined || !args.some((arg) => arg.startsWith(settings.baseUrl))) {
    return { ok: false, error: { kind: 'syntax', message: 'the curl command names no URL', ...at(program) } };
  }

  let stdin: string | undefined;
  if (heredocs.length > 1) return { ok: false, error: { kind: 'syntax', message: 'expected at most one here-document', ...position(block, heredocs[1].start) } };
  if (heredocs[0]) {
    const doc = heredocs[0];
    const body = doc.expands ? expandText(doc.body, settings.variables) : doc.body;
    if (typeof body !== 'string') return { ok: false, error: { ...body, ...position(block, doc.bodyStart) } };
    stdin = `${body}\n`;
  }
  const seconds = String(Math.max(1, Math.ceil(settings.timeoutMs / 1000)));
  return {
    ok: true,
    command: {
      // -q first: never read a .curlrc. Then the page's own arguments, then what keeps curl on the
      // mock; the headers come before the body on stdout, where the harness reads the status.
      args: [
        '-q',
        ...args,
        '--silent', '--show-error', '--noproxy', '*', '--max-time', seconds, '--max-redirs', '0', '--proto', '=http', '--include',
        ...(settings.unixSocket ? ['--unix-socket', settings.unixSocket] : []),
      ],
      stdin,
    },
  };
}

/** A word with `$NAME` expanded, as the shell would where it expands (not in single quotes). */
function expand(word: ShellWord, variables: Record<string, string>): string | Omit<RunError, 'line' | 'column'> {
  if (!word.hazards.some((hazard) => hazard.kind === 'expand')) return word.text;
  return expandText(word.text, variables);
}

function expandText(text: string, variables: Record<string, string>): string | Omit<RunError, 'line' | 'column'> {
  let missing: string | undefined;
  const out = text.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (whole, braced, bare) => {
    const name = braced ?? bare;
    if (name in variables) return variables[name];
    missing ??= name;
    return whole;
  });
  if (missing) {
    return { kind: 'runtime', message: `the command uses $${missing}, which is not set (doc-harness sets ${Object.keys(variables).map((v) => `$${v}`).join(', ')})` };
  }
  return out;
}

function position(block: CodeBlock, offset: number): { line: number; column: number } {
  const { line, column } = locateOffset(block, offset);
  return { line, column };
}
