// JavaScript tabs: the request `await seam.accessCodes.get({ … })`, parsed with acorn, and the
// documented response: JSON (or JS object-literal syntax), or a comment only (`// void`) for void.
import { parse, parseExpressionAt, tokenizer, tokTypes, type AnyNode, type Expression, type Options } from 'acorn';
import type { Call, CodeBlock, JsonObject, ReadProblem, ReadResult, SampleReader, Value } from '../../harness/model.ts';
import { fail, ok, problemAt } from '../../harness/values/locate.ts';
import { routeFromWords } from '../../harness/values/naming.ts';
import { Scanner } from '../../harness/values/scanner.ts';
import { SpanRecorder } from '../../harness/values/spans.ts';
import { NotALiteral, describe, toJson } from './literal.ts';

const OPTIONS: Options = { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true };
const EXAMPLE = 'a call like `await seam.devices.get({ … })`';

type Side = 'request' | 'response';

/** Thrown inside this module for a snippet that parses but is not what a tab should hold. */
class Unreadable extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export function readRequest(block: CodeBlock): ReadResult<Call> {
  const spans = new SpanRecorder(block);
  return guard(block, 'request', spans, () => {
    const program = parse(block.code, OPTIONS);
    const [statement, extra] = program.body;
    if (!statement) throw new Unreadable(block.code.length, `expected ${EXAMPLE}, found end of snippet`);
    if (extra) throw new Unreadable(extra.start, `expected one call statement, found a second statement (${describe(extra)})`);
    let call: AnyNode = statement;
    if (call.type === 'ExpressionStatement') call = call.expression;
    if (call.type === 'AwaitExpression') call = call.argument;
    if (call.type !== 'CallExpression') throw new Unreadable(call.start, `expected ${EXAMPLE}, found ${describe(call)}`);
    const words = memberWords(call.callee);
    spans.map.callee = { block, start: call.callee.start, end: call.callee.end };
    const [options, second] = call.arguments;
    if (second) throw new Unreadable(second.start, 'expected one options object, found a second argument');
    if (options && options.type !== 'ObjectExpression') {
      throw new Unreadable(options.start, `expected an object literal of parameters, found ${describe(options)}`);
    }
    return { path: routeFromWords(words), params: options ? (toJson(options, spans) as JsonObject) : {} };
  });
}

/** `seam.acs.credentials.assign` → `['acs', 'credentials', 'assign']`; the receiver's name is free. */
function memberWords(callee: AnyNode): string[] {
  const words: string[] = [];
  let node: AnyNode = callee;
  while (node.type === 'MemberExpression') {
    if (node.computed || node.property.type !== 'Identifier') {
      throw new Unreadable(node.property.start, `expected a method name after '.', found ${describe(node.property)}`);
    }
    words.unshift(node.property.name);
    node = node.object;
  }
  if (node.type !== 'Identifier' || words.length === 0) {
    throw new Unreadable(node.start, `expected ${EXAMPLE}, found a call of ${describe(node)}`);
  }
  return words;
}

export function readResponse(block: CodeBlock): ReadResult<Value> {
  const spans = new SpanRecorder(block);
  return guard(block, 'response', spans, (): Value => {
    const code = block.code;
    if (tokenizer(code, OPTIONS).getToken().type === tokTypes.eof) return { kind: 'void' };
    const expression: Expression = parseExpressionAt(code, 0, OPTIONS);
    const rest = tokenizer(code.slice(expression.end), OPTIONS);
    let next = rest.getToken();
    if (next.type === tokTypes.semi) next = rest.getToken();
    if (next.type !== tokTypes.eof) {
      throw new Unreadable(expression.end + next.start, `expected the end of the response, found ${found(block, expression.end + next.start)}`);
    }
    return { kind: 'json', json: toJson(expression, spans) };
  });
}

/** Runs a read, turning acorn's syntax errors and our own refusals into positioned problems. */
function guard<T>(block: CodeBlock, side: Side, spans: SpanRecorder, body: () => T): ReadResult<T> {
  const what = `javascript ${side}`;
  try {
    const value = body();
    return ok(value, [], spans.map);
  } catch (error) {
    if (error instanceof Unreadable) return fail(problemAt(block, error.offset, `${what}: ${error.message}`));
    if (error instanceof NotALiteral) return fail(problemAt(block, error.node.start, `${what}: ${error.message}`));
    if (error instanceof SyntaxError && typeof (error as { pos?: unknown }).pos === 'number') {
      return fail(syntaxProblem(block, what, error, (error as unknown as { pos: number }).pos));
    }
    throw error;
  }
}

/** acorn says `Unexpected token (3:4)`; the position moves to the file, the found token is named. */
function syntaxProblem(block: CodeBlock, what: string, error: SyntaxError, pos: number): ReadProblem {
  const message = error.message.replace(/\s*\(\d+:\d+\)$/, '');
  const detail = /^Unexpected token/.test(message) ? `unexpected token, found ${found(block, pos)}` : lowerFirst(message);
  return problemAt(block, pos, `${what}: ${detail}`);
}

function found(block: CodeBlock, offset: number): string {
  return new Scanner(block, { what: 'javascript' }).found(offset);
}

function lowerFirst(text: string): string {
  return text[0].toLowerCase() + text.slice(1);
}

export const reader: SampleReader = { readRequest, readResponse };
