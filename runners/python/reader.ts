// Python tabs: the request `seam.acs.users.get(acs_user_id="…")` and the generator's display of
// the returned value (`AcsUser(…)`, `[Device(…)]`, `None`).
import type { Call, CodeBlock, ReadNote, ReadResult, SampleReader, Value } from '../../harness/model.ts';
import { noteAt, type SnippetEdit } from '../../harness/values/locate.ts';
import { routeFromWords } from '../../harness/values/naming.ts';
import { Scanner, readMemberChain, readWith } from '../../harness/values/scanner.ts';
import { PYTHON_SPELLING, readKeywordArguments, readLiteral, type ForeignWord, type Literal } from './literal.ts';

const RULE = 'snippet-invalid-in-language';

function scanner(block: CodeBlock, side: 'request' | 'response'): Scanner {
  return new Scanner(block, { what: `python ${side}`, lineComment: '#' });
}

function nameError(word: string): string {
  return `NameError: name '${word}' is not defined (use ${PYTHON_SPELLING[word]})`;
}

export function readRequest(block: CodeBlock): ReadResult<Call> {
  const notes: ReadNote[] = [];
  const s: Scanner = scanner(block, 'request');
  const onForeignWord = ({ word, offset }: ForeignWord) =>
    notes.push(
      noteAt(block, offset, RULE, `\`${word}\` is not Python: copying this raises ${nameError(word)}`, 'warning', {
        end: offset + word.length,
        fix: [respell({ word, offset })],
      }),
    );
  return readWith<Call>(notes, () => {
    const { words, text: callee } = readMemberChain(s);
    s.skipSpace();
    const opened = s.pos;
    s.expect('(', ` after ${callee}`);
    const params = readKeywordArguments(s, { instances: false, onForeignWord }, callee, opened);
    s.eat(';');
    if (!s.atEnd()) s.fail(`expected the end of the snippet after the call (one call per request), found ${s.found()}`);
    return { path: routeFromWords(words), params };
  }, s.spans);
}

/** The edit that writes a JSON-style word the Python way. */
function respell({ word, offset }: ForeignWord): SnippetEdit {
  return { start: offset, end: offset + word.length, after: PYTHON_SPELLING[word] };
}

export function readResponse(block: CodeBlock): ReadResult<Value> {
  const notes: ReadNote[] = [];
  const s: Scanner = scanner(block, 'response');
  const foreign: ForeignWord[] = [];
  const result = readWith<Value>(notes, () => {
    if (s.atEnd()) return { kind: 'void' };
    const value = readLiteral(s, { instances: true, onForeignWord: (found) => foreign.push(found) });
    if (!s.atEnd()) s.fail(`expected the end of the response, found ${s.found()}`);
    return toValue(value);
  }, s.spans);
  if (foreign.length > 0) notes.push(foreignWordsNote(block, foreign));
  return result;
}

/** Top-level `None` is how the docs show a void call; a list's type hint is its items' class. */
function toValue({ json, type }: Literal): Value {
  if (json === null) return { kind: 'void' };
  return type === undefined ? { kind: 'json', json } : { kind: 'json', json, type };
}

/**
 * The docs generator prints booleans and nulls inside responses JSON-style throughout, so this is
 * one `info` note per response (not a warning per word): a display convention, not a slip, but
 * still what a reader who pastes the value into Python would trip over.
 */
function foreignWordsNote(block: CodeBlock, found: ForeignWord[]): ReadNote {
  const counts = new Map<string, number>();
  for (const { word } of found) counts.set(word, (counts.get(word) ?? 0) + 1);
  const words = [...counts.keys()];
  const list = [...counts].map(([word, n]) => (found.length > 1 ? `\`${word}\` ×${n}` : `\`${word}\``)).join(', ');
  const first = found[0].word;
  return noteAt(
    block,
    found[0].offset,
    RULE,
    `${list} ${found.length > 1 ? 'are' : 'is'} not Python (the docs print JSON-style literals): copying the value raises ` +
      `NameError: name '${first}' is not defined (use ${words.map((word) => PYTHON_SPELLING[word]).join(', ')})`,
    'info',
    { end: found[0].offset + found[0].word.length, fix: found.map(respell) },
  );
}

export const reader: SampleReader = { readRequest, readResponse };
