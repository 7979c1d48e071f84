// The small pieces extraction is made of.
import { readFileSync } from 'node:fs';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, firstInvalidByte } from '../../harness/extract/decode.ts';
import { extractMarkdown, LanguageResolver, remarkGitbookExamples } from '../../harness/extract/index.ts';
import { findMojibake, repairMojibake } from '../../harness/extract/mojibake.ts';
import { pruneForExtraction } from '../../harness/extract/prune.ts';
import { parseShapeInSection, parseShapeOnLine } from '../../harness/extract/returns.ts';
import { SourceText } from '../../harness/extract/source.ts';
import { scanTags } from '../../harness/extract/tags.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { corpusPath, fixturePath, hasCorpus } from '../helpers/corpus.ts';
import { globSync } from 'tinyglobby';

describe('return shapes', () => {
  it('reads the endpoint line spellings', () => {
    expect(parseShapeOnLine('void')).toEqual({ kind: 'void' });
    expect(parseShapeOnLine('{ device }')).toEqual({ kind: 'resource', key: 'device' });
    expect(parseShapeOnLine('{ devices: [device, …] }')).toEqual({ kind: 'list', key: 'devices', item: 'device' });
    expect(parseShapeOnLine('{ devices: [device, ...] }')).toEqual({ kind: 'list', key: 'devices', item: 'device' });
    expect(parseShapeOnLine('{ a, b }')).toEqual({ kind: 'unknown', text: '{ a, b }' });
  });

  it('reads the section spellings of all three generations', () => {
    expect(parseShapeInSection('void')).toEqual({ kind: 'void' });
    expect(parseShapeInSection('[action\\_attempt](./)')).toEqual({ kind: 'resource', key: 'action_attempt' });
    expect(parseShapeInSection('Array<[acs\\_user](./)>')).toEqual({ kind: 'list', key: 'acs_users', item: 'acs_user' });
    expect(parseShapeInSection('Array<[user\\_identity](./)>')).toEqual({ kind: 'list', key: 'user_identities', item: 'user_identity' });
    expect(parseShapeInSection('Returns:\n**void**')).toEqual({ kind: 'void' });
    expect(parseShapeInSection('Returns:\n**[access\\_code](.)**')).toEqual({ kind: 'resource', key: 'access_code' });
    expect(parseShapeInSection('Returns:\n**Array of [connect\\_webviews](.)**')).toEqual({ kind: 'list', key: 'connect_webviews', item: 'connect_webview' });
    expect(parseShapeInSection('Returns:')).toBeNull();
    expect(parseShapeInSection('[unknown](./)')).toEqual({ kind: 'unknown', text: 'unknown' });
  });
});

describe('mis-decoded UTF-8', () => {
  it('finds and repairs Windows-1252 and Latin-1 mojibake, and leaves real Latin-1 text alone', () => {
    expect(repairMojibake('POST /x â‡’ { y: [y, â€¦] }')).toBe('POST /x ⇒ { y: [y, …] }');
    expect(repairMojibake('cafÃ©')).toBe('café');
    expect(findMojibake('Ãœber 20 °C, café')).toEqual([{ index: 0, found: 'Ãœ', meant: 'Ü' }]);
    expect(findMojibake('20 °C, café, naïve')).toEqual([]);
  });
});

describe('decoding', () => {
  it('finds the first byte that is not UTF-8', () => {
    expect(firstInvalidByte(new TextEncoder().encode('ok ⇒ é'))).toBe(-1);
    expect(firstInvalidByte(Uint8Array.from([0x61, 0xe9, 0x62]))).toBe(1);
    expect(firstInvalidByte(Uint8Array.from([0xc0, 0xaf]))).toBe(0); // overlong '/'
    expect(firstInvalidByte(Uint8Array.from([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidByte(Uint8Array.from([0xe2, 0x87]))).toBe(0); // cut short
  });

  it('says where it stands and recognises UTF-16', () => {
    expect(decodeUtf8(Uint8Array.from([0x61, 0x0a, 0x62, 0x62, 0xff])).invalid).toMatchObject({ line: 2, column: 3, byte: 0xff, utf16: false });
    expect(decodeUtf8(Uint8Array.from([0xff, 0xfe, 0x23, 0x00])).invalid).toMatchObject({ line: 1, column: 1, utf16: true });
  });
});

describe('tags', () => {
  it('finds tags, titles and unknown tags, skipping masked ranges', () => {
    const text = '{% tabs %}\n{% tab title="Seam CLI TEST" %} `{% endtab %}` {%- endtab -%}{% hint style="info" %}';
    const tags = scanTags(text, [[text.indexOf('`'), text.lastIndexOf('`') + 1]]);
    expect(tags.map((t) => [t.name, t.title])).toEqual([['tabs', undefined], ['tab', 'Seam CLI TEST'], ['endtab', undefined], ['other', undefined]]);
    expect(scanTags("{% tab title='Go' %}")[0].title).toBe('Go');
  });
});

describe('languages', () => {
  const resolver = new LanguageResolver(seamProfile);
  it('prefers the fence, then the title without suffixes', () => {
    expect(resolver.resolve(['javascript'], 'Whatever')).toMatchObject({ id: 'javascript', by: 'fence', supported: true });
    expect(resolver.resolve([null, null], 'Seam CLI TEST')).toMatchObject({ id: 'seam_cli', by: 'title' });
    expect(resolver.resolve(['json'], 'cURL')).toMatchObject({ id: 'curl', by: 'title' });
    expect(resolver.resolve(['python'], 'Ruby')).toMatchObject({ id: 'python', conflict: { fence: 'python', title: 'ruby' } });
  });
  it('names an unknown language by its fence, else its title', () => {
    expect(resolver.resolve(['csharp'], 'C#')).toEqual({ id: 'csharp', supported: false, by: 'fence' });
    expect(resolver.resolve([null], 'Java TEST')).toEqual({ id: 'java', supported: false, by: 'title' });
  });
});

describe('positions', () => {
  it('maps offsets and (line, column) both ways, CRLF included', () => {
    const src = new SourceText('ab\r\ncd\nef');
    expect(src.pointAt(5)).toEqual({ line: 2, column: 2, offset: 5 });
    expect(src.offsetAt(3, 2)).toBe(8);
    expect(src.line(1)).toBe('ab');
  });

  it('reads CRLF files with exact positions and code without carriage returns', () => {
    const text = readFileSync(fixturePath('extract/generation-3/webhooks/delete.md'), 'utf8').replace(/\n/g, '\r\n');
    const page = extractMarkdown(text, 'delete.md');
    const js = page.examples[0].samples[0];
    expect(js.request.code).toBe('await seam.webhooks.delete({ webhook_id: "wh-7" });');
    expect(text.split('\r\n')[js.request.codeStart.line - 1]).toBe(js.request.code);
    expect(page.returns).toEqual({ kind: 'void' });
  });
});

describe('pruning before parsing', () => {
  const files = [
    ...(hasCorpus ? globSync('**/*.md', { cwd: corpusPath, absolute: true }) : []),
    ...globSync('**/*.md', { cwd: fixturePath('extract'), absolute: true }),
  ];

  it('keeps the line count and every line it keeps', () => {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const pruned = pruneForExtraction(text);
      const a = text.split('\n');
      const b = pruned.split('\n');
      expect(b.length).toBe(a.length);
      b.forEach((line, i) => expect(line === a[i] || line === '' || line === '\r').toBe(true));
    }
  });

  it('changes nothing extraction sees (same page as parsing the whole file)', () => {
    let pruned = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (text === '') continue;
      if (pruneForExtraction(text) !== text) pruned++;
      const page = extractMarkdown(text, file);
      const processor = unified()
        .use(remarkParse)
        .use(remarkGitbookExamples, { source: new SourceText(text), file, idPath: file, title: page.title, languages: new LanguageResolver(seamProfile) });
      const whole = processor.runSync(processor.parse(text)).data!.page!;
      whole.diagnostics.sort((x, y) => x.line - y.line || x.column - y.column);
      expect(JSON.stringify(page.examples), file).toBe(JSON.stringify(whole.examples));
      // The plugin alone does not scan for mojibake; extractMarkdown does, before parsing.
      expect({ ...page, examples: [], diagnostics: page.diagnostics.filter((d) => d.rule !== 'mojibake') }).toEqual({ ...whole, examples: [] });
    }
    if (hasCorpus) expect(pruned).toBeGreaterThan(40);
  });

  it('keeps a section that holds tags but no code', () => {
    const text = ['# Guide', '', '## Notes', '', 'Plain prose.', '', '## Setup', '', '{% tabs %}', '{% tab title="Mac" %}', 'Use the installer.', '{% endtab %}', '{% endtabs %}', ''].join('\n');
    expect(pruneForExtraction(text).split('\n')[4]).toBe('');
    expect(extractMarkdown(text, 'guide.md').others).toEqual([expect.objectContaining({ tabs: ['Mac'] })]);
  });
});
