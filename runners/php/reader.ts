// PHP tabs: `<?php` (generations 1 and 2), then `$seam->acs->credentials->assign(acs_user_id: "…");`
// with named arguments, and the generator's display of the returned value: a short array with a
// trailing `;`, `null` for void, or (generation 3) an empty fence for void.
//
// Method and argument names are kept as written: the PHP SDK's are snake_case, and a camelCase
// one would fail in PHP, which the tab comparison then reports.
import type { Call, CodeBlock, Json, JsonObject, ReadNote, ReadResult, SampleReader, Value } from '../../harness/model.ts';
import { noteAt } from '../../harness/values/locate.ts';
import { Scanner, readWith } from '../../harness/values/scanner.ts';
import { readValue } from './literal.ts';

export const INVALID = 'snippet-invalid-in-language';

const OPEN_TAG = /<\?php\b/y;
const VARIABLE = /\$[A-Za-z_][A-Za-z0-9_]*/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

function scanner(block: CodeBlock, side: 'request' | 'response'): Scanner {
  const s: Scanner = new Scanner(block, { what: `php ${side}`, lineComment: '//' });
  s.match(OPEN_TAG);
  return s;
}

export function readRequest(block: CodeBlock): ReadResult<Call> {
  const notes: ReadNote[] = [];
  const s: Scanner = scanner(block, 'request');
  return readWith(notes, () => {
    s.skipSpace();
    const start = s.pos;
    const receiver = s.match(VARIABLE);
    const words: string[] = [];
    while (receiver !== null && s.eat('->')) {
      const name = s.match(NAME);
      if (name === null) s.fail(`expected a property or method name after '->', found ${s.found()}`);
      words.push(name);
    }
    if (words.length === 0) s.fail(`expected a client call like \`$seam->devices->get(…)\`, found ${s.found(start)}`, start);
    const callee = s.text.slice(start, s.pos);
    s.spans.map.callee = { block, start, end: s.pos };
    s.skipSpace();
    const opened = s.pos;
    s.expect('(', ` after ${callee}`);
    const params = readNamedArguments(s, callee, opened);
    s.skipSpace();
    const end = s.pos;
    // A closing `?>` ends the statement as a `;` would.
    if (!s.eat(';') && !s.eat('?>')) {
      if (!s.atEnd()) s.fail(`expected ';' after the call, found ${s.found()}`);
      notes.push(noteAt(block, end, INVALID, "missing ';' after the call: PHP stops with a parse error (unexpected end of file)"));
    }
    s.eat('?>');
    if (!s.atEnd()) s.fail(`expected the end of the snippet after the call (one call per request), found ${s.found()}`);
    return { path: '/' + words.join('/'), params };
  }, s.spans);
}

/** `name: value, …)` after the opening parenthesis. */
function readNamedArguments(s: Scanner, callee: string, opened: number): JsonObject {
  const args = new Map<string, Json>();
  const close = () => `to close ${callee}( opened at ${s.where(opened)}`;
  while (!s.eat(')')) {
    if (s.atEnd()) s.fail(`expected ')' ${close()}, found end of snippet`);
    const at = s.pos;
    const name = s.match(NAME);
    if (name === null || s.peekChar() !== ':' || s.text.startsWith('::', s.pos)) {
      s.fail(`expected a named argument \`name: value\` in ${callee}(…), found ${s.found(at)}`, at);
    }
    s.expect(':');
    if (args.has(name)) s.fail(`named argument \`${name}\` repeated in ${callee}(…)`, at);
    args.set(name, s.spans.member(name, () => readValue(s), { start: at, end: at + name.length }));
    if (s.eat(',') || s.peekChar() === ')') continue;
    if (s.atEnd()) s.fail(`expected ')' ${close()}, found end of snippet`);
    s.fail(`expected ',' or ')' in ${callee}(…), found ${s.found()}`);
  }
  return Object.fromEntries(args);
}

/** `null` and an empty fence are void; `[]` is an empty list (artefacts.ts knows it may be `{}`). */
export function readResponse(block: CodeBlock): ReadResult<Value> {
  const s: Scanner = scanner(block, 'response');
  return readWith([], () => {
    if (s.atEnd()) return { kind: 'void' };
    const json = readValue(s);
    s.eat(';');
    if (!s.atEnd()) s.fail(`expected the end of the response after the value, found ${s.found()}`);
    return json === null ? { kind: 'void' } : { kind: 'json', json };
  }, s.spans);
}

export const reader: SampleReader = { readRequest, readResponse };
