// The client a Ruby snippet gets (the built-in one here, unless the seam gem is installed), run
// through the runner against the test mock: what a docs snippet can see of it.
import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import type { SampleRun } from '../../harness/run/types.ts';
import { ACTION_ATTEMPT, DEVICE, DEVICE_2 } from '../../test/conformance/cases.ts';
import { collect, FAKE_KEY, job, testEnv } from '../../test/helpers/run/jobs.ts';
import { runner } from './runner.ts';
import { skipWithoutRuby, startRubyMock } from './test-support.ts';

const server = await startRubyMock();
const env = await testEnv(server, { timeoutMs: 5000 });
const toolchain = await runner.prepare(env);
const skip = await skipWithoutRuby(toolchain);

afterAll(async () => {
  await server.close();
  await rm(env.workDir, { recursive: true, force: true });
});

let counter = 0;

/** Runs each snippet (in one batch) and gives back its outcome and the requests it sent. */
async function outcomes(...codes: string[]) {
  const jobs = codes.map((code) => job(server, 'ruby', `c-${++counter}`, code));
  const results = await collect(runner.run(jobs, env));
  return jobs.map((j) => {
    const slug = new URL(j.baseUrl).pathname.split('/').pop();
    return { ...(results.get(j.sample.id) as SampleRun).outcome, requests: server.requests.filter((r) => r.example === slug) };
  });
}

const json = (value: unknown) => ({ ok: true, value: { kind: 'json', json: value } });

describe.skipIf(skip)(`the Ruby client, as a snippet sees it${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('returns resource objects: attribute readers, hash attributes as methods, times, errors, the raw data', async () => {
    const [device] = await outcomes(
      [
        'device = seam.devices.get(device_id: "d-offline")',
        '[device.class.name, device.display_name, device.properties.online, device.properties.locked,',
        ' device.created_at.class.name, device.created_at.utc.iso8601, device.errors.map(&:error_code),',
        ' device.data.keys.sort, device.respond_to?(:device_id)]',
      ].join('\n'),
    );
    expect(device).toMatchObject(
      json([
        'Seam::Resources::Device',
        DEVICE.display_name,
        DEVICE.properties.online,
        DEVICE.properties.locked,
        'Time',
        DEVICE.created_at.replace('.000Z', 'Z'),
        ['device_offline'],
        [...Object.keys(DEVICE), 'errors'].sort(),
        true,
      ]),
    );
  });

  it('sends a JSON POST to the namespace path with the keyword arguments, nil ones left out', async () => {
    const [got] = await outcomes('seam.devices.get(device_id: "d-2", name: nil)');
    expect(got).toMatchObject(json({ ...DEVICE, device_id: 'd-2' }));
    expect(got.requests).toEqual([expect.objectContaining({ method: 'POST', path: '/devices/get', body: { device_id: 'd-2' }, authorization: `Bearer ${FAKE_KEY}` })]);
  });

  it('returns lists as arrays of resources, void routes as nil', async () => {
    const [list, classes, none] = await outcomes('seam.devices.list', 'seam.devices.list.map { |device| device.class.name }.uniq', 'seam.access_codes.delete(access_code_id: "ac-1")');
    expect(list).toMatchObject(json([DEVICE, DEVICE_2]));
    expect(list.requests[0]?.body).toEqual({});
    expect(classes).toMatchObject(json(['Seam::Resources::Device']));
    expect(none).toMatchObject({ ok: true, value: { kind: 'void' } });
  });

  it('returns the action attempt as it is, or waits for it when asked', async () => {
    const [pending, waited, byClient] = await outcomes(
      'seam.locks.unlock_door(device_id: "d-1")',
      'seam.locks.unlock_door(device_id: "d-1", wait_for_action_attempt: {timeout: 2, polling_interval: 0.01}).status',
      'Seam.new.locks.unlock_door(device_id: "d-1").status',
    );
    expect(pending).toMatchObject(json(ACTION_ATTEMPT));
    expect(pending.requests.map((r) => r.path)).toEqual(['/locks/unlock_door']);
    expect(waited).toMatchObject(json('success'));
    expect(waited.requests.map((r) => r.path)).toEqual(['/locks/unlock_door', '/action_attempts/get']);
    expect(waited.requests[0]?.body).toEqual({ device_id: 'd-1' });
    // `Seam.new` waits by default, as the gem does.
    expect(byClient).toMatchObject(json('success'));
  });

  it('raises the API error classes with their code, status and data', async () => {
    const [invalid, api, uncaught, status] = await outcomes(
      'begin\n  seam.devices.update(device_id: "d-1", name: "x")\nrescue Seam::Http::InvalidInputError => e\n  [e.class.superclass.name, e.code, e.status_code, e.get_validation_error_messages("name")]\nend',
      'begin\n  seam.access_codes.get(access_code_id: "ac-0")\nrescue Seam::Http::ApiError => e\n  [e.code, e.message, e.status_code, e.data]\nend',
      'seam.access_codes.get(access_code_id: "ac-0")',
      'seam.workspaces.get',
    );
    expect(invalid).toMatchObject(json(['Seam::Http::ApiError', 'invalid_input', 400, ['Expected string']]));
    expect(api).toMatchObject(json(['access_code_not_found', 'Access code not found', 404, { access_code_id: 'ac-0' }]));
    expect(uncaught).toMatchObject({ ok: false, error: { kind: 'runtime', message: 'Seam::Http::ApiError: Access code not found' } });
    expect(status).toMatchObject({ ok: false, error: { kind: 'runtime', message: expect.stringMatching(/ 502$/) } });
  });

  it('checks keyword arguments and names as the generated methods do', async () => {
    const results = await outcomes(
      'seam.devices.get(device: "d-1")',
      'seam.locks.unlock_door',
      'seam.devices.get("d-1")',
      'seam.devices.unlock',
      'seam.locks.unlock_door(device_id: "d-1", sync: true)',
    );
    expect(results.map((r) => (r.ok ? r : r.error.message))).toEqual([
      'ArgumentError: unknown keyword: :device',
      'ArgumentError: missing keyword: :device_id',
      'ArgumentError: wrong number of arguments (given 1, expected 0)',
      expect.stringMatching(/^NoMethodError: undefined method `unlock' for #<Seam::Clients::Devices>/),
      // Undocumented parameters are not in the gem's signatures.
      'ArgumentError: unknown keyword: :sync',
    ]);
    expect(results.flatMap((r) => r.requests)).toEqual([]);
  });

  it('makes namespaces of the API paths, memoized, with the gem class names', async () => {
    const [names] = await outcomes('[seam.access_codes.unmanaged.class.name, seam.acs.users.class.name, seam.acs.equal?(seam.acs), seam.devices.respond_to?(:list)]');
    expect(names).toMatchObject(json(['Seam::Clients::AccessCodesUnmanaged', 'Seam::Clients::AcsUsers', true, true]));
  });

  it('makes clients from the environment, the factory methods, and refuses a key of the wrong shape', async () => {
    const [fromEnv, factory, placeholder, pat] = await outcomes(
      'Seam.new(wait_for_action_attempt: false).devices.get(device_id: "d-5").device_id',
      'Seam.from_api_key(ENV["SEAM_API_KEY"], endpoint: ENV["SEAM_ENDPOINT"]).devices.get(device_id: "d-6").device_id',
      'Seam.new(api_key: "your-api-key")',
      'Seam.new(personal_access_token: "seam_at_1")',
    );
    expect(fromEnv).toMatchObject(json('d-5'));
    expect(fromEnv.requests[0]?.authorization).toBe(`Bearer ${FAKE_KEY}`);
    expect(factory).toMatchObject(json('d-6'));
    expect(placeholder).toMatchObject({
      ok: false,
      error: { kind: 'runtime', message: 'Seam::Http::InvalidTokenError: SeamHttp received an invalid token: Unknown or invalid api_key format, expected token to start with seam_' },
    });
    expect(pat).toMatchObject({ ok: false, error: { message: 'Seam::Http::InvalidOptionsError: SeamHttp received invalid options: Must pass a workspace_id when using a personal_access_token' } });
  });
});
