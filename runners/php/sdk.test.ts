// `--sdk php=PATH`: a checkout shaped as seamapi/seam 3.x is (route clients on Guzzle, request
// paths that start with `/`, action methods that wait unless told not to), run on Debian's
// Guzzle. The driver must keep the example prefix Guzzle drops, and never wait for an attempt.
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunnerEnv } from '../../harness/run/types.ts';
import { collect, job, testEnv } from '../../test/helpers/run/jobs.ts';
import { seamRoutes, startMockServer, type MockServer } from '../../test/helpers/run/mock-server.ts';
import { DEBIAN_GUZZLE } from './install.ts';
import { runner } from './runner.ts';

const CLIENT = `<?php
namespace Seam;

use GuzzleHttp\\Client;

class SeamClient
{
    public Client $client;
    public Routes\\DevicesClient $devices;
    public Routes\\LocksClient $locks;

    public function __construct($api_key = null, $endpoint = "https://connect.getseam.com", $throw_http_errors = false)
    {
        $this->client = new Client(["base_uri" => $endpoint, "http_errors" => $throw_http_errors, "headers" => ["Authorization" => "Bearer " . $api_key]]);
        $this->devices = new Routes\\DevicesClient($this);
        $this->locks = new Routes\\LocksClient($this);
    }

    public function request(string $path, array $json): object
    {
        return json_decode((string) $this->client->request("POST", $path, ["json" => (object) $json])->getBody());
    }
}
`;

const ROUTES = {
  DevicesClient: `public function get(string $device_id): object { return $this->seam->request("/devices/get", ["device_id" => $device_id])->device; }`,
  LocksClient: `public function unlock_door(string $device_id, bool $wait_for_action_attempt = true): object
    {
        $attempt = $this->seam->request("/locks/unlock_door", ["device_id" => $device_id])->action_attempt;
        return $wait_for_action_attempt ? $this->seam->request("/action_attempts/get", ["action_attempt_id" => $attempt->action_attempt_id])->action_attempt : $attempt;
    }`,
};

let checkout = '';
let server: MockServer;
let env: RunnerEnv;
beforeAll(async () => {
  checkout = await mkdtemp(path.join(tmpdir(), 'doc-harness-php-checkout-'));
  // The sandbox runs as nobody: what it reads must be world-readable, as a checkout usually is.
  await chmod(checkout, 0o755);
  await mkdir(path.join(checkout, 'src', 'Routes'), { recursive: true });
  await writeFile(path.join(checkout, 'src', 'SeamClient.php'), CLIENT);
  for (const [name, body] of Object.entries(ROUTES)) {
    await writeFile(
      path.join(checkout, 'src', 'Routes', `${name}.php`),
      `<?php\nnamespace Seam\\Routes;\n\nclass ${name}\n{\n    public function __construct(private \\Seam\\SeamClient $seam) {}\n\n    ${body}\n}\n`,
    );
  }
  await writeFile(path.join(checkout, 'package.json'), '{"version":"3.0.0-checkout"}');
  server = await startMockServer({ ...seamRoutes, '/locks/unlock_door': () => ({ body: { action_attempt: { action_attempt_id: 'aa-9', status: 'pending' }, ok: true } }) });
  env = await testEnv(server, { sdkVersion: checkout });
});
afterAll(async () => {
  await server?.close();
  await rm(checkout, { recursive: true, force: true });
  if (env) await rm(env.workDir, { recursive: true, force: true });
});

describe.skipIf(!existsSync(DEBIAN_GUZZLE))('php runner on a local checkout of the SDK', () => {
  it('says it runs the checkout', async () => {
    expect(await runner.prepare(env)).toMatchObject({ ready: true, client: `seamapi/seam (local checkout ${checkout}, on Debian's Guzzle)`, version: '3.0.0-checkout' });
  });

  it("keeps the example's prefix on every request and tells action methods not to wait", async () => {
    const jobs = [
      job(server, 'php', 'sdk-get', '<?php\n$seam->devices->get(device_id: "d-5");'),
      job(server, 'php', 'sdk-unlock', '<?php\n$seam->locks->unlock_door(device_id: "d-5");'),
      job(server, 'php', 'sdk-undefined', '<?php\n$seam->devices->nope();'),
    ];
    const results = await collect(runner.run(jobs, env));
    expect(results.get(jobs[0].sample.id)?.outcome).toMatchObject({ ok: true, value: { json: { device_id: 'd-5' } } });
    expect(results.get(jobs[1].sample.id)?.outcome).toMatchObject({ ok: true, value: { json: { action_attempt_id: 'aa-9', status: 'pending' } } });
    expect(results.get(jobs[2].sample.id)?.outcome).toMatchObject({
      ok: false,
      error: { kind: 'runtime', message: 'Error: Call to undefined method Seam\\Routes\\DevicesClient::nope()', line: 12 },
    });
    // Every request reached the mock under its own example, none polled the attempt.
    expect(server.requests.map((r) => `${r.example} ${r.path}`)).toEqual(['sdk-get /devices/get', 'sdk-unlock /locks/unlock_door']);
  });
});
