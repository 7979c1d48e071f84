// The conformance cases (test/conformance/cases.ts) as PHP tabs: `<?php` snippets calling the
// client with named arguments, responses as the generator prints them (short arrays).
import type { Json } from '../../harness/model.ts';
import { ACTION_ATTEMPT, DEVICE, DEVICE_2, type ConformanceLanguage } from '../../test/conformance/cases.ts';

/** A JSON value as a PHP literal, the way the docs print a returned value. */
function php(value: Json, indent = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value).replace(/\$/g, '\\$');
  if (typeof value !== 'object') return String(value);
  const inner = `${indent}    `;
  const items = Array.isArray(value)
    ? value.map((item) => `${inner}${php(item, inner)},`)
    : Object.entries(value).map(([key, item]) => `${inner}${JSON.stringify(key)} => ${php(item, inner)},`);
  return items.length === 0 ? '[]' : `[\n${items.join('\n')}\n${indent}]`;
}

const response = (value: Json) => `<?php\n${php(value)};`;
const call = (expression: string) => `<?php\n${expression}`;
const get = (id = 'd-1') => `$seam->devices->get(device_id: "${id}");`;

export const cases: ConformanceLanguage = {
  language: 'php',
  responses: {
    get: response(DEVICE as Json),
    list: response([DEVICE, DEVICE_2] as Json),
    action: response(ACTION_ATTEMPT as Json),
    void: '<?php\nnull;',
  },
  snippets: {
    get: call(get()),
    list: call('$seam->devices->list();'),
    action: call('$seam->locks->unlock_door(device_id: "d-1");'),
    void: call('$seam->access_codes->delete(access_code_id: "ac-1");'),
    infiniteLoop: call('while (true) {\n}'),
    exit: call('exit(3);'),
    raise: call(`$device = ${get()}\nthrow new RuntimeException("boom");`),
    syntax: call('$seam->devices->get(\n    device_id: "d-1"\n    name: "Front Door",\n);'),
    unrecorded: call(get('d-404')),
    foreignHost: call(`file_get_contents("http://203.0.113.7/");\n${get()}`),
    // A function, a global, an environment variable and a static property: each would make the
    // victim fail ("Cannot redeclare", a null client, another key) if it reached it.
    mutateGlobal: call(
      [
        'function doc_harness_device_id() { return "d-404"; }',
        'putenv("SEAM_API_KEY=seam_leaked_key");',
        '$_ENV["DOC_HARNESS_LEAK"] = "leaked";',
        '$GLOBALS["seam"] = null;',
        get(),
      ].join('\n'),
    ),
    victim: call(
      [
        'function doc_harness_device_id() { return "d-1"; }',
        'if (getenv("SEAM_API_KEY") === "seam_leaked_key" || isset($_ENV["DOC_HARNESS_LEAK"])) {',
        '    throw new RuntimeException("the previous sample leaked");',
        '}',
        '$seam->devices->get(device_id: doc_harness_device_id());',
      ].join('\n'),
    ),
    leaveRunning: call(['if (pcntl_fork() === 0) {', '    sleep(1);', `    ${get('d-leak')}`, '    exit(0);', '}', get()].join('\n')),
    memoryBomb: call('$blocks = [];\nwhile (true) {\n    $blocks[] = str_repeat("x", 1 << 20);\n}'),
    outputFlood: call('while (true) {\n    echo str_repeat("flood ", 1000), "\\n";\n}'),
  },
  positions: { raise: { line: 3 }, syntax: { line: 4, column: 5 } },
  attacks: {
    readEnv: (name) => call(`$value = getenv(${JSON.stringify(name)});\n$value === false ? "absent" : $value;`),
    readFile: (path) => call(`strtok(file_get_contents(${JSON.stringify(path)}), "\\n");`),
    writeFile: (path) => call(`file_put_contents(${JSON.stringify(path)}, "pwned");\n${get()}`),
    connectPort: (port) => call(`$socket = stream_socket_client("tcp://127.0.0.1:${port}");\nfwrite($socket, "pwned");\n${get()}`),
    killParent: call(`posix_kill(posix_getppid(), SIGKILL);\nposix_kill(0, SIGKILL);\nposix_kill(-1, SIGKILL);\n${get()}`),
    forkBomb: call('while (true) {\n    pcntl_fork();\n}'),
  },
};
