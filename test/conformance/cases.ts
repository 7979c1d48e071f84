// The one list of ordinary and hostile samples every runner must handle (see suite.ts). A language
// joins by writing `runners/<language>/conformance.test.ts`: its snippet for each case, in its own
// syntax, and a call to `conformance(…)`. Every case is required: the next language inherits them.
//
// The mock behind the suite answers these routes (recordings are derived from the pages the suite
// writes, so the documented responses below are also what the mock returns):
//   POST /devices/get           {device_id: "d-1"}          → { device: DEVICE }
//   POST /devices/list          {}                          → { devices: [DEVICE, DEVICE_2] }
//   POST /locks/unlock_door     {device_id: "d-1"}          → { action_attempt: ACTION_ATTEMPT }
//   POST /access_codes/delete   {access_code_id: "ac-1"}    → void
import type { LanguageId } from '../../harness/model.ts';

export const DEVICE = { device_id: 'd-1', display_name: 'Front Door', device_type: 'august_lock', created_at: '2024-05-01T10:00:00.000Z', properties: { online: true, locked: false } };
export const DEVICE_2 = { device_id: 'd-2', display_name: 'Back Door', device_type: 'august_lock', created_at: '2024-05-02T10:00:00.000Z', properties: { online: false, locked: true } };
export const ACTION_ATTEMPT = { action_attempt_id: 'aa-1', action_type: 'UNLOCK_DOOR', status: 'pending', result: null, error: null };

/**
 * A case a language cannot express at all, with the reason (a Seam CLI tab is one command line:
 * it has no loop to hang in). Only hostile cases and attacks may be not applicable.
 */
export interface NotApplicable {
  notApplicable: string;
}
export type Hostile = string | NotApplicable;

/** A position in the request snippet's own coordinates: line 1 is its first line, columns 1-based. */
export interface SnippetPoint {
  line: number;
  /** Checked when given. */
  column?: number;
}

export interface ConformanceLanguage {
  language: LanguageId;
  /** Documented responses, in this language's response syntax (what its reader reads): the values above, whole. */
  responses: {
    get: string; // DEVICE
    list: string; // [DEVICE, DEVICE_2]
    action: string; // ACTION_ATTEMPT
    void: string; // the language's void (often an empty fence or `None`/`nil`/`null`)
  };
  /** Request snippets. Ordinary ones must pass; hostile ones get the verdict the suite names. */
  snippets: {
    // ---- ordinary: the documented call, its value compared with the documented response
    get: string; // devices.get device_id "d-1"
    list: string; // devices.list
    action: string; // locks.unlock_door device_id "d-1"
    void: string; // access_codes.delete access_code_id "ac-1"

    // ---- hostile: each its own verdict, the rest of the batch unharmed
    /** Never ends (a busy loop): error/timeout. */
    infiniteLoop: Hostile;
    /** Ends its process or interpreter with code 3: error/runtime. */
    exit: Hostile;
    /** Raises/throws an error (message containing "boom") on the line `positions.raise` names: error/runtime there. */
    raise: Hostile;
    /** Does not parse; the language's own parser reports `positions.syntax`: error/syntax there. */
    syntax: Hostile;
    /** devices.get with device_id "d-404", which no recording holds: error/unmatched. */
    unrecorded: Hostile;
    /** Connects straight to http://203.0.113.7/ (not the mock, not through the client): error (network or runtime). */
    foreignHost: Hostile;
    /**
     * Changes something the next sample relies on (a builtin, the client class, a global, the
     * environment, a shared module) so that `victim` would fail if it leaked, then makes the
     * `get` call. Its own verdict is whatever it is; `victim`, run right after it in the same
     * batch, must pass, as it does with --isolate.
     */
    mutateGlobal: Hostile;
    victim: Hostile;
    /**
     * Starts work that outlives it (a thread, a timer, a child process, a goroutine) which would
     * call devices.get with device_id "d-leak" a moment later, then makes the `get` call. No
     * request for "d-leak" may reach the mock after the sample ended, from any sample.
     */
    leaveRunning: Hostile;
    /** Allocates far more than the memory limit: error/limit ("memory limit … exceeded") or runtime. */
    memoryBomb: Hostile;
    /** Prints without end: error/limit ("output limit … exceeded") or timeout. */
    outputFlood: Hostile;
  };
  /** Where `raise` and `syntax` fail, in snippet coordinates. */
  positions: { raise?: SnippetPoint; syntax?: SnippetPoint };
  /** Attacks on the machine (test/security): each returns what it found as its value, so a leak would show. */
  attacks: {
    /** Returns the value of environment variable `name` (or a string saying it is absent). */
    readEnv(name: string): Hostile;
    /** Returns the first line of the file at `path`. */
    readFile(path: string): Hostile;
    /** Writes "pwned" to the file at `path`, then makes the `get` call. */
    writeFile(path: string): Hostile;
    /** Opens a TCP connection to 127.0.0.1:`port`, sends "pwned", then makes the `get` call. */
    connectPort(port: number): Hostile;
    /** Sends SIGKILL to its parent process and to process group 0 / every process it may signal (-1), then makes the `get` call. */
    killParent: Hostile;
    /** Starts processes without end (a fork bomb, bounded only by the sandbox). */
    forkBomb: Hostile;
  };
}
