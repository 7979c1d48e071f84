// `<!-- doc-harness: skip reason -->`: read from the page, given to the group or tab right after
// it, and said when it stands before neither or is not a known annotation.
import { describe, expect, it } from 'vitest';
import { extractMarkdown } from '../../harness/extract/index.ts';

const tab = (title: string, code: string) => `{% tab title="${title}" %}\n#### Request\n\n\`\`\`${code}\nx\n\`\`\`\n\n#### Response\n\n\`\`\`${code}\n{}\n\`\`\`\n{% endtab %}\n`;

function read(text: string) {
  const page = extractMarkdown(text, 'a.md');
  return {
    skips: page.examples.flatMap((example) => example.samples.map((sample) => [sample.language, sample.skip ?? null])),
    diagnostics: page.diagnostics.map((d) => [d.line, d.rule, d.message]),
  };
}

describe('skip annotations', () => {
  it('before a group: every tab of it, the comment alone or right against the tag', () => {
    for (const between of ['\n\n', '\n']) {
      const text = `# A\n\n<!-- doc-harness: skip the sandbox API is down -->${between}{% tabs %}\n${tab('JavaScript', 'javascript')}${tab('Python', 'python')}{% endtabs %}\n`;
      expect(read(text)).toEqual({ skips: [['javascript', 'the sandbox API is down'], ['python', 'the sandbox API is down']], diagnostics: [] });
    }
  });

  it('before a tab: that tab only, over its group’s; the reason keeps its words and loses its line breaks', () => {
    const text = `# A\n\n<!-- doc-harness: skip everything -->\n{% tabs %}\n${tab('JavaScript', 'javascript')}\n<!--\n  doc-harness: skip needs\n  SDK 4 -->\n${tab('Python', 'python')}{% endtabs %}\n`;
    expect(read(text).skips).toEqual([
      ['javascript', 'everything'],
      ['python', 'needs SDK 4'],
    ]);
  });

  it('with prose or a heading between it and the group, or at the end, it is said and ignored; so is an unknown one', () => {
    const text = `# A\n\n<!-- doc-harness: skip lost -->\n\nSome prose.\n\n{% tabs %}\n${tab('JavaScript', 'javascript')}{% endtabs %}\n\n<!-- doc-harness: only javascript -->\n\n<!-- doc-harness: skip at the end -->\n`;
    const lineOf = (needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;
    const { skips, diagnostics } = read(text);
    expect(skips).toEqual([['javascript', null]]);
    expect(diagnostics).toEqual([
      [lineOf('skip lost'), 'annotation-unattached', '<!-- doc-harness: skip --> stands before no {% tabs %} or {% tab %}; ignored'],
      [lineOf('only javascript'), 'annotation-unattached', 'unknown doc-harness annotation "only" (known: skip); ignored'],
      [lineOf('skip at the end'), 'annotation-unattached', '<!-- doc-harness: skip --> stands before no {% tabs %} or {% tab %}; ignored'],
    ]);
  });

  it('any other comment is not an annotation', () => {
    expect(read(`# A\n\n<!-- skip this -->\n{% tabs %}\n${tab('JavaScript', 'javascript')}{% endtabs %}\n`)).toEqual({ skips: [['javascript', null]], diagnostics: [] });
  });
});
