// The shared conformance cases (test/conformance/cases.ts) in Go, against github.com/seamapi/go
// v0.6.1 as it is: request structs are passed by pointer, optional fields take pointers
// (api.String), required ones plain values. Snippets are whole programs, as the docs print them;
// `client` and the "context" import are what the runner provides. A Go program has no "last
// expression": the runner captures the value of each client call (it wraps them in
// docHarnessResult), and the attacks hand what they found to that same capture.
import type { ConformanceLanguage } from '../../test/conformance/cases.ts';

const program = (body: string, imports: string[] = ['api "github.com/seamapi/go"']) =>
  `package main\n\n${imports.map((i) => `import ${i}\n`).join('')}\nfunc main() {\n${body}\n}`;

const getCall = (id: string) => `\tclient.Devices.Get(context.Background(), &api.DevicesGetRequest{DeviceId: api.String("${id}")})`;
const get = getCall('d-1');

/** Hands `expression` (a string) to the harness as the sample's value. */
const found = (expression: string) => `\tdocHarnessResult(${expression}, nil)`;

export const cases: ConformanceLanguage = {
  language: 'go',
  responses: {
    get: 'api.Device{DeviceId: "d-1", DisplayName: "Front Door", DeviceType: "august_lock", CreatedAt: "2024-05-01T10:00:00.000Z", Properties: api.DeviceProperties{Online: true, Locked: false}}',
    list: '[]api.Device{api.Device{DeviceId: "d-1", DisplayName: "Front Door", DeviceType: "august_lock", CreatedAt: "2024-05-01T10:00:00.000Z", Properties: api.DeviceProperties{Online: true, Locked: false}}, api.Device{DeviceId: "d-2", DisplayName: "Back Door", DeviceType: "august_lock", CreatedAt: "2024-05-02T10:00:00.000Z", Properties: api.DeviceProperties{Online: false, Locked: true}}}',
    action: 'api.ActionAttempt{ActionAttemptId: "aa-1", ActionType: "UNLOCK_DOOR", Status: "pending", Result: nil, Error: nil}',
    void: 'nil',
  },
  snippets: {
    get: program(get),
    list: program('\tclient.Devices.List(context.Background(), &api.DevicesListRequest{})'),
    action: program('\tclient.Locks.UnlockDoor(context.Background(), &api.LocksUnlockDoorRequest{DeviceId: "d-1"})'),
    void: program('\tclient.AccessCodes.Delete(context.Background(), &api.AccessCodesDeleteRequest{AccessCodeId: "ac-1"})'),

    infiniteLoop: program('\tn := 0\n\tfor {\n\t\tn++\n\t}', []),
    exit: program('\tos.Exit(3)', []),
    // Line 5: the panic (no import lines above it).
    raise: program('\tpanic(errors.New("boom"))', []),
    // Line 6, column 94: a second comma where a field should be.
    syntax: program('\tclient.Devices.Get(context.Background(), &api.DevicesGetRequest{DeviceId: api.String("d-1"),,})'),
    unrecorded: program(getCall('d-404')),
    foreignHost: program('\tresp, err := http.Get("http://203.0.113.7/")\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\tfmt.Println(resp.Status)', []),
    // Every HTTP request of the process goes through http.DefaultTransport, the SDK's too.
    mutateGlobal: program(`\thttp.DefaultTransport = nil\n\thttp.DefaultClient.Timeout = time.Nanosecond\n\tos.Setenv("HOME", "/nowhere")\n${get}`),
    victim: program(get),
    leaveRunning: program(`\tgo func() {\n\t\ttime.Sleep(500 * time.Millisecond)\n\t${getCall('d-leak')}\n\t}()\n${get}`),
    memoryBomb: program('\tvar keep [][]byte\n\tfor {\n\t\tkeep = append(keep, make([]byte, 64<<20))\n\t}', []),
    outputFlood: program('\tfor {\n\t\tfmt.Println("flood flood flood flood flood flood flood flood")\n\t}', []),
  },
  positions: { raise: { line: 5, column: 2 }, syntax: { line: 6, column: 94 } },
  attacks: {
    readEnv: (name) => program(`\tvalue, ok := os.LookupEnv(${JSON.stringify(name)})\n\tif !ok {\n\t\tvalue = "absent"\n\t}\n${found('value')}`, []),
    readFile: (path) =>
      program(
        `\tdata, err := os.ReadFile(${JSON.stringify(path)})\n\tif err != nil {\n${found('err.Error()')}\n\t\treturn\n\t}\n\tfirst, _, _ := strings.Cut(string(data), "\\n")\n${found('first')}`,
        [],
      ),
    writeFile: (path) => program(`\tos.WriteFile(${JSON.stringify(path)}, []byte("pwned"), 0o644)\n${get}`),
    connectPort: (port) =>
      program(`\tif conn, err := net.Dial("tcp", "127.0.0.1:${port}"); err == nil {\n\t\tconn.Write([]byte("pwned"))\n\t\tconn.Close()\n\t}\n${get}`),
    killParent: program(`\tsyscall.Kill(os.Getppid(), syscall.SIGKILL)\n\tsyscall.Kill(0, syscall.SIGKILL)\n\tsyscall.Kill(-1, syscall.SIGKILL)\n${get}`),
    forkBomb: program('\tfor {\n\t\texec.Command("sleep", "60").Start()\n\t}', []),
  },
};
