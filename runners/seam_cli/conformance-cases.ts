// The conformance cases (test/conformance/cases.ts) as Seam CLI tabs. A CLI tab is one command
// line, not code: it cannot loop, exit with a code of its choosing, allocate or print at will, or
// start anything. What it can do to the next command is change the CLI's own stored state.
import { ACTION_ATTEMPT, DEVICE, DEVICE_2, type ConformanceLanguage } from '../../test/conformance/cases.ts';

const json = (value: unknown) => JSON.stringify(value, null, 2);
const notCode = (what: string) => ({ notApplicable: `a Seam CLI tab is one command line, not code: it cannot ${what}` });
const get = 'seam devices get --device_id "d-1"';

export const cases: ConformanceLanguage = {
  language: 'seam_cli',
  responses: { get: json(DEVICE), list: json([DEVICE, DEVICE_2]), action: json(ACTION_ATTEMPT), void: '{}' },
  snippets: {
    get,
    list: 'seam devices list',
    action: 'seam locks unlock-door --device_id "d-1"',
    void: 'seam access-codes delete --access_code_id "ac-1"',
    infiniteLoop: notCode('loop'),
    exit: notCode('choose its exit code'),
    raise: notCode('raise an error of its own'),
    syntax: 'seam devices get --device_id "d-1',
    unrecorded: 'seam devices get --device_id "d-404"',
    foreignHost: 'seam devices get --device_id "d-1" --endpoint http://203.0.113.7',
    // The CLI stores a selected endpoint for every later command: the next one must not see it.
    mutateGlobal: 'seam select endpoint http://203.0.113.7',
    victim: get,
    leaveRunning: notCode('start work that outlives it'),
    memoryBomb: notCode('allocate memory'),
    outputFlood: notCode('print at will'),
  },
  positions: { syntax: { line: 1 } },
  attacks: {
    readEnv: () => notCode('read the environment'),
    readFile: () => notCode('read a file'),
    writeFile: () => notCode('write a file'),
    connectPort: (port) => `seam devices list --endpoint http://127.0.0.1:${port}`,
    killParent: notCode('signal a process'),
    forkBomb: notCode('start processes'),
  },
};
