import type { Json, JsonObject, Value } from '../../harness/model.ts';
import { errorAt, type Outcome } from '../../harness/run/pool.ts';
import { UNMATCHED_ERROR_TYPE } from '../../harness/run/protocol.ts';
import type { RunJob } from '../../harness/run/types.ts';
import { isJsonObject, parseJson } from '../../harness/values/json.ts';

/**
 * curl's `--include` output split into the status of the last response (after any
 * `100 Continue`) and its body.
 */
export function splitResponse(output: string): { status: number | undefined; body: string } {
  let rest = output;
  let status: number | undefined;
  for (;;) {
    const head = /^HTTP\/[\d.]+\s+(\d{3})[^\n]*\n/.exec(rest);
    if (!head) break;
    status = Number(head[1]);
    const end = rest.search(/\r?\n\r?\n/);
    rest = end === -1 ? '' : rest.slice(end).replace(/^\r?\n\r?\n/, '');
  }
  return { status, body: rest };
}

/**
 * A cURL tab documents the HTTP body itself, wrapped by the response key
 * (`{"access_code": {…}}`). The value keeps that wrapping as `key` beside the resource, as the
 * readers do for a shown body, so the resource compares like every other language's and the
 * key is checked too. The transport fields `ok` and, for lists, `pagination` are not part of it;
 * a body with nothing else is void (`{}` in the docs).
 */
export function decodeCurlBody(job: RunJob, status: number | undefined, stdout: string): Outcome {
  const body = parseJson(stdout);
  if (status === undefined) return errorAt(job, { kind: 'runtime', message: 'curl got no HTTP response' });
  if (status < 200 || status >= 300) {
    const error = isJsonObject(body) && isJsonObject(body.error) ? body.error : undefined;
    if (error?.type === UNMATCHED_ERROR_TYPE) {
      return errorAt(job, { kind: 'unmatched', message: String(error.message ?? 'unmatched request'), detail: stdout });
    }
    const said = error ? `${String(error.type)}: ${String(error.message ?? '')}` : stdout.trim().split('\n')[0] || 'no body';
    return errorAt(job, { kind: 'runtime', message: `HTTP ${status}: ${said}`, detail: stdout });
  }
  if (stdout.trim() === '') return { ok: true, value: { kind: 'void' } };
  if (body === undefined) return errorAt(job, { kind: 'runtime', message: `the response is not JSON: ${stdout.trim().split('\n')[0]}`, detail: stdout });
  return { ok: true, value: unwrap(body, job.responseKey) };
}

function unwrap(body: Json, responseKey: string | null | undefined): Value {
  if (!isJsonObject(body)) return { kind: 'json', json: body };
  const keys = Object.keys(body).filter((key) => key !== 'ok' && key !== 'pagination');
  if (typeof responseKey === 'string' && responseKey in body) return { kind: 'json', json: body[responseKey], key: responseKey };
  if (keys.length === 0) return { kind: 'void' };
  if (responseKey === undefined && keys.length === 1) return { kind: 'json', json: body[keys[0]], key: keys[0] };
  const rest: JsonObject = {};
  for (const key of keys) rest[key] = body[key];
  return { kind: 'json', json: rest };
}


