// The XML reader the JUnit tests read reports with must refuse what is not well-formed, or
// those tests prove nothing.
import { describe, expect, it } from 'vitest';
import { parseXml } from './xml.ts';

describe('the tests’ XML reader', () => {
  it.each([
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a><b></a>', /<\/a> closes <b>/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 < 2"/>', /raw < or >/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a>fish & chips</a>', /unterminated entity|unknown entity/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a>', /never closed/],
    ['<?xml version="1.0" encoding="UTF-8"?>\n<a/><b/>', /second root/],
    ['<a/>', /no XML declaration/],
  ])('refuses %j', (xml, error) => {
    expect(() => parseXml(xml)).toThrow(error);
  });

  it('reads entities back', () => {
    expect(parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a m="&quot;x&quot; &amp; &#60;">&lt;b&gt;</a>')).toEqual({
      name: 'a',
      attributes: { m: '"x" & <' },
      children: [],
      text: '<b>',
    });
  });
});
