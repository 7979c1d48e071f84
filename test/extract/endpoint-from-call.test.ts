// Later generations of the docs state no endpoint line: an example's endpoint then comes from its
// call (the route the tabs agree on) with the method the API description gives it.
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract, extractMarkdown } from '../../harness/extract/index.ts';
import { endpointsFromCalls } from '../../harness/extract/endpoint-from-call.ts';
import { select } from '../../harness/engine/select.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { corpusPath, corpusTitle, hasCorpus } from '../helpers/corpus.ts';
import { runCli } from '../cli/run.ts';

const PAGE = `# Create an Access Code

{% tabs %}
{% tab title="JavaScript" %}
#### Code:

\`\`\`javascript
await seam.accessCodes.create({ device_id: "11111111-1111-4111-8111-111111111111", code: "1234" });
\`\`\`

#### Output:

\`\`\`javascript
{ "access_code_id": "a", "code": "1234" }
\`\`\`
{% endtab %}

{% tab title="cURL" %}
#### Code:

\`\`\`curl
curl --request POST "https://connect.getseam.com/access_codes/create" --json '{"device_id": "11111111-1111-4111-8111-111111111111", "code": "1234"}'
\`\`\`

#### Output:

\`\`\`curl
{"access_code": {"access_code_id": "a", "code": "1234"}}
\`\`\`
{% endtab %}
{% endtabs %}
`;

describe('endpoints from the call', () => {
  it('gives an example on a page with no endpoint line the route its tabs call, with the method the API gives it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'doc-harness-endpoint-'));
    try {
      await writeFile(join(dir, 'create.md'), PAGE);
      const { pages } = await extract(['create.md'], { cwd: dir, profile: seamProfile });
      expect(pages[0].endpoint).toBeNull();
      expect(pages[0].examples[0].endpoint).toMatchObject({ method: 'POST', path: '/access_codes/create', text: 'POST /access_codes/create', source: 'call' });
      // `test --grep` matches it, and a pattern that selects nothing is a usage error.
      const grep = /POST \/access_codes\/create/;
      expect(select(pages, { grep } as Parameters<typeof select>[1]).map((s) => s.sample.language)).toEqual(['javascript', 'curl']);
      const none = await runCli(['test', 'create.md', '--grep', 'POST /access_codes/delete', '--no-sandbox'], { cwd: dir, env: { DOC_HARNESS_CACHE: join(dir, 'cache') } });
      expect([none.code, none.stderr.trim()]).toEqual([
        2,
        'doc-harness: --grep "POST /access_codes/delete" selects no example (it is matched against "file:line endpoint title", as `doc-harness list` shows them)',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves an example whose tabs call no route they agree on without an endpoint', async () => {
    const page = extractMarkdown(PAGE.replace('seam.accessCodes.create', 'seam.accessCodes.delete'), 'x.md', { profile: seamProfile });
    await endpointsFromCalls([page], seamProfile);
    expect(page.examples[0].endpoint).toBeNull();
  });

  it.skipIf(!hasCorpus)(corpusTitle('finds, for every corpus example, the endpoint its page states'), async () => {
    const { pages } = await extract([corpusPath], { cwd: corpusPath, profile: seamProfile });
    const stated = pages.flatMap((page) => page.examples.map((example) => `${example.id} ${example.endpoint?.method} ${example.endpoint?.path}`));
    // The same pages with their endpoint lines taken out, as later generations print them.
    const stripped = await Promise.all(
      pages.map(async (page) => extractMarkdown((await readFile(join(corpusPath, page.file), 'utf8')).replace(/^```\n(?:PATCH|POST|GET|DELETE|PUT) \/.*\n```$/m, ''), page.file, { profile: seamProfile })),
    );
    expect(stripped.every((page) => page.examples.every((example) => example.endpoint === null))).toBe(true);
    await endpointsFromCalls(stripped, seamProfile);
    const inferred = stripped.flatMap((page) => page.examples.map((example) => `${example.id} ${example.endpoint?.method} ${example.endpoint?.path}`));
    expect(inferred).toEqual(stated);
    expect(stated.length).toBe(64);
  });
});
