// The conformance cases (test/conformance/cases.ts) in Python, as the docs' tabs write it: a call
// on `seam`, and the generator's display of the returned value (`Device(…)`, `None` for void).
import { ACTION_ATTEMPT, DEVICE, DEVICE_2, type ConformanceLanguage } from '../../test/conformance/cases.ts';

/** A JSON value as a Python literal. */
function literal(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object') return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${literal(item)}`).join(', ')}}`;
  return JSON.stringify(value);
}

/** `Device(\n    device_id="d-1",\n    …\n)`: how the docs display an SDK object. */
function display(type: string, value: Record<string, unknown>): string {
  return `${type}(\n${Object.entries(value).map(([key, item]) => `    ${key}=${literal(item)},`).join('\n')}\n)`;
}

const str = (text: string) => JSON.stringify(text);
const get = 'seam.devices.get(device_id="d-1")';

export const cases: ConformanceLanguage = {
  language: 'python',
  responses: {
    get: display('Device', DEVICE),
    list: `[${[DEVICE, DEVICE_2].map((device) => display('Device', device)).join(', ')}]`,
    action: display('ActionAttempt', ACTION_ATTEMPT),
    void: 'None',
  },
  snippets: {
    get,
    list: 'seam.devices.list()',
    action: 'seam.locks.unlock_door(device_id="d-1")',
    void: 'seam.access_codes.delete(access_code_id="ac-1")',
    infiniteLoop: 'while True:\n    pass',
    exit: 'import sys\nsys.exit(3)',
    raise: `device = ${get}\nraise RuntimeError("boom")`,
    syntax: `device = ${get}\nif device\n    device`,
    unrecorded: 'seam.devices.get(device_id="d-404")',
    foreignHost: 'import urllib.request\nurllib.request.urlopen("http://203.0.113.7/", timeout=5).read()',
    mutateGlobal: [
      'import builtins, json, os, sys',
      'import seam as seam_module',
      'builtins.len = lambda value: -1',
      'seam_module.Seam = None',
      'json.dumps = None',
      'sys.modules["urllib"] = None',
      'os.environ["SEAM_ENDPOINT"] = "http://203.0.113.7"',
      get,
    ].join('\n'),
    victim: [
      'import json, urllib.parse',
      'from seam import Seam as Fresh',
      'assert len("ab") == 2 and json.dumps(1) == "1"',
      // A client made from the environment: it reaches this example's mock only if SEAM_ENDPOINT is its own.
      'Fresh().devices.get(device_id="d-1")',
    ].join('\n'),
    leaveRunning: [
      'import os, threading, time',
      'def later():',
      '    time.sleep(0.5)',
      '    seam.devices.get(device_id="d-leak")',
      'threading.Thread(target=later).start()',
      'if os.fork() == 0:',
      '    os.setsid()',
      '    later()',
      '    os._exit(0)',
      get,
    ].join('\n'),
    memoryBomb: 'hog = bytearray(8 * 1024 ** 3)',
    outputFlood: 'while True:\n    print("x" * 10000)',
  },
  positions: { raise: { line: 2, column: 1 }, syntax: { line: 2, column: 10 } },
  attacks: {
    readEnv: (name) => `import os\nos.environ.get(${str(name)}, "absent")`,
    readFile: (path) => `open(${str(path)}).readline().rstrip("\\n")`,
    writeFile: (path) => `with open(${str(path)}, "w") as file:\n    file.write("pwned")\n${get}`,
    connectPort: (port) =>
      `import socket\nwith socket.create_connection(("127.0.0.1", ${port}), timeout=5) as connection:\n    connection.sendall(b"pwned")\n${get}`,
    killParent: `import os, signal\nfor target in (os.getppid(), -1):\n    try:\n        os.kill(target, signal.SIGKILL)\n    except OSError:\n        pass\n${get}`,
    forkBomb: 'import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass',
  },
};
