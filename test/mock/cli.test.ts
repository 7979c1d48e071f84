import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type net from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecord } from '../../harness/cli/commands/record.ts';
import { runServe } from '../../harness/cli/commands/serve.ts';
import { main } from '../../harness/cli/main.ts';
import { exampleBaseUrl } from '../../harness/mock/slug.ts';
import { send, tempDir } from './helpers.ts';

const PAGE = `# Get a Device

\`\`\`
POST /devices/get ⇒ { device }
\`\`\`

Returns one device.

{% tabs %}
{% tab title="JavaScript" %}
#### Request

\`\`\`javascript
await seam.devices.get({ device_id: "0b5c4d2a-1111-4222-8333-944455556666" });
\`\`\`

#### Response

\`\`\`javascript
{ "device_id": "0b5c4d2a-1111-4222-8333-944455556666", "display_name": "Porch" }
\`\`\`
{% endtab %}

{% tab title="Python" %}
#### Request

\`\`\`python
seam.devices.get(device_id="0b5c4d2a-1111-4222-8333-944455556666")
\`\`\`

#### Response

\`\`\`python
Device(device_id="0b5c4d2a-1111-4222-8333-944455556666", display_name="Porch")
\`\`\`
{% endtab %}
{% endtabs %}
`;

function io(cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, cwd, env },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

describe('doc-harness record and serve', () => {
  let folder: Awaited<ReturnType<typeof tempDir>>;
  let docs: string;

  beforeAll(async () => {
    folder = await tempDir();
    docs = join(folder.dir, 'docs');
    await mkdir(join(docs, 'devices'), { recursive: true });
    await writeFile(join(docs, 'devices/get.md'), PAGE);
  });
  afterAll(() => folder.remove());

  it('derives a cassette next to the docs, then leaves it alone', async () => {
    const first = io(folder.dir);
    expect(await main(['record', 'docs'], first.io)).toBe(0);
    expect(first.out()).toContain('docs/__recordings__: 1 cassette(s) created, 0 updated, 0 unchanged');
    const cassette = JSON.parse(await readFile(join(docs, '__recordings__/devices/get.json'), 'utf8'));
    expect(cassette).toEqual([
      {
        example: 'devices/get.md#1',
        scope: 'https://connect.getseam.com',
        method: 'POST',
        path: '/devices/get',
        body: { device_id: '0b5c4d2a-1111-4222-8333-944455556666' },
        status: 200,
        response: { device: { device_id: '0b5c4d2a-1111-4222-8333-944455556666', display_name: 'Porch' } },
      },
    ]);
    const again = io(folder.dir);
    expect(await main(['record', 'docs'], again.io)).toBe(0);
    expect(again.out()).toContain('0 cassette(s) created, 0 updated, 1 unchanged');
  });

  it('update shows the diff when the docs change', async () => {
    await writeFile(join(docs, 'devices/get.md'), PAGE.replaceAll('Porch', 'Garage'));
    const run = io(folder.dir, { NO_COLOR: '1' });
    expect(await main(['record', '--mode', 'update', 'docs'], run.io)).toBe(0);
    expect(run.out()).toContain('--- a/devices/get.json');
    expect(run.out()).toContain('-        "display_name": "Porch"');
    expect(run.out()).toContain('+        "display_name": "Garage"');
    expect(run.out()).toContain('0 cassette(s) created, 1 updated, 0 unchanged');
  });

  it('update drops the recordings of examples gone from the page', async () => {
    const group = (name: string) =>
      `{% tabs %}\n{% tab title="JavaScript" %}\n#### Request\n\n\`\`\`javascript\nawait seam.devices.list({ name: "${name}" });\n\`\`\`\n\n#### Response\n\n\`\`\`javascript\n[]\n\`\`\`\n{% endtab %}\n{% endtabs %}\n`;
    const list = join(docs, 'devices/list.md');
    await writeFile(list, `# List Devices\n\n${group('a')}\n${group('b')}`);
    expect(await main(['record', 'docs'], io(folder.dir).io)).toBe(0);
    const cassette = join(docs, '__recordings__/devices/list.json');
    expect(JSON.parse(await readFile(cassette, 'utf8')).map((d: { example: string }) => d.example)).toEqual(['devices/list.md#1', 'devices/list.md#2']);
    await writeFile(list, `# List Devices\n\n${group('a')}`);
    const run = io(folder.dir, { NO_COLOR: '1' });
    expect(await main(['record', '--mode', 'update', 'docs'], run.io)).toBe(0);
    expect(JSON.parse(await readFile(cassette, 'utf8')).map((d: { example: string }) => d.example)).toEqual(['devices/list.md#1']);
    expect(run.out()).toContain('-    "example": "devices/list.md#2",');
    await rm(list);
    await rm(cassette);
  });

  it('record --target proxies to a live server and writes what passed through', async () => {
    const target = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ device: { device_id: 'live-1', display_name: 'From the live server' } }));
      });
    });
    await new Promise<void>((done) => target.listen(0, '127.0.0.1', done));
    const recordings = join(folder.dir, 'live-recordings');
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const run = io(folder.dir, { NO_COLOR: '1' });
    const recording = runRecord(['docs'], { target: `http://127.0.0.1:${(target.address() as net.AddressInfo).port}`, recordings }, run.io, stopped);
    try {
      while (!run.out().includes('\n')) await new Promise((resolve) => setTimeout(resolve, 10));
      const url = run.out().trim();
      const reply = await send(exampleBaseUrl(url, 'devices/get.md#1'), 'POST', '/devices/get', { device_id: 'live-1' }, { authorization: 'Bearer seam_live_abc123' });
      expect(reply.json.device.display_name).toBe('From the live server');
      stop();
      expect(await recording).toBe(0);
    } finally {
      await new Promise((done) => target.close(done));
    }
    expect(run.out()).toContain('live-recordings: 1 cassette(s) created');
    const written = await readFile(join(recordings, 'devices/get.json'), 'utf8');
    expect(JSON.parse(written)[0]).toMatchObject({ example: 'devices/get.md#1', path: '/devices/get', body: { device_id: 'live-1' } });
    expect(written).not.toMatch(/Bearer|seam_live/);
  });

  it('lockdown (by DOC_HARNESS_MODE) checks every example has a recording and writes nothing', async () => {
    const ok = io(folder.dir, { DOC_HARNESS_MODE: 'lockdown' });
    expect(await main(['record', 'docs'], ok.io)).toBe(0);
    expect(ok.out()).toContain('1 of 1 example(s) recorded');
    await rm(join(docs, '__recordings__'), { recursive: true });
    const missing = io(folder.dir, { DOC_HARNESS_MODE: 'lockdown', NO_COLOR: '1' });
    expect(await main(['record', 'docs'], missing.io)).toBe(1);
    expect(missing.out()).toMatch(/docs\/devices\/get\.md:9:1 .*devices\/get\.md#1 has no recording in docs\/__recordings__\/devices\/get\.json/);
    expect(missing.out()).toContain('0 of 1 example(s) recorded');
  });

  it('refuses an unknown mode, and record without a target', async () => {
    const bad = io(folder.dir);
    expect(await main(['record', '--mode', 'replay', 'docs'], bad.io)).toBe(2);
    expect(bad.err()).toContain('--mode: unknown mode "replay"; modes: derive, record, lockdown, update');
    const noTarget = io(folder.dir, { DOC_HARNESS_MODE: 'record' });
    expect(await main(['record', 'docs'], noTarget.io)).toBe(2);
    expect(noTarget.err()).toContain('DOC_HARNESS_MODE: mode record needs --target URL');
  });

  it('serve without docs or --recordings is a usage error', async () => {
    const run = io(folder.dir);
    expect(await main(['serve', 'nowhere'], run.io)).toBe(2);
    expect(run.err()).toContain('error: no docs to find the recordings by (nowhere: no such file or folder); name the docs, or give --recordings DIR');
  });

  it('serve prints its URL and answers until stopped', async () => {
    expect(await main(['record', 'docs'], io(folder.dir).io)).toBe(0);
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const run = io(folder.dir, { NO_COLOR: '1' });
    const serving = runServe(['docs'], {}, run.io, stopped);
    while (!run.out().includes('\n')) await new Promise((resolve) => setTimeout(resolve, 10));
    const url = run.out().trim();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const reply = await send(exampleBaseUrl(url, 'devices/get.md#1'), 'GET', '/devices/get?device_id=0b5c4d2a-1111-4222-8333-944455556666');
    expect(reply.json.device.display_name).toBe('Garage');
    stop();
    expect(await serving).toBe(0);
    expect(run.err()).toContain('serving 1 recording(s) from docs/__recordings__');
    expect(run.err()).toContain('200 GET /devices/get [devices/get.md#1]');
    await expect(send(url, 'GET', '/devices/get')).rejects.toThrow();
  });
});
