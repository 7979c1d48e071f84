// A documented cURL command as the argv and stdin the real curl gets, read without a shell:
// `\` continuations, quotes, `$SEAM_API_KEY` (the fake key), a `--json @- <<EOF … EOF` body on
// stdin. The API's origin becomes the example's mock URL; anything that could reach another
// host (another URL, a proxy, --resolve/--connect-to, a config file) is refused before curl runs.
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
  /** Where curl writes the response headers (it reports the status there). */
  headerFile: string;
}

/** Options whose next word is their value (so that word is not a URL). */
const TAKES_VALUE = new Set(
  (
    '-d -H -X -u -o -A -e -b -c -F -T -w -K -x -m -r -E -D -C -U -Y -y -z -t -Q -P ' +
    '--data --data-raw --data-binary --data-urlencode --data-ascii --json --header --request --user --output ' +
    '--user-agent --referer --cookie --cookie-jar --form --form-string --upload-file --write-out --config --proxy ' +
    '--max-time --range --cert --dump-header --continue-at --proxy-user --speed-limit --speed-time --time-cond ' +
    '--quote --url --connect-timeout --retry --retry-delay --retry-max-time --cacert --capath --key --pass ' +
    '--resolve --connect-to --interface --dns-servers --doh-url --unix-socket --abstract-unix-socket --preproxy ' +
    '--socks4 --socks4a --socks5 --socks5-hostname --noproxy --max-redirs --proto --proto-redir --oauth2-bearer ' +
    '--limit-rate --max-filesize --variable --proxy-header --output-dir --trace --trace-ascii --stderr'
  ).split(' '),
);

/** Options that point curl somewhere other than the URL, or read settings from a file. */
const REFUSED = new Set(
  (
    '-x -K --proxy --preproxy --socks4 --socks4a --socks5 --socks5-hostname --resolve --connect-to ' +
    '--dns-servers --doh-url --interface --unix-socket --abstract-unix-socket --config --proxy-header'
  ).split(' '),
);

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
    if (REFUSED.has(text)) return refuse(word, `refused \`${text}\`: it could send the request somewhere other than the local mock`);
    // The harness reads the status and headers itself; the body alone is the documented output.
    if (text === '-i' || text === '--include') continue;
    const isUrlOption = text === '--url';
    if (text.startsWith('-') && text !== '-' && !isUrlOption) {
      args.push(text);
      if (TAKES_VALUE.has(text) && i + 1 < rest.length) {
        const value = expand(rest[++i], settings.variables);
        if (typeof value !== 'string') return { ok: false, error: { ...value, ...at(rest[i]) } };
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
      // -q first: never read a .curlrc. Then the page's own arguments, then what keeps curl on the mock.
      args: ['-q', ...args, '--silent', '--show-error', '--noproxy', '*', '--max-time', seconds, '--max-redirs', '0', '--proto', '=http', '--dump-header', settings.headerFile],
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
