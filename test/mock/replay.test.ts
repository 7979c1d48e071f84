import http from 'node:http';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReplayServer, type ReplayServer } from '../../harness/mock/server.ts';
import { exampleBaseUrl } from '../../harness/mock/slug.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { def, send, tempDir, writeCassette } from './helpers.ts';

const ASSIGN = 'acs/credentials/assign.md#1';
const GET_A = 'devices/get.md#1';
const GET_B = 'devices/get.md#2';
const LIST = 'devices/list.md#1';
const HEAT = 'thermostats/heat.md#1';

let folder: Awaited<ReturnType<typeof tempDir>>;
let server: ReplayServer;

beforeAll(async () => {
  folder = await tempDir();
  await writeCassette(folder.dir, 'acs/credentials/assign.json', [
    def(ASSIGN, '/acs/credentials/assign', { acs_user_id: 'u1', acs_credential_id: 'c1' }, {}, 'PATCH'),
  ]);
  await writeCassette(folder.dir, 'devices/get.json', [
    def(GET_A, '/devices/get', { device_id: 'aaa' }, { device: { device_id: 'aaa', name: 'Front door' } }),
    def(GET_B, '/devices/get', { device_id: 'aaa' }, { device: { device_id: 'aaa', name: 'Back door' } }),
  ]);
  await writeCassette(folder.dir, 'devices/list.json', [
    def(LIST, '/devices/list', { device_ids: ['d1', 'd2'], limit: 5, include_if: { is_online: true, kind: 'lock' } }, { devices: [] }),
  ]);
  await writeCassette(folder.dir, 'thermostats/heat.json', [
    def(HEAT, '/thermostats/heat', { device_id: 't1', heating_set_point_celsius: 20 }, {
      action_attempt: { action_attempt_id: 'aa-1', action_type: 'SET_HEAT', status: 'pending' },
    }),
  ]);
  server = await startReplayServer({ profile: seamProfile, recordings: folder.dir });
});

afterAll(async () => {
  await server?.close();
  await folder?.remove();
});

describe('replay', () => {
  it('loads every cassette', () => {
    expect(server.errors).toEqual([]);
    // 5 written + the heat example's implied poll answer.
    expect(server.recordingCount).toBe(6);
  });

  it('answers a route by any method it accepts, and refuses one it does not', async () => {
    const base = exampleBaseUrl(server.url, ASSIGN);
    const params = { acs_user_id: 'u1', acs_credential_id: 'c1' };
    for (const method of ['PATCH', 'POST']) {
      const reply = await send(base, method, '/acs/credentials/assign', params);
      expect([method, reply.status, reply.json]).toEqual([method, 200, {}]);
    }
    const put = await send(base, 'PUT', '/acs/credentials/assign', params);
    expect(put.status).toBe(404);
    expect(put.json.error.diff).toEqual([{ field: 'method', kind: 'different', recorded: 'PATCH', received: 'PUT' }]);
    expect(put.json.error.message).toContain('method: recorded PATCH, received PUT (the route accepts PATCH, POST)');
  });

  it('answers a route the API description does not know by any common method', async () => {
    const dir = await tempDir();
    await writeCassette(dir.dir, 'custom.json', [def('custom.md#1', '/custom/thing', { id: 'x' }, { thing: { id: 'x' } }, 'GET')]);
    const replay = await startReplayServer({ profile: seamProfile, recordings: dir.dir });
    try {
      const base = exampleBaseUrl(replay.url, 'custom.md#1');
      for (const method of ['GET', 'POST', 'PATCH', 'PUT', 'DELETE']) {
        const reply = await send(base, method, method === 'GET' ? '/custom/thing?id=x' : '/custom/thing', method === 'GET' ? undefined : { id: 'x' });
        expect([method, reply.status]).toEqual([method, 200]);
      }
      expect((await send(base, 'OPTIONS', '/custom/thing?id=x')).json.error.diff).toEqual([
        { field: 'method', kind: 'different', recorded: 'GET', received: 'OPTIONS' },
      ]);
    } finally {
      await replay.close();
      await dir.remove();
    }
  });

  it('answers a GET with the parameters in the query string, _strict dropped', async () => {
    const base = exampleBaseUrl(server.url, GET_A);
    const get = await send(base, 'GET', '/devices/get?device_id=aaa&_strict=true');
    expect(get.status).toBe(200);
    expect(get.json).toEqual({ device: { device_id: 'aaa', name: 'Front door' } });
    const post = await send(base, 'POST', '/devices/get', { device_id: 'aaa', _strict: true });
    expect(post.json).toEqual(get.json);
  });

  it('merges query and body, reading repeated and nested keys back into the recorded types', async () => {
    const base = exampleBaseUrl(server.url, LIST);
    const viaQuery = await send(base, 'GET', '/devices/list?device_ids=d1&device_ids=d2&limit=5&include_if.is_online=true&include_if.kind=lock');
    expect([viaQuery.status, viaQuery.json]).toEqual([200, { devices: [] }]);
    const brackets = await send(base, 'GET', '/devices/list?device_ids[]=d1&device_ids[]=d2&limit=5&include_if[is_online]=true&include_if[kind]=lock');
    expect(brackets.status).toBe(200);
    const split = await send(base, 'POST', '/devices/list?limit=5', { device_ids: ['d1', 'd2'], include_if: { is_online: true, kind: 'lock' } });
    expect(split.status).toBe(200);
    const wrongType = await send(base, 'GET', '/devices/list?device_ids=d1&device_ids=d2&limit=6&include_if.is_online=true&include_if.kind=lock');
    expect(wrongType.status).toBe(404);
    expect(wrongType.json.error.diff).toEqual([{ field: 'params.limit', kind: 'different', recorded: 5, received: 6 }]);
  });

  it('explains a miss field by field against the closest recording', async () => {
    const reply = await send(exampleBaseUrl(server.url, GET_A), 'POST', '/devices/get', { device_id: 'abd', extra: 1 });
    expect(reply.status).toBe(404);
    const { error } = reply.json;
    expect(error.type).toBe('doc_harness_unmatched_request');
    expect(error.message).toBe(
      'no recording for POST /devices/get: closest is POST /devices/get (devices/get.md#1): params.device_id: recorded "aaa", received "abd"; params.extra: sent 1, not recorded',
    );
    expect(error.request).toEqual({ example: GET_A, method: 'POST', path: '/devices/get', params: { device_id: 'abd', extra: 1 } });
    expect(error.closest).toMatchObject({ example: GET_A, path: '/devices/get', params: { device_id: 'aaa' } });
    expect(error.diff).toEqual([
      { field: 'params.device_id', kind: 'different', recorded: 'aaa', received: 'abd' },
      { field: 'params.extra', kind: 'extra', received: 1 },
    ]);
    const missing = await send(exampleBaseUrl(server.url, GET_A), 'POST', '/devices/get', {});
    expect(missing.json.error.diff).toEqual([{ field: 'params.device_id', kind: 'missing', recorded: 'aaa' }]);
  });

  it('names the route when the path itself is wrong, and an example without recordings', async () => {
    // A GET the recorded route accepts is no method difference.
    const wrongPath = await send(exampleBaseUrl(server.url, GET_A), 'GET', '/devices/gett?device_id=aaa');
    expect(wrongPath.json.error.diff).toEqual([{ field: 'path', kind: 'different', recorded: '/devices/get', received: '/devices/gett' }]);
    expect(wrongPath.json.error.message).toBe(
      'no recording for GET /devices/gett (nothing in this example is recorded for /devices/gett): closest is POST /devices/get (devices/get.md#1): path: recorded /devices/get, received /devices/gett',
    );
    // Unattributed: the nearest route is the one sharing the namespace (`/thermostats/…`).
    const nearest = await send(server.url, 'POST', '/thermostats/get', { device_id: 't1' });
    expect(nearest.json.error.closest.path).toBe('/thermostats/heat');
    expect(nearest.json.error.diff.map((d: { field: string }) => d.field)).toEqual(['path', 'params.heating_set_point_celsius']);
    const unknown = await send(exampleBaseUrl(server.url, 'nowhere.md#1'), 'POST', '/devices/get', { device_id: 'aaa' });
    expect(unknown.json.error.message).toMatch(/^no recording for POST \/devices\/get: example nowhere\.md#1 has no recordings/);
  });

  it('keeps examples apart: two examples, same request, concurrent, each its own answer', async () => {
    const a = exampleBaseUrl(server.url, GET_A);
    const b = exampleBaseUrl(server.url, GET_B);
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) => send(i % 2 ? b : a, i % 3 ? 'POST' : 'GET', i % 3 ? '/devices/get' : '/devices/get?device_id=aaa', i % 3 ? { device_id: 'aaa' } : undefined)),
    );
    replies.forEach((reply, i) => expect([i, reply.json.device.name]).toEqual([i, i % 2 ? 'Back door' : 'Front door']));
  });

  it('takes the example from a header when a client dropped the base URL\'s path', async () => {
    const reply = await send(server.url, 'POST', '/devices/get', { device_id: 'aaa' }, { 'x-doc-harness-example': GET_B });
    expect(reply.json.device.name).toBe('Back door');
  });

  it('answers polling for an example\'s action attempt with that attempt', async () => {
    const base = exampleBaseUrl(server.url, HEAT);
    const action = await send(base, 'POST', '/thermostats/heat', { device_id: 't1', heating_set_point_celsius: 20 });
    expect(action.json.action_attempt.action_attempt_id).toBe('aa-1');
    const polled = await send(base, 'POST', '/action_attempts/get', { action_attempt_id: 'aa-1' });
    expect(polled.json).toEqual(action.json);
    const viaGet = await send(base, 'GET', '/action_attempts/get?action_attempt_id=aa-1');
    expect(viaGet.json).toEqual(action.json);
    // Another example cannot poll it.
    const elsewhere = await send(exampleBaseUrl(server.url, GET_A), 'POST', '/action_attempts/get', { action_attempt_id: 'aa-1' });
    expect(elsewhere.status).toBe(404);
  });

  it('matches a request that names no example against every recording', async () => {
    const reply = await send(server.url, 'POST', '/thermostats/heat', { device_id: 't1', heating_set_point_celsius: 20 });
    expect(reply.status).toBe(200);
    const miss = await send(server.url, 'POST', '/thermostats/heat', { device_id: 't2', heating_set_point_celsius: 20 });
    expect(miss.json.error.message).toContain('closest is POST /thermostats/heat (thermostats/heat.md#1): params.device_id: recorded "t1", received "t2"');
  });

  it('logs every request per example, matched or not', async () => {
    const base = exampleBaseUrl(server.url, 'logged.md#1');
    await send(base, 'POST', '/devices/get', { device_id: 'zzz' });
    const log = server.requestsFor('logged.md#1');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ exampleId: 'logged.md#1', method: 'POST', path: '/devices/get', params: { device_id: 'zzz' }, status: 404, matched: false });
    expect(log[0].miss?.message).toContain('logged.md#1 has no recordings');
    expect(server.requestsFor(GET_B).every((entry) => entry.matched)).toBe(true);
  });

  it('scrubs secrets from incoming parameters before matching', async () => {
    const dir = await tempDir();
    await writeCassette(dir.dir, 'client_sessions/create.json', [
      def('client_sessions/create.md#1', '/client_sessions/create', { token: '<SEAM_API_KEY>' }, { client_session: { token: '<SEAM_API_KEY>' } }),
    ]);
    const scrubbing = await startReplayServer({ profile: seamProfile, recordings: dir.dir });
    try {
      const reply = await send(exampleBaseUrl(scrubbing.url, 'client_sessions/create.md#1'), 'POST', '/client_sessions/create', { token: 'seam_cst1AbCdEf' });
      expect(reply.status).toBe(200);
    } finally {
      await scrubbing.close();
      await dir.remove();
    }
  });
});

describe('bad input', () => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanup.length) await cleanup.pop()!();
  });

  it('reports a corrupt cassette by file and JSON path, and loads the rest', async () => {
    const dir = await tempDir();
    cleanup.push(dir.remove);
    await writeCassette(dir.dir, 'a.json', '[\n  {"scope": "https://connect.getseam.com", "method": "POST", "path": "/devices/get", "body": {}, "status": 200}\n');
    await writeCassette(dir.dir, 'b.json', [def('b.md#1', '/devices/get', { device_id: 'x' }, { device: {} })]);
    await writeCassette(
      dir.dir,
      'c.json',
      `[\n  ${JSON.stringify(def('c.md#1', '/devices/list', {}, { devices: [] }))},\n  {"scope": "https://connect.getseam.com", "method": "POST", "path": "/x",\n   "status": "ok"}\n]\n`,
    );
    const replay = await startReplayServer({ profile: seamProfile, recordings: dir.dir });
    cleanup.push(() => replay.close());
    const messages = replay.errors.map((error) => error.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/a\.json:\d+: not valid JSON: /);
    expect(messages[1]).toMatch(/c\.json:3: \$\[1\]\.status: expected a number$/);
    expect(replay.recordingCount).toBe(2);
    expect((await send(exampleBaseUrl(replay.url, 'b.md#1'), 'POST', '/devices/get', { device_id: 'x' })).status).toBe(200);
    expect((await send(exampleBaseUrl(replay.url, 'c.md#1'), 'GET', '/devices/list')).status).toBe(200);
  });

  it('takes another port when the one asked for is in use, and says so', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => holder.close(resolve)));
    const taken = (holder.address() as net.AddressInfo).port;
    const replay = await startReplayServer({ profile: seamProfile, recordings: [], port: taken });
    cleanup.push(() => replay.close());
    expect(replay.port).not.toBe(taken);
    expect(replay.note).toBe(`port ${taken} is in use; listening on ${replay.port} instead`);
    expect((await send(replay.url, 'POST', '/devices/get', {})).status).toBe(404);
  });

  it('times out a client that never finishes its body, and keeps serving', async () => {
    const replay = await startReplayServer({ profile: seamProfile, recordings: folder.dir, bodyTimeoutMs: 200 });
    cleanup.push(() => replay.close());
    const started = Date.now();
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(replay.port, '127.0.0.1', () => {
        socket.write(
          `POST /__example/devices~get.md@1/devices/get HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"device_id":`,
        );
      });
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(raw).toMatch(/^HTTP\/1\.1 408 /);
    expect(raw).toContain('doc_harness_request_timeout');
    expect(replay.requestsFor(GET_A)[0]).toMatchObject({ status: 408, matched: false });
    expect((await send(exampleBaseUrl(replay.url, GET_A), 'POST', '/devices/get', { device_id: 'aaa' })).status).toBe(200);
  });

  it('never forwards a request anywhere: a miss reaches no server, in lockdown or not', async () => {
    let connections = 0;
    const origin = http.createServer((_, res) => res.end('{}'));
    origin.on('connection', () => connections++);
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => origin.close(resolve)));
    const apiOrigin = `http://127.0.0.1:${(origin.address() as net.AddressInfo).port}`;
    const profile = { ...seamProfile, apiOrigin };
    const recordings = [{ ...def('x.md#1', '/devices/get', { device_id: 'x' }, { device: {} }), scope: apiOrigin, file: 'inline' }];
    for (const lockdown of [false, true]) {
      const replay = await startReplayServer({ profile, recordings, lockdown });
      try {
        expect((await send(exampleBaseUrl(replay.url, 'x.md#1'), 'POST', '/devices/get', { device_id: 'x' })).status).toBe(200);
        expect((await send(exampleBaseUrl(replay.url, 'x.md#1'), 'POST', '/devices/get', { device_id: 'y' })).status).toBe(404);
        expect((await send(replay.url, 'POST', '/devices/list', {})).status).toBe(404);
      } finally {
        await replay.close();
      }
    }
    const empty = await startReplayServer({ profile, recordings: [] });
    cleanup.push(() => empty.close());
    expect((await send(empty.url, 'POST', '/devices/get', {})).status).toBe(404);
    expect(connections).toBe(0);
  });
});
