// The Ruby snippets, documented responses and attacks of the shared conformance suite
// (test/conformance/cases.ts). The responses are written from the suite's own values in the
// docs' Ruby display (`{"key" => value}`), so they cannot drift from what the mock answers.
import type { Json } from '../../harness/model.ts';
import { ACTION_ATTEMPT, DEVICE, DEVICE_2, type ConformanceLanguage } from '../../test/conformance/cases.ts';

/** A JSON value as the docs' Ruby responses print it. */
export function rubyDisplay(value: Json, indent = ''): string {
  if (value === null) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value !== 'object') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((item) => `${inner}${rubyDisplay(item, inner)},`).join('\n')}\n${indent}]`;
  const entries = Object.entries(value).map(([key, item]) => `${inner}${JSON.stringify(key)} => ${rubyDisplay(item, inner)},`);
  return `{\n${entries.join('\n')}\n${indent}}`;
}

const get = 'seam.devices.get(device_id: "d-1")';
const str = (text: string) => JSON.stringify(text);

export const cases = {
  language: 'ruby',
  responses: {
    get: rubyDisplay(DEVICE),
    list: rubyDisplay([DEVICE, DEVICE_2]),
    action: rubyDisplay(ACTION_ATTEMPT),
    void: 'nil',
  },
  snippets: {
    get,
    list: 'seam.devices.list',
    action: 'seam.locks.unlock_door(device_id: "d-1")',
    void: 'seam.access_codes.delete(access_code_id: "ac-1")',

    infiniteLoop: 'loop {}',
    exit: 'exit(3)',
    raise: 'device = seam.devices.get(device_id: "d-1")\nraise "boom: #{device.display_name}"',
    syntax: 'seam.devices.get(\n  device_id: "d-1"\n  name: "Front Door",\n)',
    unrecorded: 'seam.devices.get(device_id: "d-404")',
    foreignHost: 'require "net/http"\nNet::HTTP.get(URI("http://203.0.113.7/"))',
    // A global, the environment, a core class, the client's entry point, a resource class and
    // $stdout, each changed so that the victim would fail if the change reached it.
    mutateGlobal: [
      '$poisoned = true',
      'ENV["POISONED"] = "1"',
      'class Hash',
      '  def compact = raise("poisoned Hash#compact")',
      'end',
      'Seam.singleton_class.define_method(:new) { |**| raise "poisoned Seam.new" }',
      'Seam::Resources::Device.define_method(:data) { "poisoned" }',
      '$stdout.close',
      get,
    ].join('\n'),
    victim: [
      'raise "leaked: #{[$poisoned, ENV["POISONED"]].inspect}" if $poisoned || ENV.key?("POISONED")',
      'puts "still printing"',
      'Seam.new(wait_for_action_attempt: false).devices.get(device_id: "d-1").data',
    ].join('\n'),
    // A thread, a forked process and one that left the process group (setsid), each calling the
    // mock a moment after the sample has ended.
    leaveRunning: [
      'leak = -> { sleep 0.3; seam.devices.get(device_id: "d-leak") }',
      'Thread.new { leak.call }',
      'fork { leak.call }',
      'fork { Process.setsid; leak.call }',
      get,
    ].join('\n'),
    memoryBomb: 'chunks = []\nloop { chunks << ("x" * (256 << 20)) }',
    outputFlood: 'loop { $stdout.write("x" * 65_536) }',
  },
  positions: { raise: { line: 2 }, syntax: { line: 3, column: 3 } },
  attacks: {
    readEnv: (name) => `ENV.fetch(${str(name)}, ${str(`${name} is not set`)})`,
    readFile: (path) => `File.open(${str(path)}, &:gets).to_s.chomp`,
    writeFile: (path) => `File.write(${str(path)}, "pwned")\n${get}`,
    connectPort: (port) => `require "socket"\nTCPSocket.new("127.0.0.1", ${port}).write("pwned")\n${get}`,
    killParent: [
      '[[:KILL, Process.ppid], [:KILL, 0], [:KILL, -1]].each do |signal, target|',
      '  Process.kill(signal, target)',
      'rescue SystemCallError',
      '  nil',
      'end',
      get,
    ].join('\n'),
    forkBomb: 'loop { fork }',
  },
} satisfies ConformanceLanguage;
