// Turns an acorn expression that is a plain data literal (object, array, string, template without
// `${}`, number, boolean, null) into JSON, rejecting anything that would need evaluating.
import type { Expression, Node, Property, SpreadElement } from 'acorn';
import type { Json, JsonObject } from '../../harness/model.ts';

/** Thrown for a node that is not a data literal; the reader positions it at `node.start`. */
export class NotALiteral extends Error {
  constructor(
    readonly node: Node,
    message: string,
  ) {
    super(message);
  }
}

export function toJson(node: Expression | SpreadElement | null): Json {
  if (node === null) throw new Error('array holes are rejected by the caller');
  switch (node.type) {
    case 'ObjectExpression':
      return toObject(node.properties);
    case 'ArrayExpression':
      return node.elements.map((element, i) => {
        if (element === null) throw new NotALiteral(node, `the array has an empty slot at index ${i}`);
        return toJson(element);
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

function toObject(properties: (Property | SpreadElement)[]): JsonObject {
  const entries: Array<[string, Json]> = [];
  for (const property of properties) {
    if (property.type === 'SpreadElement') throw new NotALiteral(property, 'a spread `...` is not a literal value');
    if (property.computed) throw new NotALiteral(property.key, 'a computed key `[…]` is not a literal key');
    if (property.kind !== 'init' || property.method) throw new NotALiteral(property, 'a method or accessor is not a literal value');
    if (property.shorthand) {
      throw new NotALiteral(property, `shorthand property \`${keyOf(property)}\` refers to a variable; write \`${keyOf(property)}: value\``);
    }
    entries.push([keyOf(property), toJson(property.value as Expression)]);
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
