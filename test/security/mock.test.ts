// Red-team tests of the mock and the recorder: clients choose the example ids in their URLs, and a
// recording session sees real credentials. An id never becomes a path outside the recordings
// folder, the mock's memory stays bounded whatever ids arrive, and every usual secret shape is
// scrubbed wherever it stands (path, query, body, response) before anything is written.
import http from 'node:http';
import type net from 'node:net';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecorder } from '../../harness/mock/recorder.ts';
import { startReplayServer } from '../../harness/mock/server.ts';
import { exampleBaseUrl } from '../../harness/mock/slug.ts';
import { saveRecordings } from '../../harness/mock/store.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { send, tempDir } from '../mock/helpers.ts';

/** One example of each secret shape, and a text it may stand in. */
const SHAPES: Record<string, string> = {
  'AWS access key id': 'AKIAIOSFODNN7EXAMPLE',
  'AWS secret key': 'aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'GitHub token': 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  'GitHub fine-grained token': 'github_pat_11ABCDEFG0abcdefghijkl_mnopqrstuvwxyz0123456789ABCDEFGH',
  'Stripe key': 'sk_live_51HxYzAbCdEfGhIjKlMn',
  'Slack token': 'xoxb-1234567890-abcdefghij',
  'Google API key': 'AIzaSyA-1234567890abcdefghijklmnopqrstu',
  JWT: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  'Bearer token': 'Bearer abc123def456ghi789',
  'Basic auth': 'Basic dXNlcjpwYXNzd29yZA==',
  'credentials in a URL': 'https://admin:hunter2secret@example.com/x',
  'private key': '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----',
  'Seam API key (the profile’s own)': 'seam_live_4bC9dE2fG7hJ',
};
/** The part of each sample that must not survive. */
const secretOf = (shape: string, sample: string) =>
  shape === 'AWS secret key' ? sample.split('=')[1] : shape === 'credentials in a URL' ? 'hunter2secret' : shape === 'private key' ? 'MIIEpAIBAAKCAQEA' : sample.replace(/^(Bearer|Basic) /, '');

describe('the recorder', () => {
  let target: http.Server;
  let targetUrl = '';
  beforeAll(async () => {
    // A target that echoes everything it was sent: the worst case for leaking.
    target = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ echo: { url: req.url, body: body ? JSON.parse(body) : {} } }));
      });
    });
    await new Promise<void>((done) => target.listen(0, '127.0.0.1', done));
    targetUrl = `http://127.0.0.1:${(target.address() as net.AddressInfo).port}`;
  });
  afterAll(() => new Promise((done) => target.close(done)));

  it('never files an example id outside the recordings folder', async () => {
    const folder = await tempDir();
    const outside = join(dirname(folder.dir), `escaped-${process.pid}`);
    const recorder = await startRecorder({ profile: seamProfile, target: targetUrl });
    try {
      for (const id of [`../escaped-${process.pid}/x.md#1`, `/tmp/escaped-${process.pid}.md#1`, `a/../../escaped-${process.pid}.md#1`, 'ok/page.md#1']) {
        const reply = await send(exampleBaseUrl(recorder.url, id), 'POST', '/devices/get', { device_id: 'd-1' });
        expect(reply.status).toBe(200);
      }
      await recorder.close();
      const { changes, errors } = await saveRecordings(folder.dir, recorder.recorded(), 'replace');
      expect(changes.map((c) => c.file)).toEqual(['ok/page.json']);
      expect(errors.map((e) => e.message).join('\n')).toMatch(/names no page inside the recordings folder/);
      expect(existsSync(outside)).toBe(false);
      expect(existsSync(`/tmp/escaped-${process.pid}.json`)).toBe(false);
      expect(await readdir(dirname(folder.dir))).not.toContain(`escaped-${process.pid}.json`);
    } finally {
      await recorder.close();
      await folder.remove();
    }
  });

  for (const [shape, sample] of Object.entries(SHAPES)) {
    it(`scrubs a ${shape} from the path, query, body and answer`, async () => {
      const folder = await tempDir();
      const recorder = await startRecorder({ profile: seamProfile, target: targetUrl });
      try {
        const segment = encodeURIComponent(sample);
        await send(exampleBaseUrl(recorder.url, 'keys/revoke.md#1'), 'POST', `/keys/${segment}/revoke?token=${segment}`, { note: `made with ${sample}` });
        await recorder.close();
        await saveRecordings(folder.dir, recorder.recorded(), 'replace');
        const written = await readFile(join(folder.dir, 'keys/revoke.json'), 'utf8');
        expect(written).not.toContain(secretOf(shape, sample));
        expect(written).not.toContain(encodeURIComponent(secretOf(shape, sample)));
        expect(written).toContain('<SEAM_API_KEY>');
      } finally {
        await recorder.close();
        await folder.remove();
      }
    });
  }
});

describe('serve', () => {
  it('keeps its memory bounded whatever example ids clients send', async () => {
    const folder = await tempDir();
    const server = await startReplayServer({ profile: seamProfile, recordings: folder.dir, logTotal: 2000 });
    try {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
      const total = 3000;
      for (let start = 0; start < total; start += 500) {
        await Promise.all(
          Array.from({ length: 500 }, (_, i) =>
            new Promise<void>((resolve) => {
              const req = http.request(`${exampleBaseUrl(server.url, `flood/${start + i}.md#1`)}/devices/get`, { method: 'POST', agent }, (res) => {
                res.resume();
                res.on('end', resolve);
              });
              req.on('error', () => resolve());
              req.end('{}');
            }),
          ),
        );
      }
      agent.destroy();
      const kept = server.requests();
      expect(kept.length).toBeLessThanOrEqual(2000);
      expect(kept.length).toBeGreaterThan(1500);
      // The newest examples are the ones kept.
      expect(server.requestsFor(`flood/${total - 1}.md#1`)).toHaveLength(1);
      expect(server.requestsFor('flood/0.md#1')).toHaveLength(0);
    } finally {
      await server.close();
      await folder.remove();
    }
  }, 60_000);
});
