import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecorder } from '../../harness/mock/recorder.ts';
import { startReplayServer } from '../../harness/mock/server.ts';
import { exampleBaseUrl } from '../../harness/mock/slug.ts';
import { saveRecordings } from '../../harness/mock/store.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { send, tempDir, type Reply } from './helpers.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

async function allText(dir: string): Promise<string> {
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json'));
  expect(files.length).toBeGreaterThan(0);
  return (await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')))).join('\n');
}

describe('recording through the proxy', () => {
  it('never writes a credential: not the Authorization header, not a key in the body, query or answer', async () => {
    // A target that echoes back everything it was sent: the worst case for leaking.
    const seen: Array<string | undefined> = [];
    const target = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ echo: { authorization: req.headers.authorization, url: req.url, body: JSON.parse(body || '{}') } }));
      });
    });
    await new Promise<void>((done) => target.listen(0, '127.0.0.1', done));
    const folder = await tempDir();
    const recorder = await startRecorder({ profile: seamProfile, target: `http://127.0.0.1:${(target.address() as net.AddressInfo).port}` });
    try {
      const base = exampleBaseUrl(recorder.url, 'client_sessions/create.md#1');
      const body = { user_identifier_key: 'seam_live_abc123', notes: { text: 'made with seam_test2bMS_94SrGUXuNR2J' }, device_type: 'seam_passport' };
      const live = await send(base, 'POST', '/client_sessions/create?token=seam_at1_xyz99', body, { authorization: 'Bearer seam_live_abc123' });
      // The proxy is transparent: the target got the key, the client got the target's answer.
      expect(seen).toEqual(['Bearer seam_live_abc123']);
      expect(live.json.echo.body).toEqual(body);
      await recorder.close();
      const { changes } = await saveRecordings(folder.dir, recorder.recorded(), 'replace');
      expect(changes.map((c) => c.file)).toEqual(['client_sessions/create.json']);

      const written = await allText(folder.dir);
      expect(written).not.toMatch(/Bearer/i);
      expect(written).not.toMatch(/seam_(live|test|at1)/);
      expect(written).toContain('<SEAM_API_KEY>');
      // The API's own words that merely start `seam_` survive.
      expect(written).toContain('"seam_passport"');

      // Replay scrubs the incoming request the same way, so the real key still matches.
      const replay = await startReplayServer({ profile: seamProfile, recordings: folder.dir, lockdown: true });
      try {
        const again = await send(exampleBaseUrl(replay.url, 'client_sessions/create.md#1'), 'POST', '/client_sessions/create?token=seam_at1_xyz99', body, {
          authorization: 'Bearer seam_live_abc123',
        });
        expect(again.status).toBe(200);
        expect(again.json.echo.body.user_identifier_key).toBe('<SEAM_API_KEY>');
      } finally {
        await replay.close();
      }
    } finally {
      await recorder.close();
      await new Promise((done) => target.close(done));
      await folder.remove();
    }
  });
});

/** A free loopback port: taken, then released for the child to take. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((done) => probe.close(done));
  return port;
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`fake-seam-connect exited (${child.exitCode}): ${output()}`);
    const up = await send(url, 'GET', '/health').then(
      () => true,
      () => false,
    );
    if (up) return;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`fake-seam-connect did not start: ${output()}`);
}

describe('a live recording against @seamapi/fake-seam-connect, replayed in lockdown', () => {
  const KEY = { authorization: 'Bearer seam_apikey1_token' };
  let fake: ChildProcess;
  let fakeUrl: string;
  let log = '';

  beforeAll(async () => {
    const port = await freePort();
    fakeUrl = `http://127.0.0.1:${port}`;
    fake = spawn(
      process.execPath,
      ['--import', join(ROOT, 'test/mock/fixtures/loopback-only.mjs'), join(ROOT, 'node_modules/@seamapi/fake-seam-connect/dist/server.js'), '--seed'],
      { env: { PATH: process.env.PATH, PORT: String(port), NODE_ENV: 'test' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    fake.stdout!.on('data', (chunk) => (log += chunk));
    fake.stderr!.on('data', (chunk) => (log += chunk));
    await waitForHttp(fakeUrl, fake, () => log);
  });

  afterAll(() => {
    if (fake && fake.exitCode === null) fake.kill('SIGTERM');
  });

  it('records what the fake answers, then answers the same calls (any method) with the fake stopped', async () => {
    const folder = await tempDir();
    try {
      const recorder = await startRecorder({ profile: seamProfile, target: fakeUrl });
      const url = (id: string) => exampleBaseUrl(recorder.url, id);
      const live: Record<string, Reply> = {
        get: await send(url('devices/get.md#1'), 'POST', '/devices/get', { device_id: 'august_device_1' }, KEY),
        list: await send(url('devices/list.md#1'), 'GET', '/devices/list?limit=10', undefined, KEY),
        unlock: await send(url('locks/unlock_door.md#1'), 'POST', '/locks/unlock_door', { device_id: 'august_device_1' }, KEY),
        create: await send(url('access_codes/create.md#1'), 'POST', '/access_codes/create', { device_id: 'august_device_1', name: 'seam_live_Key123', code: '1234' }, KEY),
      };
      for (const [name, reply] of Object.entries(live)) expect([name, reply.status]).toEqual([name, 200]);
      await recorder.close();
      const { changes, errors } = await saveRecordings(folder.dir, recorder.recorded(), 'replace');
      expect(errors).toEqual([]);
      expect(changes.map((c) => c.file).sort()).toEqual(['access_codes/create.json', 'devices/get.json', 'devices/list.json', 'locks/unlock_door.json']);
      const written = await allText(folder.dir);
      expect(written).not.toMatch(/Bearer|seam_apikey1_token|seam_live_Key123/);

      fake.kill('SIGTERM');
      const replay = await startReplayServer({ profile: seamProfile, recordings: folder.dir, lockdown: true });
      try {
        const at = (id: string) => exampleBaseUrl(replay.url, id);
        const again = {
          get: await send(at('devices/get.md#1'), 'GET', '/devices/get?device_id=august_device_1&_strict=true', undefined, KEY),
          list: await send(at('devices/list.md#1'), 'POST', '/devices/list', { limit: 10 }, KEY),
          unlock: await send(at('locks/unlock_door.md#1'), 'POST', '/locks/unlock_door', { device_id: 'august_device_1' }, KEY),
          create: await send(at('access_codes/create.md#1'), 'POST', '/access_codes/create', { device_id: 'august_device_1', name: 'seam_live_Key123', code: '1234' }, KEY),
        };
        expect(again.get.json).toEqual(live.get.json);
        expect(again.list.json).toEqual(live.list.json);
        expect(again.unlock.json).toEqual(live.unlock.json);
        expect(again.create.json).toEqual({ ...live.create.json, access_code: { ...live.create.json.access_code, name: '<SEAM_API_KEY>' } });
        const attempt = live.unlock.json.action_attempt;
        const polled = await send(at('locks/unlock_door.md#1'), 'GET', `/action_attempts/get?action_attempt_id=${attempt.action_attempt_id}`, undefined, KEY);
        expect(polled.json).toEqual({ action_attempt: attempt });
        const miss = await send(at('devices/get.md#1'), 'POST', '/devices/get', { device_id: 'august_device_2' }, KEY);
        expect(miss.json.error.message).toContain('params.device_id: recorded "august_device_1", received "august_device_2"');
      } finally {
        await replay.close();
      }
    } finally {
      await folder.remove();
    }
  });
});
