// Turns an acorn expression that is a plain data literal (object, array, string, template without
// `${}`, number, boolean, null) into JSON, rejecting anything that would need evaluating.
import type { Expression, Node, Property, SpreadElement } from 'acorn';
import type { Json, JsonObject } from '../../harness/model.ts';
import type { SpanRecorder } from '../../harness/values/spans.ts';

/** Thrown for a node that is not a data literal; the reader positions it at `node.start`. */
export class NotALiteral extends Error {
  constructor(
    readonly node: Node,
    message: string,
  ) {
    super(message);
  }
}

/** The node's value; `spans` (if given) learns where the value and each of its members stand. */
export function toJson(node: Expression | SpreadElement | null, spans?: SpanRecorder): Json {
  if (node === null) throw new Error('array holes are rejected by the caller');
  const json = convert(node, spans);
  spans?.value(node.start, node.end);
  return json;
}

function convert(node: Expression | SpreadElement, spans: SpanRecorder | undefined): Json {
  switch (node.type) {
    case 'ObjectExpression':
      return toObject(node.properties, spans);
    case 'ArrayExpression':
      return node.elements.map((element, i) => {
        if (element === null) throw new NotALiteral(node, `the array has an empty slot at index ${i}`);
        return spans ? spans.member(i, () => toJson(element, spans)) : toJson(element);
      });
    case 'Literal':
      if (typeof node.value === 'bigint') throw new NotALiteral(node, `BigInt \`${node.raw}\` is not JSON`);
      if (node.value instanceof RegExp) throw new NotALiteral(node, `regular expression \`${node.raw}\` is not JSON`);
      return node.value as Json;
    case 'TemplateLiteral':
      if (node.expressions.length > 0) throw new NotALiteral(node.expressions[0], 'a template literal with ${…} is not a literal value');
      return node.quasis[0].value.cooked ?? node.quasis[0].value.raw;
    case 'UnaryExpression':
      if ((node.operator === '-' || node.operator === '+') && node.argument.type === 'Literal' && typeof node.argument.value === 'number') {
        return node.operator === '-' ? -node.argument.value : node.argument.value;
      }
      break;
    case 'SpreadElement':
      throw new NotALiteral(node, 'a spread `...` is not a literal value');
    case 'Identifier':
      throw new NotALiteral(node, `\`${node.name}\` is a variable, not a literal value`);
  }
  throw new NotALiteral(node, `expected a literal value, found ${describe(node)}`);
}

function toObject(properties: (Property | SpreadElement)[], spans: SpanRecorder | undefined): JsonObject {
  const entries: Array<[string, Json]> = [];
  for (const property of properties) {
    if (property.type === 'SpreadElement') throw new NotALiteral(property, 'a spread `...` is not a literal value');
    if (property.computed) throw new NotALiteral(property.key, 'a computed key `[…]` is not a literal key');
    if (property.kind !== 'init' || property.method) throw new NotALiteral(property, 'a method or accessor is not a literal value');
    if (property.shorthand) {
      throw new NotALiteral(property, `shorthand property \`${keyOf(property)}\` refers to a variable; write \`${keyOf(property)}: value\``);
    }
    const key = keyOf(property);
    const value = property.value as Expression;
    entries.push([key, spans ? spans.member(key, () => toJson(value, spans), property.key) : toJson(value)]);
  }
  // fromEntries defines own properties, so a `__proto__` key stays data.
  return Object.fromEntries(entries);
}

function keyOf(property: Property): string {
  const key = property.key;
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'Literal') return String(key.value);
  throw new NotALiteral(key, `expected a property name, found ${describe(key)}`);
}

/** `an arrow function`, `a call`: the node type in words, for messages. */
export function describe(node: Node): string {
  if (node.type === 'MemberExpression') return 'a property access';
  const words = node.type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().replace(/ expression$/, '');
  return /^[aeiou]/.test(words) ? `an ${words}` : `a ${words}`;
}
