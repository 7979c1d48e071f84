// The remaining repairs and findings of extraction, each on a page small enough to read here.
import { describe, expect, it } from 'vitest';
import { extract, extractionRules, extractMarkdown } from '../../harness/extract/index.ts';
import { fixturePath } from '../helpers/corpus.ts';
import { lineOf } from './helpers.ts';
import type { ExtractionRuleId } from '../../harness/model.ts';

const tab = (title: string, request: string | null, response: string | null, fence = title.toLowerCase()) =>
  [
    `{% tab title="${title}" %}`,
    ...(request === null ? [] : ['#### Request', '', '```' + fence, request, '```', '']),
    ...(response === null ? [] : ['#### Response', '', '```' + fence, response, '```']),
    '{% endtab %}',
  ].join('\n');

const page = (...body: string[]) => ['# Get a Thing', '', '```', 'POST /things/get ⇒ { thing }', '```', '', ...body, ''].join('\n');
const rules = (text: string) => extractMarkdown(text, 'page.md').diagnostics.map((d) => [d.rule, d.severity, d.line]);

describe('extraction findings', () => {
  it('warns when a fence and the tab title name different languages, and trusts the fence', () => {
    const text = page('{% tabs %}', tab('Ruby', 'seam.things.get()', 'None', 'python'), '{% endtabs %}');
    expect(rules(text)).toEqual([['tab-language-mismatch', 'warning', lineOf(text, '{% tab ')]]);
    expect(extractMarkdown(text, 'page.md').examples[0].samples[0].language).toBe('python');
  });

  it('warns about a second tab of the same language and keeps both, ids apart', () => {
    const text = page('{% tabs %}', tab('Python', 'a()', 'None'), tab('Python', 'b()', 'None'), '{% endtabs %}');
    expect(rules(text)).toEqual([['duplicate-language', 'warning', lineOf(text, '{% tab ', 2)]]);
    expect(extractMarkdown(text, 'page.md').examples[0].samples.map((s) => s.id)).toEqual(['page.md#1:python', 'page.md#1:python~2']);
  });

  it('warns about a code block that is not read: a second one under a heading, or one between tabs', () => {
    const text = page(
      '{% tabs %}',
      '{% tab title="Python" %}\n#### Request\n\n```python\na()\n```\n\n```python\nb()\n```\n\n#### Response\n\n```python\nNone\n```\n{% endtab %}',
      '```python\nlost()\n```',
      tab('Ruby', 'a', 'nil'),
      '{% endtabs %}',
    );
    expect(rules(text)).toEqual([
      ['tab-extra-code', 'warning', lineOf(text, '```python', 2)],
      ['code-outside-tab', 'warning', lineOf(text, 'lost()') - 1],
    ]);
  });

  it('warns about {% endtabs %} with no open group and an empty group', () => {
    const text = page('{% endtabs %}', '', '{% tabs %}', '{% endtabs %}');
    expect(rules(text)).toEqual([
      ['endtabs-unopened', 'warning', lineOf(text, '{% endtabs %}')],
      ['tabs-empty', 'warning', lineOf(text, '{% tabs %}')],
    ]);
    expect(extractMarkdown(text, 'page.md').others).toEqual([expect.objectContaining({ reason: 'empty group', tabs: [] })]);
  });

  it('reports a tab of an example group that holds no code, as an error', () => {
    const text = page('{% tabs %}', tab('Python', 'a()', 'None'), '{% tab title="Ruby" %}\n#### Request\n\nTo do.\n{% endtab %}', '{% endtabs %}');
    expect(rules(text)).toEqual([['tab-empty', 'error', lineOf(text, '{% tab title="Ruby"')]]);
    expect(extractMarkdown(text, 'page.md').examples[0].incomplete).toEqual([expect.objectContaining({ language: 'ruby', problem: 'empty' })]);
  });

  it('fills a part that has no heading from the unlabelled block beside it', () => {
    const text = page('{% tabs %}', '{% tab title="Python" %}\n```python\na()\n```\n\n#### Response\n\n```python\nNone\n```\n{% endtab %}', '{% endtabs %}');
    expect(rules(text)).toEqual([]);
    expect(extractMarkdown(text, 'page.md').examples[0].samples[0]).toMatchObject({ request: { code: 'a()' }, response: { code: 'None' } });
  });

  it('ends a tab left open when the next one opens, with a warning, keeping both', () => {
    const text = page('{% tabs %}', tab('Python', 'a()', 'None').replace('{% endtab %}', ''), tab('Ruby', 'a', 'nil'), '{% endtabs %}');
    expect(rules(text)).toEqual([['tab-unclosed', 'warning', lineOf(text, '{% tab title="Python"')]]);
    expect(extractMarkdown(text, 'page.md').examples[0].samples).toHaveLength(2);
  });

  it('reads the endpoint from a "Signature" tab and counts that tab as another group', () => {
    const text = ['# Get a Thing', '', '{% tabs %}', '{% tab title="Signature" %}', '```', 'POST /things/get ⇒ { thing }', '```', '{% endtab %}', '{% endtabs %}', ''].join('\n');
    const p = extractMarkdown(text, 'page.md');
    expect(p.endpoint).toMatchObject({ method: 'POST', path: '/things/get', returns: { kind: 'resource', key: 'thing' } });
    expect(p.others).toEqual([expect.objectContaining({ reason: 'signature: the endpoint line', tabs: ['Signature'] })]);
    expect(p.diagnostics).toEqual([]);
  });

  it('counts guide tabs with no request/response headings as other groups, with an info note', async () => {
    const r = await extract(['guide-tabs.md'], { cwd: fixturePath('extract') });
    expect(r.pages[0].examples).toEqual([]);
    expect(r.pages[0].others).toEqual([expect.objectContaining({ reason: 'no request/response headings', tabs: ['npm', 'pip'] })]);
    expect(r.diagnostics.map((d) => [d.rule, d.severity])).toEqual([['tabs-not-example', 'info']]);
  });

  it('numbers examples within the page and skips other groups in the count', () => {
    const text = page(
      '{% tabs %}', '{% tab title="JSON" %}', '```json', '{}', '```', '{% endtab %}', '{% endtabs %}', '',
      '{% tabs %}', tab('Python', 'a()', 'None'), '{% endtabs %}',
    );
    const p = extractMarkdown(text, 'docs/things/get.md', { root: 'docs' });
    expect(p.examples.map((e) => [e.id, e.index])).toEqual([['things/get.md#1', 1]]);
    expect(p.others).toHaveLength(1);
  });

  it('gives only registered rule ids, each at its registered severity', async () => {
    const r = await extract(['.'], { cwd: fixturePath('extract') });
    const more = await extract(['nowhere.md', 'bad/no-markdown'], { cwd: fixturePath('extract') });
    const seen = [...r.diagnostics, ...more.diagnostics];
    expect(seen.length).toBeGreaterThan(10);
    for (const d of seen) expect([d.rule, d.severity]).toEqual([d.rule, extractionRules[d.rule as ExtractionRuleId]?.severity]);
  });

  it('assigns request and response by their headings, in every generation\'s spelling, whatever their order', () => {
    for (const [request, response] of [['Request', 'Response'], ['Code', 'Output'], ['Code:', 'Output:']]) {
      const text = page('{% tabs %}', `{% tab title="Python" %}\n#### ${response}\n\n\`\`\`python\nNone\n\`\`\`\n\n#### ${request}\n\n\`\`\`python\na()\n\`\`\`\n{% endtab %}`, '{% endtabs %}');
      expect(extractMarkdown(text, 'page.md').examples[0].samples[0], request).toMatchObject({ request: { code: 'a()' }, response: { code: 'None' } });
    }
  });

  it('knows a lone response by its heading, in every generation\'s spelling', () => {
    for (const response of ['Response', 'Output', 'Output:']) {
      const text = page('{% tabs %}', tab('Ruby', 'a', 'nil'), `{% tab title="Python" %}\n#### ${response}\n\n\`\`\`python\nNone\n\`\`\`\n{% endtab %}`, '{% endtabs %}');
      expect(extractMarkdown(text, 'page.md').examples[0].incomplete, response).toEqual([expect.objectContaining({ problem: 'missing-request' })]);
    }
  });
});
