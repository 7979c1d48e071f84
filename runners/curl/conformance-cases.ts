// The conformance cases (test/conformance/cases.ts) as cURL tabs. A cURL tab is one curl command,
// not code; each runs as its own process in its own sandbox, so nothing it does outlives it. What
// it can try is curl's own features (files, other hosts), which the option allowlist refuses.
import { ACTION_ATTEMPT, DEVICE, DEVICE_2, type ConformanceLanguage } from '../../test/conformance/cases.ts';

const json = (value: unknown) => JSON.stringify(value, null, 2);
const notCode = (what: string) => ({ notApplicable: `a cURL tab is one curl command, not code: it cannot ${what}` });
const API = 'https://connect.getseam.com';
const call = (path: string, body: object, extra = '') =>
  `curl --request POST "${API}${path}" \\\n  --header "Authorization: Bearer $SEAM_API_KEY" \\\n  --json '${JSON.stringify(body)}'${extra}`;
const get = call('/devices/get', { device_id: 'd-1' });

export const cases: ConformanceLanguage = {
  language: 'curl',
  responses: {
    get: json({ device: DEVICE, ok: true }),
    list: json({ devices: [DEVICE, DEVICE_2], ok: true }),
    action: json({ action_attempt: ACTION_ATTEMPT, ok: true }),
    void: json({ ok: true }),
  },
  snippets: {
    get,
    list: call('/devices/list', {}),
    action: call('/locks/unlock_door', { device_id: 'd-1' }),
    void: call('/access_codes/delete', { access_code_id: 'ac-1' }),
    infiniteLoop: notCode('loop'),
    exit: notCode('choose its exit code'),
    raise: notCode('raise an error of its own'),
    syntax: `curl --request POST "${API}/devices/get`,
    unrecorded: call('/devices/get', { device_id: 'd-404' }),
    foreignHost: 'curl --request POST "http://203.0.113.7/devices/get"',
    // A .curlrc in HOME would change every later curl: the option that writes it is refused.
    mutateGlobal: call('/devices/get', { device_id: 'd-1' }, ' \\\n  --output /tmp/home/.curlrc'),
    victim: get,
    leaveRunning: notCode('start work that outlives it'),
    memoryBomb: notCode('allocate memory'),
    outputFlood: notCode('print at will'),
  },
  positions: { syntax: { line: 1 } },
  attacks: {
    readEnv: () => notCode('read the environment'),
    readFile: (path) => `curl --request POST "${API}/devices/get" --data @${path}`,
    writeFile: (path) => `${get} \\\n  --output ${path}`,
    connectPort: (port) => `curl --request POST "http://127.0.0.1:${port}/devices/get"`,
    killParent: notCode('signal a process'),
    forkBomb: notCode('start processes'),
  },
};
