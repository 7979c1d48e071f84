import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRecord } from '../../harness/cli/commands/record.ts';
import { deriveRecordings } from '../../harness/mock/derive.ts';
import { compareValues } from '../../harness/compare/values.ts';
import { startReplayServer, type ReplayServer } from '../../harness/mock/server.ts';
import { exampleBaseUrl } from '../../harness/mock/slug.ts';
import { saveRecordings } from '../../harness/mock/store.ts';
import { extract } from '../../harness/extract/index.ts';
import type { Endpoint, Example, Json, JsonObject, Page, Sample } from '../../harness/model.ts';
import { seamProfile } from '../../profiles/seam/index.ts';
import { makeBlock } from '../helpers/block.ts';
import { send, tempDir } from './helpers.ts';

function sample(language: string, request: string, response: string, line: number): Sample {
  const block = (code: string, at: number) => makeBlock(code, at, language);
  return {
    id: `x:${language}`,
    language,
    supported: true,
    title: language,
    request: block(request, line),
    response: block(response, line + 4),
    position: { start: { line, column: 1 }, end: { line: line + 8, column: 1 } },
  };
}

function page(file: string, samples: Sample[], endpoint: Endpoint | null = null): Page {
  const example: Example = { id: `${file}#1`, file, line: 5, column: 1, index: 1, title: 't', endpoint, samples };
  return { file, title: 't', endpoint, returns: null, parameters: [], examples: [example], others: [], diagnostics: [] };
}

describe('derive from hand-made examples', () => {
  it('records the tabs\' shared call, answered with the documented value in the route\'s response key', async () => {
    const { recordings, diagnostics, skipped } = await deriveRecordings(
      [
        page('devices/get.md', [
          sample('javascript', 'await seam.devices.get({ device_id: "abc" });', '{ "device_id": "abc", "name": "Door" }', 10),
          sample('python', 'seam.devices.get(device_id="abc")', 'Device(device_id="abc", name="Door")', 20),
        ]),
      ],
      seamProfile,
    );
    expect([diagnostics, skipped]).toEqual([[], []]);
    expect(recordings.get('devices/get.md#1')).toEqual([
      {
        example: 'devices/get.md#1',
        scope: 'https://connect.getseam.com',
        method: 'POST',
        path: '/devices/get',
        body: { device_id: 'abc' },
        status: 200,
        response: { device: { device_id: 'abc', name: 'Door' } },
      },
    ]);
  });

  it('records the call most tabs make and says which tabs will not match it', async () => {
    const { recordings, diagnostics } = await deriveRecordings(
      [
        page('devices/get.md', [
          sample('javascript', 'await seam.devices.get({ device_id: "abc" });', '{ "device_id": "abd" }', 10),
          sample('python', 'seam.devices.get(device_id="abd")', 'Device(device_id="abd")', 20),
          sample('ruby', 'seam.devices.get(device_id: "abd")', '{ "device_id" => "abd" }', 30),
        ]),
      ],
      seamProfile,
    );
    // The odd tab is JavaScript, read first: the recording follows Python and Ruby, so only JavaScript fails.
    expect(recordings.get('devices/get.md#1')![0].body).toEqual({ device_id: 'abd' });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'devices/get.md', line: 5, severity: 'warning', rule: 'record-tabs-disagree' });
    expect(diagnostics[0].message).toBe(
      'devices/get.md#1: tabs make different calls; recorded the one Python, Ruby make (/devices/get {"device_id":"abd"}), so JavaScript: /devices/get {"device_id":"abc"} will not match it',
    );
  });

  it('records nothing when no call or response has a majority, and says so for every tab', async () => {
    const { recordings, diagnostics, skipped } = await deriveRecordings(
      [
        page('devices/get.md', [
          sample('javascript', 'await seam.devices.get({ device_id: "abc" });', '{ "device_id": "abc" }', 10),
          sample('python', 'seam.devices.get(device_id="abd")', 'Device(device_id="abc")', 20),
        ]),
        page('locks/get.md', [
          sample('javascript', 'await seam.locks.get({ device_id: "abc" });', '{ "device_id": "abc" }', 10),
          sample('python', 'seam.locks.get(device_id="abc")', 'Device(device_id="abd")', 20),
        ]),
      ],
      seamProfile,
    );
    expect(recordings.size).toBe(0);
    expect(skipped).toEqual(['devices/get.md#1', 'locks/get.md#1']);
    expect(diagnostics.map((d) => [d.rule, d.severity])).toEqual([
      ['record-tabs-conflict', 'error'],
      ['record-tabs-conflict', 'error'],
    ]);
    expect(diagnostics[1].message).toBe(
      'locks/get.md#1: no recording: the tabs document different responses and none is shown by more tabs than the others (JavaScript | Python)',
    );
  });

  it('records the response the schema accepts over a larger group it rejects', async () => {
    const attempt = (type: string) => `{ "action_attempt_id": "44444444-4444-4444-8444-444444444444", "action_type": "${type}", "status": "pending", "result": null, "error": null }`;
    const { recordings } = await deriveRecordings(
      [
        page('locks/unlock_door.md', [
          sample('javascript', 'await seam.locks.unlockDoor({ device_id: "d" });', attempt('UNLOCK_DOOR'), 10),
          sample('seam_cli', 'seam locks unlock-door --device_id "d"', attempt('UNLOCK'), 20),
          sample('curl', 'curl -X POST "https://connect.getseam.com/locks/unlock_door" --json \'{"device_id": "d"}\'', `{"action_attempt": ${attempt('UNLOCK')}}`, 30),
        ]),
      ],
      seamProfile,
    );
    expect(recordings.get('locks/unlock_door.md#1')![0].response).toMatchObject({ action_attempt: { action_type: 'UNLOCK_DOOR' } });
  });

  it('records a documented token as documented: a placeholder in its place would fail the comparison', async () => {
    const token = 'seam_cst1abcdefghijklmnopqrstuvwx';
    const { recordings } = await deriveRecordings(
      [
        page('client_sessions/create.md', [
          sample('javascript', 'await seam.clientSessions.create({ user_identifier_key: "jane" });', `{ "client_session_id": "c", "token": "${token}" }`, 10),
        ]),
      ],
      seamProfile,
    );
    expect(recordings.get('client_sessions/create.md#1')![0].response).toEqual({ client_session: { client_session_id: 'c', token } });
    // Replayed, the documented value comes back and compares equal; the request still matches
    // when a client sends a key-shaped value the replay scrubs before matching.
    const folder = await tempDir();
    await saveRecordings(folder.dir, recordings, 'add');
    const server = await startReplayServer({ profile: seamProfile, recordings: folder.dir });
    try {
      const answer = await send(exampleBaseUrl(server.url, 'client_sessions/create.md#1'), 'POST', '/client_sessions/create', { user_identifier_key: 'jane' });
      expect(answer.status).toBe(200);
      const documented = { kind: 'json', json: { client_session_id: 'c', token } } as const;
      expect(compareValues(documented, { kind: 'json', json: (answer.json as JsonObject).client_session }).equal).toBe(true);
    } finally {
      await server.close();
      await folder.remove();
    }
  });

  it('answers a void route with {} and says why an example gets no recording', async () => {
    const { recordings, diagnostics, skipped } = await deriveRecordings(
      [
        page('acs/credentials/assign.md', [
          sample('javascript', 'await seam.acs.credentials.assign({ acs_user_id: "u", acs_credential_id: "c" });', '// void', 10),
        ]),
        page('broken.md', [sample('javascript', 'await seam.devices.get({ device_id: ', '{}', 10)]),
        page('custom.md', [sample('javascript', 'await seam.custom.thing({ id: "x" });', '{ "id": "x" }', 10)]),
      ],
      seamProfile,
    );
    expect(recordings.get('acs/credentials/assign.md#1')![0].response).toEqual({});
    expect(skipped).toEqual(['broken.md#1', 'custom.md#1']);
    expect(diagnostics.map((d) => [d.rule, d.severity])).toEqual([
      ['record-no-request', 'error'],
      ['record-unknown-route', 'error'],
    ]);
    expect(diagnostics[0].message).toMatch(/^broken\.md#1: no recording: no tab's request could be read \(JavaScript: .+ \(line \d+\)\)$/);
    expect(diagnostics[1].message).toBe(
      'custom.md#1: no recording: /custom/thing is not in the API description and the page declares no return shape, so the response cannot be wrapped',
    );
  });

  it('wraps an unknown route\'s response in the key the page declares', async () => {
    const endpoint: Endpoint = {
      method: 'POST',
      path: '/custom/thing',
      returns: { kind: 'resource', key: 'thing' },
      text: 'POST /custom/thing ⇒ { thing }',
      position: { start: { line: 3, column: 1 }, end: { line: 3, column: 30 } },
    };
    const { recordings } = await deriveRecordings([page('custom.md', [sample('javascript', 'await seam.custom.thing({ id: "x" });', '{ "id": "x" }', 10)], endpoint)], seamProfile);
    expect(recordings.get('custom.md#1')![0].response).toEqual({ thing: { id: 'x' } });
  });
});

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const CORPUS = resolve(ROOT, '../shared/corpus/seam-docs-2025-03');
const present = existsSync(CORPUS);
if (!present) console.warn(`corpus derive tests skipped: ${CORPUS} not found`);

/** The query string a GET-sending SDK makes of the parameters: repeated keys for arrays, `a.b` for objects. */
function toQuery(params: JsonObject, prefix = ''): string[] {
  return Object.entries(params).flatMap(([key, value]): string[] => {
    const name = prefix ? `${prefix}.${key}` : key;
    if (Array.isArray(value)) return value.map((item) => `${encodeURIComponent(name)}=${encodeURIComponent(typeof item === 'object' ? JSON.stringify(item) : String(item))}`);
    if (value !== null && typeof value === 'object') return toQuery(value, name);
    return [`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`];
  });
}

function hasObjectInArray(value: Json): boolean {
  if (Array.isArray(value)) return value.some((item) => (item !== null && typeof item === 'object') || hasObjectInArray(item));
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasObjectInArray);
  return false;
}

describe.skipIf(!present)('derive on the seam-docs-2025-03 corpus', () => {
  let folder: Awaited<ReturnType<typeof tempDir>>;
  let server: ReplayServer;
  let derived: Awaited<ReturnType<typeof deriveRecordings>>;
  let pages: Page[];

  beforeAll(async () => {
    folder = await tempDir();
    ({ pages } = await extract([CORPUS], { cwd: CORPUS, profile: seamProfile }));
    derived = await deriveRecordings(pages, seamProfile);
    await saveRecordings(folder.dir, derived.recordings, 'add');
    server = await startReplayServer({ profile: seamProfile, recordings: folder.dir });
  });
  afterAll(async () => {
    await server?.close();
    await folder?.remove();
  });

  it('gives every one of the 64 example groups a recording, or a stated reason', () => {
    const examples = pages.flatMap((p) => p.examples);
    expect(examples).toHaveLength(64);
    for (const example of examples) {
      const reason = derived.diagnostics.find((d) => d.severity === 'error' && d.message.startsWith(`${example.id}:`));
      expect([example.id, derived.recordings.has(example.id) || reason !== undefined]).toEqual([example.id, true]);
    }
    expect(server.errors).toEqual([]);
  });

  it('writes one cassette per page with examples', async () => {
    const files = (await readdir(folder.dir, { recursive: true })).filter((f) => f.endsWith('.json'));
    expect(files.length).toBe(new Set(pages.filter((p) => p.examples.length > 0).map((p) => p.file)).size);
    const one = await readFile(join(folder.dir, 'thermostats/heat.json'), 'utf8');
    expect(one.endsWith('}\n]\n')).toBe(true);
  });

  it('answers the JavaScript tab\'s call of every example, sent as POST JSON and as GET query', async () => {
    const routes = await seamProfile.loadRoutes!();
    let viaGet = 0;
    for (const [id, [recording]] of derived.recordings) {
      const base = exampleBaseUrl(server.url, id);
      const post = await send(base, 'POST', recording.path, recording.body);
      expect([id, post.status, post.json]).toEqual([id, 200, recording.response]);
      // Only routes that take GET are sent as GET; arrays of objects have no query spelling SDKs agree on.
      if (!routes.get(recording.path)?.methods.includes('GET') || hasObjectInArray(recording.body)) continue;
      const query = toQuery(recording.body).join('&');
      const get = await send(base, 'GET', `${recording.path}?${query}${query ? '&' : ''}_strict=true`);
      expect([id, get.status, get.json?.error?.message]).toEqual([id, 200, undefined]);
      viaGet++;
    }
    expect(viaGet).toBeGreaterThan(20);
  });

  it('record --mode lockdown passes on the derived folder; update then changes nothing', async () => {
    const out: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) }, cwd: CORPUS, env: {} };
    expect(await runRecord([CORPUS], { mode: 'lockdown', recordings: folder.dir }, io)).toBe(0);
    expect(out.join('')).toContain('64 of 64 example(s) recorded');
    out.length = 0;
    await runRecord([CORPUS], { mode: 'update', recordings: folder.dir }, io);
    expect(out.join('')).toMatch(/0 cassette\(s\) created, 0 updated, 62 unchanged/);
  });
});
