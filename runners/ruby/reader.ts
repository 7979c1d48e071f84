// Ruby tabs: the request `seam.acs.users.get(acs_user_id: "…")` (keyword arguments) and the
// generator's hash display of the returned value (`{"key" => value}`, `nil` for void).
import type { Call, CodeBlock, Json, JsonObject, ReadNote, ReadResult, SampleReader, Value } from '../../harness/model.ts';
import { noteAt } from '../../harness/values/locate.ts';
import { routeFromWords } from '../../harness/values/naming.ts';
import { Scanner, readMemberChain, readWith } from '../../harness/values/scanner.ts';
import { readKeyRange, readLiteral, type LiteralContext } from './literal.ts';

const RULE = 'snippet-invalid-in-language';

/** `null` is JSON's word; in Ruby it is an undefined name. One warning per occurrence. */
function nullNotes(block: CodeBlock, notes: ReadNote[]): LiteralContext {
  return {
    onNull: (offset) =>
      notes.push(
        noteAt(
          block,
          offset,
          RULE,
          "`null` is not Ruby: copying this raises NameError (undefined local variable or method 'null') (use nil)",
          'warning',
          { end: offset + 4, fix: [{ start: offset, end: offset + 4, after: 'nil' }] },
        ),
      ),
  };
}

export function readRequest(block: CodeBlock): ReadResult<Call> {
  const notes: ReadNote[] = [];
  const s: Scanner = new Scanner(block, { what: 'ruby request', lineComment: '#' });
  const ctx = nullNotes(block, notes);
  return readWith<Call>(notes, () => {
    const { words, text: callee } = readMemberChain(s);
    if (s.peekChar() !== '(') {
      // Ruby calls a method without arguments with no parentheses too.
      if (!s.atEnd()) s.fail(`expected '(' or the end of the snippet after ${callee}, found ${s.found()}`);
      return { path: routeFromWords(words), params: {} };
    }
    const params = readArguments(s, ctx, callee);
    if (!s.atEnd()) s.fail(`expected the end of the snippet after the call (one call per request), found ${s.found()}`);
    return { path: routeFromWords(words), params };
  }, s.spans);
}

/** `(name: value, "name": value, …)`: keyword arguments, trailing comma allowed. */
function readArguments(s: Scanner, ctx: LiteralContext, callee: string): JsonObject {
  const opened = s.pos;
  s.expect('(');
  const close = `to close ${callee}( opened at ${s.where(opened)}`;
  const params = new Map<string, Json>();
  while (!s.eat(')')) {
    if (s.atEnd()) s.fail(`expected ')' ${close}, found end of snippet`);
    const { key: name, range } = readKeyRange(s, ctx, null);
    if (params.has(name)) s.fail(`keyword argument \`${name}\` repeated in ${callee}(…)`, range.start);
    params.set(name, s.spans.member(name, () => readLiteral(s, ctx), range));
    if (s.eat(',')) continue;
    if (s.peekChar() === ')') continue;
    s.fail(s.atEnd() ? `expected ')' ${close}, found end of snippet` : `expected ',' or ')' ${close}, found ${s.found()}`);
  }
  return Object.fromEntries(params);
}

export function readResponse(block: CodeBlock): ReadResult<Value> {
  const notes: ReadNote[] = [];
  const s: Scanner = new Scanner(block, { what: 'ruby response', lineComment: '#' });
  return readWith<Value>(notes, () => {
    if (s.atEnd()) return { kind: 'void' };
    const json = readLiteral(s, nullNotes(block, notes));
    if (!s.atEnd()) s.fail(`expected the end of the response, found ${s.found()}`);
    // `nil` is how the docs show a void call.
    return json === null ? { kind: 'void' } : { kind: 'json', json };
  }, s.spans);
}

export const reader: SampleReader = { readRequest, readResponse };
