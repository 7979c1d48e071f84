// A second, made-up API for the tests: "Acme Widgets", with a JavaScript client written here (an
// npm package folder, packed and installed with --sdk javascript=PATH) and a profile module of
// its own. Nothing in it names Seam: a run over its docs proves that everything API-specific
// comes from the profile.
import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ACME_CLIENT = `// The Acme Widgets client: new Acme({ baseUrl, token }), or the ACME_URL and ACME_TOKEN variables.
export class Acme {
  constructor(options = {}) {
    this.baseUrl = options.baseUrl ?? process.env.ACME_URL;
    this.token = options.token ?? process.env.ACME_TOKEN;
    this.widgets = {
      get: (params) => this.call('/widgets/get', params, 'widget'),
      rename: (params) => this.call('/widgets/rename', params, 'widget'),
    };
  }

  async call(route, params, key) {
    if (!this.token) throw new Error('Acme: no token');
    const response = await fetch(this.baseUrl + route, {
      method: 'POST',
      headers: { authorization: 'Token ' + this.token, 'content-type': 'application/json' },
      body: JSON.stringify(params ?? {}),
    });
    const body = await response.json();
    if (!response.ok) {
      const error = new Error(body?.error?.message ?? 'Acme: HTTP ' + response.status);
      error.code = body?.error?.type;
      error.data = body;
      throw error;
    }
    return body[key];
  }
}
`;

export const ACME_PROFILE = `// The profile of the Acme Widgets API: its tabs, its client, its key.
export default {
  name: 'acme',
  languages: [
    { id: 'javascript', label: 'JavaScript', fences: ['javascript', 'js'], titles: ['javascript'] },
    { id: 'curl', label: 'cURL', fences: ['curl'], titles: ['curl'] },
  ],
  titleSuffixes: [],
  apiOrigin: 'https://api.acme.test',
  fakeApiKey: 'acme_tok_docs0000',
  secretPatterns: [/\\bacme_tok_[A-Za-z0-9]+\\b/g],
  clients: {
    javascript: {
      package: 'acme-widgets',
      version: '0.1.0',
      className: 'Acme',
      variable: 'acme',
      options: { baseUrl: '{baseUrl}', token: '{apiKey}' },
      environment: { ACME_TOKEN: '{apiKey}', ACME_URL: '{baseUrl}' },
    },
    curl: { environment: { ACME_TOKEN: '{apiKey}' } },
  },
};
`;

const widget = { widget_id: 'w-1', name: 'Sprocket', size: 3 };

function page(title: string, route: string, js: string, documented: object, body: object, curlDocumented: object): string {
  const json = (value: object) => JSON.stringify(value, null, 2);
  return [
    `# ${title}`,
    '',
    '```',
    `POST ${route} ⇒ { widget }`,
    '```',
    '',
    '{% tabs %}',
    '{% tab title="JavaScript" %}',
    '#### Request',
    '',
    '```javascript',
    js,
    '```',
    '',
    '#### Response',
    '',
    '```javascript',
    json(documented),
    '```',
    '{% endtab %}',
    '',
    '{% tab title="cURL" %}',
    '#### Request',
    '',
    '```curl',
    `curl --include --request POST "https://api.acme.test${route}" \\`,
    '  --header "Authorization: Token $ACME_TOKEN" \\',
    '  --json @- <<EOF',
    json(body),
    'EOF',
    '```',
    '',
    '#### Response',
    '',
    '```curl',
    json(curlDocumented),
    '```',
    '{% endtab %}',
    '{% endtabs %}',
    '',
  ].join('\n');
}

export interface AcmeDocs {
  dir: string;
  /** The packed client, for --sdk javascript=PATH. */
  client: string;
  profile: string;
}

/**
 * A docs repository of the Acme API: `docs/widgets/get.md` (right in both tabs) and
 * `docs/widgets/rename.md`, whose JavaScript tab documents a name the recording does not return
 * (so that a verdict is really judged), with their recordings; the client packed; the profile.
 */
export async function acmeDocs(): Promise<AcmeDocs> {
  const dir = await mkdtemp(path.join(tmpdir(), 'doc-harness-acme-'));
  // The sandbox runs as another user: what it reads must be readable by others.
  await chmod(dir, 0o755);
  const source = path.join(dir, 'acme-widgets');
  await mkdir(source);
  await writeFile(path.join(source, 'package.json'), JSON.stringify({ name: 'acme-widgets', version: '0.1.0', type: 'module', exports: './index.js' }, null, 2));
  await writeFile(path.join(source, 'index.js'), ACME_CLIENT);
  execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: source, stdio: ['ignore', 'pipe', 'pipe'] });
  const client = path.join(dir, (await readdir(dir)).find((name) => name.endsWith('.tgz'))!);
  const profile = path.join(dir, 'acme-profile.mjs');
  await writeFile(profile, ACME_PROFILE);

  await mkdir(path.join(dir, 'docs', 'widgets'), { recursive: true });
  await mkdir(path.join(dir, 'docs', '__recordings__', 'widgets'), { recursive: true });
  await writeFile(path.join(dir, 'docs', 'widgets', 'get.md'), page('Get a widget', '/widgets/get', 'await acme.widgets.get({ widget_id: "w-1" });', widget, { widget_id: 'w-1' }, { widget }));
  const renamed = { ...widget, name: 'Cog' };
  await writeFile(
    path.join(dir, 'docs', 'widgets', 'rename.md'),
    page('Rename a widget', '/widgets/rename', 'await acme.widgets.rename({ widget_id: "w-1", name: "Cog" });', { ...renamed, name: 'Gear' }, { widget_id: 'w-1', name: 'Cog' }, { widget: renamed }),
  );
  const recording = (example: string, route: string, body: object, response: object) => [
    { example, scope: 'https://api.acme.test', method: 'POST', path: route, body, status: 200, response },
  ];
  await writeFile(path.join(dir, 'docs', '__recordings__', 'widgets', 'get.json'), JSON.stringify(recording('widgets/get.md#1', '/widgets/get', { widget_id: 'w-1' }, { widget }), null, 2));
  await writeFile(
    path.join(dir, 'docs', '__recordings__', 'widgets', 'rename.json'),
    JSON.stringify(recording('widgets/rename.md#1', '/widgets/rename', { widget_id: 'w-1', name: 'Cog' }, { widget: renamed }), null, 2),
  );
  return { dir, client, profile };
}
