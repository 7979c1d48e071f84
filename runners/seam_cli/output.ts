import type { Json, JsonObject, Value } from '../../harness/model.ts';
import { errorAt, type Outcome } from '../../harness/run/pool.ts';
import { UNMATCHED_ERROR_TYPE } from '../../harness/run/protocol.ts';
import { isNetworkFailure, networkMessage } from '../../harness/run/sandbox/network.ts';
import type { RunJob } from '../../harness/run/types.ts';
import { isJsonObject, parseJson } from '../../harness/values/json.ts';

/** What one CLI command left: its stdout, stderr and exit code (in-process or a real process). */
export interface CliOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * The CLI prints the response body reduced to its response key (plus `pagination` for lists), as
 * JSON, or `{}` for a void route; an API error prints `{"error": …}` and exits 1. The docs show
 * the resource itself, as the SDKs return it: so the value is unwrapped by the route's response
 * key, and the pagination of a list is dropped.
 */
export function decodeCliOutput(job: RunJob, output: CliOutput): Outcome {
  const printed = parseJson(output.stdout);
  if (output.exitCode !== 0) {
    const error = isJsonObject(printed) && isJsonObject(printed.error) ? printed.error : undefined;
    const detail = [output.stdout.trim(), output.stderr.trim()].filter(Boolean).join('\n') || undefined;
    if (error?.type === UNMATCHED_ERROR_TYPE) {
      return errorAt(job, { kind: 'unmatched', message: String(error.message ?? 'unmatched request'), detail });
    }
    const message = error
      ? `${String(error.type ?? 'error')}: ${String(error.message ?? '')}`
      : firstLine(output.stderr) ?? firstLine(output.stdout) ?? 'no output';
    const said = `seam exited with code ${output.exitCode}: ${message}`;
    if (isNetworkFailure(`${message}\n${output.stderr}`)) return errorAt(job, { kind: 'network', message: networkMessage(said), detail });
    return errorAt(job, { kind: 'runtime', message: said, detail });
  }
  if (output.stdout.trim() === '') return { ok: true, value: { kind: 'void' } };
  if (printed === undefined) {
    return errorAt(job, { kind: 'runtime', message: `seam printed something that is not JSON: ${firstLine(output.stdout)}`, detail: output.stdout });
  }
  return { ok: true, value: unwrap(printed, job.responseKey) };
}

function unwrap(printed: Json, responseKey: string | null | undefined): Value {
  if (!isJsonObject(printed)) return { kind: 'json', json: printed };
  const keys = Object.keys(printed).filter((key) => key !== 'pagination');
  if (typeof responseKey === 'string' && responseKey in printed) return { kind: 'json', json: printed[responseKey] };
  if (keys.length === 0) return { kind: 'void' };
  // The route's key is unknown: a body of one key is that key's value.
  if (responseKey === undefined && keys.length === 1) return { kind: 'json', json: printed[keys[0]] };
  return { kind: 'json', json: printed };
}



function firstLine(text: string): string | undefined {
  // The CLI colours nothing when NO_COLOR is set; strip escapes anyway for a clean message.
  return text
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.trim())
    .find(Boolean);
}
