// The built-in client (runners/php/client) against the test mock, as a PHP script uses it: the
// resources, lists, action attempts, void results and errors a snippet can see.
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectFile } from '../../harness/run/assets.ts';
import { UNMATCHED_ERROR_TYPE } from '../../harness/run/protocol.ts';
import { params, seamRoutes, startMockServer, type MockServer } from '../../test/helpers/run/mock-server.ts';

const AUTOLOAD = projectFile('runners', 'php', 'client', 'autoload.php');
const ATTEMPT = { action_attempt_id: 'aa-1', action_type: 'UNLOCK_DOOR', status: 'pending', result: null, error: null };

let server: MockServer;
let polls = 0;
beforeAll(async () => {
  server = await startMockServer({
    ...seamRoutes,
    '/locks/unlock_door': () => ({ body: { action_attempt: ATTEMPT, ok: true } }),
    // Pending on the first poll, done on the second.
    '/action_attempts/get': (r) => ({
      body: { action_attempt: { ...ATTEMPT, action_attempt_id: params(r).action_attempt_id, status: ++polls >= 2 ? 'success' : 'pending' }, ok: true },
    }),
    '/acs/credentials/assign': () => ({ body: { acs_credential: { acs_credential_id: 'c-1' }, ok: true } }),
    '/devices/update': () => ({ status: 400, body: { error: { type: 'invalid_input', message: 'bad name', validation_errors: { name: { _errors: ['too long'] } } } } }),
    '/workspaces/get': () => ({ status: 401, body: { error: { type: 'unauthorized', message: 'no' } } }),
    '/events/get': () => ({ body: { event: { event_id: 'e-1' }, message: 'hi', ok: true } }),
  });
});
afterAll(() => server.close());

/** Runs `code` after `$seam` is made on example `slug`; what it prints to stdout, parsed as JSON. */
async function php(slug: string, code: string): Promise<unknown> {
  const script = `require ${JSON.stringify(AUTOLOAD)};\n$seam = new Seam\\SeamClient("seam_testkey", ${JSON.stringify(server.baseUrl(slug))});\n${code}`;
  const result = await execa('php', ['-d', 'display_errors=stderr', '-r', script], { reject: false, stdin: 'ignore', timeout: 30_000 });
  if (result.exitCode !== 0) throw new Error(`php failed: ${result.stderr}`);
  return JSON.parse(String(result.stdout));
}

/** What a call throws: its class, message and the SDK's error accessors. */
const caught = (call: string) =>
  `try { ${call}; echo json_encode(null); } catch (Throwable $e) { echo json_encode(["class" => get_class($e), "message" => $e->getMessage(), "code" => method_exists($e, "getErrorCode") ? $e->getErrorCode() : null]); }`;

describe('the built-in PHP client', () => {
  it('sends each call as POST /<namespace>/<method> with the named arguments as JSON, with the key', async () => {
    await php('send', 'echo json_encode($seam->acs->credentials->assign(acs_user_id: "u-1", acs_credential_id: "c-1", note: null));');
    const sent = server.requests.find((r) => r.example === 'send');
    // A null argument is left out, as the generated methods do.
    expect(sent).toMatchObject({ method: 'POST', path: '/acs/credentials/assign', body: { acs_user_id: 'u-1', acs_credential_id: 'c-1' }, authorization: 'Bearer seam_testkey' });
  });

  it('returns a resource whose public properties are the JSON, nested ones included', async () => {
    const out = await php('get', '$d = $seam->devices->get(device_id: "d-7");\necho json_encode(["json" => $d, "online" => $d->properties->online, "absent" => $d->no_such_field, "vars" => array_keys(get_object_vars($d))]);');
    expect(out).toEqual({
      json: { device_id: 'd-7', display_name: 'Front Door', created_at: '2024-05-01T10:00:00.000Z', properties: { online: true } },
      online: true,
      absent: null,
      vars: ['device_id', 'display_name', 'created_at', 'properties'],
    });
  });

  it('returns a list as a PHP list of resources, and void as null', async () => {
    const out = await php('list', 'echo json_encode(["list" => $seam->devices->list(), "is_list" => array_is_list($seam->devices->list()), "void" => $seam->access_codes->delete(access_code_id: "ac-1")]);');
    expect(out).toEqual({ list: [{ device_id: 'd-1', display_name: 'Front Door' }, { device_id: 'd-2', display_name: 'Back Door' }], is_list: true, void: null });
  });

  it('waits for an action attempt by default, polling /action_attempts/get until it is not pending', async () => {
    polls = 0;
    const out = await php('wait', 'echo json_encode($seam->locks->unlock_door(device_id: "d-1"));');
    expect(out).toMatchObject({ action_attempt_id: 'aa-1', status: 'success' });
    expect(server.requests.filter((r) => r.example === 'wait').map((r) => r.path)).toEqual(['/locks/unlock_door', '/action_attempts/get', '/action_attempts/get']);
  });

  it('returns the attempt as it came when the call or the client says not to wait', async () => {
    const base = JSON.stringify(server.baseUrl('nowait'));
    const out = await php(
      'nowait',
      `$quiet = new Seam\\SeamClient("seam_k", ${base}, wait_for_action_attempt: false);\necho json_encode([$seam->locks->unlock_door(device_id: "d-1", wait_for_action_attempt: false), $quiet->locks->unlock_door(device_id: "d-1")]);`,
    );
    expect(out).toEqual([ATTEMPT, ATTEMPT]);
    expect(server.requests.filter((r) => r.example === 'nowait').map((r) => r.path)).toEqual(['/locks/unlock_door', '/locks/unlock_door']);
  });

  it('rejects wait_for_action_attempt on a method that is not an action, as PHP rejects an unknown parameter', async () => {
    expect(await php('unknown-wait', caught('$seam->devices->get(device_id: "d-1", wait_for_action_attempt: false)'))).toEqual({
      class: 'Error',
      message: 'Unknown named parameter $wait_for_action_attempt',
      code: null,
    });
  });

  it("raises the API's errors as the SDK's exception classes, with the error type as the error code", async () => {
    const out = await php(
      'errors',
      `echo "[";\n${caught('$seam->nothing->here()')}; echo ",";\n${caught('$seam->devices->update(device_id: "d-1", name: "x")')}; echo ",";\n${caught('$seam->workspaces->get()')}; echo "]";`,
    );
    expect(out).toEqual([
      { class: 'Seam\\HttpApiError', message: expect.stringContaining('no recorded request matches POST /nothing/here'), code: UNMATCHED_ERROR_TYPE },
      { class: 'Seam\\HttpInvalidInputError', message: 'bad name', code: 'invalid_input' },
      { class: 'Seam\\HttpUnauthorizedError', message: 'Unauthorized', code: 'unauthorized' },
    ]);
  });

  it('answers a name the generated SDK does not have as PHP would: camelCase properties and methods, positional arguments', async () => {
    const out = await php('names', `echo "[";\n${caught('$seam->accessCodes->list()')}; echo ",";\n${caught('$seam->acs->users->listAll()')}; echo ",";\n${caught('$seam->devices->get("d-1")')}; echo "]";`);
    expect(out).toEqual([
      { class: 'ErrorException', message: 'Undefined property: Seam\\SeamClient::$accessCodes', code: null },
      { class: 'Error', message: 'Call to undefined method Seam\\Routes\\AcsUsersClient::listAll()', code: null },
      { class: 'Error', message: expect.stringContaining('named arguments only'), code: null },
    ]);
    expect(server.requests.filter((r) => r.example === 'names')).toEqual([]);
  });

  it('unwraps by the hinted response key: a void route that sends a resource back, a body with two keys', async () => {
    const out = await php(
      'hint',
      [
        '$seam->hintNextResponseKey(null);',
        '$void = $seam->acs->credentials->assign(acs_user_id: "u-1", acs_credential_id: "c-1");',
        '$seam->hintNextResponseKey("event");',
        '$event = $seam->events->get(event_id: "e-1");',
        // The hint is for one request: without it, two keys are ambiguous.
        'try { $seam->events->get(event_id: "e-1"); $third = null; } catch (UnexpectedValueException $e) { $third = $e->getMessage(); }',
        'echo json_encode([$void, $event, $third]);',
      ].join('\n'),
    );
    expect(out).toEqual([null, { event_id: 'e-1' }, expect.stringContaining('event, message')]);
  });

  it('speaks HTTP alike through PHP streams and, where PHP has it, the curl extension', async () => {
    const modes = await php('modes', 'echo json_encode(extension_loaded("curl") ? [false, true] : [false]);');
    for (const curl of modes as boolean[]) {
      const base = JSON.stringify(server.baseUrl(`transport-${curl}`));
      const transport = `new Seam\\Http\\Transport(${base}, ["Authorization" => "Bearer seam_k"], ${curl})`;
      const out = await php(
        `transport-${curl}`,
        [
          `$t = ${transport};`,
          '$answer = $t->send("POST", "/devices/get", (object) ["device_id" => "d-3"], null);',
          'echo "[";',
          `${caught('$t->send("POST", "/nothing", (object) [], null)')};`,
          'echo ",", json_encode($answer), "]";',
        ].join('\n'),
      );
      expect(out, curl ? 'curl' : 'streams').toEqual([
        { class: 'Seam\\HttpApiError', message: expect.stringContaining('POST /nothing'), code: UNMATCHED_ERROR_TYPE },
        { device: expect.objectContaining({ device_id: 'd-3' }), ok: true },
      ]);
      expect(server.requests.find((r) => r.example === `transport-${curl}`)).toMatchObject({ method: 'POST', body: { device_id: 'd-3' }, authorization: 'Bearer seam_k' });
    }
  });

  it('refuses a host it cannot reach with a ConnectException naming it', async () => {
    const out = await php('connect', caught('(new Seam\\SeamClient("seam_k", "http://127.0.0.1:1"))->devices->list()'));
    expect(out).toMatchObject({ class: 'Seam\\Http\\ConnectException', message: expect.stringContaining('127.0.0.1:1') });
  });
});
