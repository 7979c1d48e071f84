// The conformance cases (test/conformance/cases.ts) in JavaScript, as the docs' tabs write it.
import { ACTION_ATTEMPT, DEVICE, DEVICE_2, type ConformanceLanguage } from '../../test/conformance/cases.ts';

const json = (value: unknown) => JSON.stringify(value, null, 2);
const get = 'await seam.devices.get({ device_id: "d-1" });';

export const cases: ConformanceLanguage = {
  language: 'javascript',
  responses: {
    get: json(DEVICE),
    list: json([DEVICE, DEVICE_2]),
    action: json(ACTION_ATTEMPT),
    void: '// void',
  },
  snippets: {
    get,
    list: 'await seam.devices.list();',
    action: 'await seam.locks.unlockDoor({ device_id: "d-1" });',
    void: 'await seam.accessCodes.delete({ access_code_id: "ac-1" });',
    infiniteLoop: 'while (true) {}',
    exit: 'process.exit(3);',
    raise: `const device = ${get}\nthrow new Error("boom");`,
    syntax: 'await seam.devices.get({\n  device_id: "d-1"\n  name: "x",\n});',
    unrecorded: 'await seam.devices.get({ device_id: "d-404" });',
    foreignHost: 'await new Seam({ endpoint: "http://203.0.113.7", apiKey: "seam_other_key" }).devices.get({ device_id: "d-1" });',
    mutateGlobal: ['Object.prototype.device_id = "poisoned";', 'Array.prototype.map = null;', 'JSON.stringify = () => "{}";', 'globalThis.Seam = null;', get].join('\n'),
    victim: ['const ids = [1].map((x) => x);', 'if ({}.device_id !== undefined || Seam === null) throw new Error("leaked");', get].join('\n'),
    leaveRunning: ['setTimeout(() => seam.devices.get({ device_id: "d-leak" }), 500);', get].join('\n'),
    // Buffers live outside V8's heap: only the sandbox's memory watch can stop them.
    memoryBomb: 'const hog = [];\nwhile (true) hog.push(new Float64Array(1e7).fill(1));',
    outputFlood: 'while (true) console.log("x".repeat(10000));',
  },
  positions: { raise: { line: 2, column: 7 }, syntax: { line: 3, column: 3 } },
  attacks: {
    readEnv: (name) => `process.env[${JSON.stringify(name)}] ?? "absent";`,
    readFile: (path) => `const fs = await import("node:fs");\nfs.readFileSync(${JSON.stringify(path)}, "utf8").split("\\n")[0];`,
    writeFile: (path) => `const fs = await import("node:fs");\nfs.writeFileSync(${JSON.stringify(path)}, "pwned");\n${get}`,
    connectPort: (port) => `const net = await import("node:net");\nnet.connect(${port}, "127.0.0.1").end("pwned");\n${get}`,
    killParent: `process.kill(process.ppid, "SIGKILL");\nprocess.kill(-1, "SIGKILL");\n${get}`,
    forkBomb: 'const { spawn } = await import("node:child_process");\nwhile (true) spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"]);',
  },
};
