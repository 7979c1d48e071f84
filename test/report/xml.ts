// A strict reader for the XML a JUnit report uses, to read reports back in tests.

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/**
 * A strict reader for the XML subset a JUnit report uses (a declaration, elements, attributes in
 * double quotes, text, the five predefined entities and numeric ones): it throws on anything
 * unbalanced, unquoted or unescaped, which is what "well-formed" has to mean here.
 */
export function parseXml(xml: string): XmlElement {
  const unescape = (text: string, where: string): string => {
    if (/[<>]/.test(text)) throw new Error(`raw < or > in ${where}: ${text.slice(0, 60)}`);
    return text.replace(/&([^;\s]*);?/g, (whole, name: string) => {
      const known: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (!whole.endsWith(';')) throw new Error(`unterminated entity in ${where}: ${whole}`);
      if (name in known) return known[name];
      const code = /^#(x[0-9a-f]+|\d+)$/i.exec(name);
      if (!code) throw new Error(`unknown entity &${name}; in ${where}`);
      return String.fromCodePoint(code[1][0].toLowerCase() === 'x' ? parseInt(code[1].slice(1), 16) : Number(code[1]));
    });
  };
  let rest = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  if (rest === xml) throw new Error('no XML declaration');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const TAG = /^<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"]*")*)\s*(\/?)>/;
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    if (text) {
      if (stack.length === 0) {
        if (text.trim()) throw new Error(`text outside the root element: ${text.slice(0, 40)}`);
      } else stack[stack.length - 1].text += unescape(text, `<${stack[stack.length - 1].name}>`);
    }
    if (lt === -1) break;
    rest = rest.slice(lt);
    const match = TAG.exec(rest);
    if (!match) throw new Error(`malformed tag: ${rest.slice(0, 60)}`);
    rest = rest.slice(match[0].length);
    const [, closing, name, attributeText, selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    if (root && stack.length === 0) throw new Error(`a second root element <${name}>`);
    const attributes: Record<string, string> = {};
    for (const [, key, value] of attributeText.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if (key in attributes) throw new Error(`attribute ${key} twice on <${name}>`);
      attributes[key] = unescape(value, `${name}@${key}`);
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    if (stack.length > 0) stack[stack.length - 1].children.push(element);
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error('no root element');
  return root;
}
