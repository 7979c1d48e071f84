// Go tabs: a whole `package main` program whose `main` makes one call,
// `client.Acs.Credentials.Assign(context.Background(), credentials.CredentialsAssignRequest{…})`,
// and the generator's display of the returned value (`api.ActionAttempt{…}`, `[]api.Device{…}`,
// `nil`). Imports are read but not checked: a package the Go SDK lacks is the runner's finding
// (the program would not compile), not a reading problem.
import type { Call, CodeBlock, JsonObject, ReadNote, ReadResult, SampleReader, Value } from '../../harness/model.ts';
import { noteAt } from '../../harness/values/locate.ts';
import { toSnakeCase } from '../../harness/values/naming.ts';
import { Scanner, readWith } from '../../harness/values/scanner.ts';
import { readValue, typeHint, type GoType } from './literal.ts';

export const INVALID = 'snippet-invalid-in-language';

const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const STRING = /"(?:[^"\\\n]|\\.)*"|`[^`]*`/y;

function scanner(block: CodeBlock, side: 'request' | 'response'): Scanner {
  return new Scanner(block, { what: `go ${side}`, lineComment: '//' });
}

function keyword(s: Scanner, word: string): boolean {
  s.skipSpace();
  const at = s.pos;
  if (s.match(WORD) === word) return true;
  s.pos = at;
  return false;
}

export function readRequest(block: CodeBlock): ReadResult<Call> {
  const notes: ReadNote[] = [];
  const s: Scanner = scanner(block, 'request');
  return readWith(notes, () => {
    // The docs print a whole program; a bare call statement reads as well.
    const program = keyword(s, 'package');
    if (program) {
      if (s.match(WORD) === null) s.fail(`expected a package name after \`package\`, found ${s.found()}`);
      readImports(s);
      s.skipSpace();
      const at = s.pos;
      if (!keyword(s, 'func') || !keyword(s, 'main')) s.fail(`expected \`func main() {\`, found ${s.found(at)}`, at);
      s.expect('(', ' after func main');
      s.expect(')', ' after func main(');
      s.expect('{', ' to open the body of main');
    }
    const call = readCallStatement(s, block, notes);
    s.eat(';');
    if (program) s.expect('}', ' to close main after its one call');
    if (!s.atEnd()) s.fail(`expected the end of the snippet after ${program ? 'main' : 'the call'}, found ${s.found()}`);
    return call;
  }, s.spans);
}

/** `import x "path"`, `import "path"`, `import ( … )`: consumed, not checked. */
function readImports(s: Scanner): void {
  while (keyword(s, 'import')) {
    if (s.eat('(')) {
      while (!s.eat(')')) {
        if (s.atEnd()) s.fail(`expected ')' to close the import list, found end of snippet`);
        readImportSpec(s);
        s.eat(';');
      }
    } else {
      readImportSpec(s);
    }
  }
}

function readImportSpec(s: Scanner): void {
  if (!s.eat('.') && !s.eat('_')) s.match(WORD);
  if (s.match(STRING) === null) s.fail(`expected an import path in quotes, found ${s.found()}`);
}

/** `[res, err :=] client.A.B(ctx[, Request{…}][, options…])` */
function readCallStatement(s: Scanner, block: CodeBlock, notes: ReadNote[]): Call {
  s.skipSpace();
  skipAssignment(s);
  const start = s.pos;
  const words: string[] = [];
  const receiver = s.match(WORD);
  while (receiver !== null && s.text[s.pos] === '.') {
    s.pos++;
    const name = s.match(WORD);
    if (name === null) s.fail(`expected a method name after '.', found ${s.found()}`);
    words.push(name);
  }
  if (words.length === 0) s.fail(`expected a client call like \`client.Devices.Get(ctx, …)\`, found ${s.found(start)}`, start);
  const callee = s.text.slice(start, s.pos);
  s.spans.map.callee = { block, start, end: s.pos };
  s.skipSpace();
  const opened = s.pos;
  s.expect('(', ` after ${callee}`);
  if (s.eat(')')) s.fail(`expected a context as the first argument of ${callee}(…), found ')'`, s.pos - 1);
  skipExpression(s, callee);
  let params: JsonObject = {};
  if (s.eat(',') && s.peekChar() !== ')') {
    const at = s.pos;
    const noted = new Set<GoType>();
    const { json } = readValue(s, {
      onPointerMismatch: (offset, helper, composite) => {
        if (noted.has(composite)) return;
        noted.add(composite);
        notes.push(
          noteAt(
            block,
            offset,
            INVALID,
            `${helper}(…) returns a pointer, but ${composite.text}{…} holds plain values: the program would not compile (write the value without ${helper})`,
          ),
        );
      },
    });
    if (json === null) params = {};
    else if (typeof json === 'object' && !Array.isArray(json)) params = json;
    else s.fail(`expected a request struct like \`api.DevicesGetRequest{…}\` as the second argument, found ${s.found(at)}`, at);
    // Further arguments are request options (`option.WithBaseURL(…)`): not part of the call.
    while (s.eat(',') && s.peekChar() !== ')') skipExpression(s, callee);
  }
  if (!s.eat(')')) {
    if (s.atEnd()) s.fail(`expected ')' to close ${callee}( opened at ${s.where(opened)}, found end of snippet`);
    s.fail(`expected ',' or ')' in ${callee}(…), found ${s.found()}`);
  }
  return { path: '/' + words.map(toSnakeCase).join('/'), params };
}

/** `res, err :=` or `_ =` before the call. */
function skipAssignment(s: Scanner): void {
  const at = s.pos;
  while (s.match(WORD) !== null && s.eat(',')) s.skipSpace();
  if (s.eat(':=') || (s.peekChar() === '=' && !s.text.startsWith('==', s.pos) && s.eat('='))) return;
  s.pos = at;
}

/** Skips one argument expression (the context), up to a ',' or ')' outside brackets and strings. */
function skipExpression(s: Scanner, callee: string): void {
  s.skipSpace();
  const start = s.pos;
  let depth = 0;
  for (let i = start; i < s.text.length; i++) {
    const c = s.text[i];
    if (c === '"' || c === '`') {
      STRING.lastIndex = i;
      const m = STRING.exec(s.text);
      if (m === null) s.fail(`expected a closing ${c} for the string opened at ${s.where(i)}, found end of snippet`, s.text.length);
      i += m[0].length - 1;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) {
        s.pos = i;
        if (i === start) s.fail(`expected an argument in ${callee}(…), found ${s.found(i)}`, i);
        return;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      s.pos = i;
      return;
    }
  }
  s.fail(`expected ')' to close ${callee}(…), found end of snippet`, s.text.length);
}

/** `nil` and an empty fence are void; the type written keeps its name as a hint (`Device`). */
export function readResponse(block: CodeBlock): ReadResult<Value> {
  const s: Scanner = scanner(block, 'response');
  return readWith([], () => {
    if (s.atEnd()) return { kind: 'void' };
    const literal = readValue(s, {});
    if (!s.atEnd()) s.fail(`expected the end of the response after the value, found ${s.found()}`);
    if (literal.json === null) return { kind: 'void' };
    const type = typeHint(literal.type);
    return type === undefined ? { kind: 'json', json: literal.json } : { kind: 'json', json: literal.json, type };
  }, s.spans);
}

export const reader: SampleReader = { readRequest, readResponse };
