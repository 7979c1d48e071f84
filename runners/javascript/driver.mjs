// The warm JavaScript child: loads the profile's client package once (DOC_HARNESS_CLIENT_SPEC), then runs one request snippet per job
// (harness/run/protocol.ts) in a fresh V8 context of its own (realm.mjs), against its example's
// mock URL. Nothing a snippet does can reach the next one: its globals and builtins are its
// context's, and everything it gets from the SDK crosses as JSON text. The context only runs
// while the driver evaluates something in it, always under the sample's timeout: a loop, even
// one of promises, is stopped there; work a snippet leaves behind never runs again once its
// sample is over. The OS sandbox around this process is the security boundary; this is what
// keeps one sample's verdict from depending on another's.
// Plain JavaScript, not TypeScript: it runs in the sandbox on the user's Node, from the source tree.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { fatal, serve } from './protocol.mjs';
import { bootstrap } from './realm.mjs';

const apiKey = process.env.DOC_HARNESS_API_KEY;
// The profile's client: package, class, the snippets' variable, constructor options, environment.
const spec = JSON.parse(process.env.DOC_HARNESS_CLIENT_SPEC ?? '{}');
const BOOTSTRAP = new vm.Script(`(${bootstrap.toString()})()`, { filename: 'doc-harness:realm' });
const DRAIN = new vm.Script('undefined', { filename: 'doc-harness:drain' });

const Client = await loadSdk();
if (Client) serve(async (job) => ({ payload: await runSample(job) }));

async function loadSdk() {
  try {
    const require = createRequire(join(process.env.DOC_HARNESS_SDK_DIR ?? '.', 'package.json'));
    const exports = await import(pathToFileURL(require.resolve(spec.package)).href);
    const Client = exports[spec.className] ?? exports.default?.[spec.className];
    if (typeof Client !== 'function') throw new Error(`the ${spec.package} package exports no ${spec.className} class`);
    return Client;
  } catch (error) {
    fatal(`cannot load the ${spec.package} SDK: ${error.message}`);
    return undefined;
  }
}

/** One sample, start to end, in its own context. */
function runSample(job) {
  const deadline = performance.now() + job.timeoutMs;
  const remaining = () => Math.max(1, Math.round(deadline - performance.now()));
  const context = vm.createContext(Object.create(null), { microtaskMode: 'afterEvaluate', codeGeneration: { strings: true, wasm: false } });
  // Clients the snippet made, by the id its proxies carry.
  const clients = [];
  const timers = new Set();
  let inFlight = 0;
  let unmatched;
  let over = false;

  return new Promise((resolve) => {
    let settled;
    const finish = (payload) => {
      if (over) return;
      over = true;
      for (const timer of timers) clearTimeout(timer);
      settled = payload;
      // Requests it started and did not await are its own: they finish (or time out) before the
      // next sample starts, so that every request is logged under the example that sent it.
      const waitForRequests = () => (inFlight === 0 || performance.now() >= deadline ? resolve(settled) : setTimeout(waitForRequests, 5));
      waitForRequests();
    };
    // Runs the context's pending work under the sample's remaining time.
    const enter = (script) => {
      if (over) return;
      try {
        script.runInContext(context, { timeout: remaining() });
      } catch (error) {
        finish(contextFailure(error, job, unmatched));
      }
    };
    const call = (fn) => {
      try {
        fn();
      } catch {
        // A callback of the snippet's that threw is its own business; the realm reports its end.
      }
      enter(DRAIN);
    };

    const bridge = (op, payload, onValue, onError) => {
      try {
        if (over) return;
        if (op === 'new') {
          const { options, factory, args } = JSON.parse(payload);
          const client = factory ? Client[factory]?.(...(args ?? [])) : new Client(options ?? {});
          if (!client) throw new Error(`${spec.className}.${factory} is not a function`);
          clients.push(client);
          return onValue(JSON.stringify({ id: clients.length - 1 }));
        }
        if (op === 'call') {
          const { client, path, args } = JSON.parse(payload);
          inFlight++;
          invoke(clients[client], path, args).then(
            (value) => {
              inFlight--;
              call(() => onValue(value === undefined ? undefined : JSON.stringify({ value }, jsonable)));
            },
            (error) => {
              inFlight--;
              if (isUnmatched(error, job)) unmatched ??= error;
              call(() => onError(JSON.stringify(describe(error))));
            },
          );
          return;
        }
        if (op === 'sleep') {
          const timer = setTimeout(() => {
            timers.delete(timer);
            call(() => onValue());
          }, Math.min(Number(payload), remaining()));
          timers.add(timer);
          return;
        }
        if (op === 'log') {
          const { stream, text } = JSON.parse(payload);
          (stream === 'stderr' ? process.stderr : process.stdout).write(`${text}\n`);
          return;
        }
        if (op === 'done') return finish(doneValue(JSON.parse(payload)));
        if (op === 'fail') return finish(snippetFailure(JSON.parse(payload), job, unmatched));
      } catch (error) {
        try {
          onError?.(JSON.stringify(describe(error)));
        } catch {
          // The snippet's realm is gone or hostile; its sample ends by its timeout.
        }
      }
    };

    const startKey = `__doc_harness_${randomBytes(8).toString('hex')}`;
    let script;
    try {
      script = new vm.Script(`globalThis[${JSON.stringify(startKey)}](${job.source})`, { filename: job.filename });
    } catch (error) {
      return resolve({ ok: false, error: { kind: 'syntax', message: `${error.name}: ${error.message}`, ...syntaxPosition(error) } });
    }
    const timer = setTimeout(() => finish({ ok: false, error: { kind: 'timeout', message: `did not finish within ${job.timeoutMs} ms; stopped` } }), remaining());
    timers.add(timer);
    const values = { apiKey, baseUrl: job.baseUrl };
    const environment = fill(spec.environment ?? {}, values);
    Object.assign(process.env, environment);
    try {
      const install = BOOTSTRAP.runInContext(context, { timeout: remaining() });
      install(bridge, { startKey, env: environment, variable: spec.variable, className: spec.className });
    } catch (error) {
      return finish({ ok: false, error: { kind: 'harness', message: `the snippet's realm could not be made: ${error.message}` } });
    }
    // The default client is made by install(); point it at the mock with the fake key.
    clients[0] = new Client(fill(spec.options ?? {}, values));
    enter(script);
  });
}

/** Calls `client.a.b(...args)` on the real SDK, binding `this` as the SDK expects. */
async function invoke(client, path, args) {
  let target = client;
  for (const key of path.slice(0, -1)) target = target?.[key];
  const name = path[path.length - 1];
  const fn = target?.[name];
  // Said as what it is: the docs call a method this SDK release does not have.
  if (typeof fn !== 'function') throw new MissingMethod(`${process.env.DOC_HARNESS_CLIENT ?? 'the SDK'} has no method ${spec.variable}.${path.join('.')}`);
  return await fn.apply(target, args);
}

/** The profile's option or variable values with `{apiKey}` and `{baseUrl}` filled in (harness/run/client.ts). */
function fill(value, values) {
  if (typeof value === 'string') return value.replaceAll('{apiKey}', values.apiKey).replaceAll('{baseUrl}', values.baseUrl);
  if (Array.isArray(value)) return value.map((item) => fill(item, values));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, values)]));
  return value;
}

class MissingMethod extends Error {
  name = 'MissingMethod';
}

function doneValue(done) {
  if (done.void) return { ok: true, value: { kind: 'void' } };
  if (done.unwritable !== undefined) return { ok: false, error: { kind: 'runtime', message: `the returned value cannot be written as JSON: ${done.unwritable}` } };
  return { ok: true, value: { kind: 'json', json: done.value } };
}

// Dates become ISO strings through their toJSON before this sees them.
function jsonable(_key, value) {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

/** An SDK error as the snippet's realm rebuilds it; a network failure says what it was underneath. */
function describe(error) {
  const cause = error?.cause ?? error?.errors?.[0];
  const why = cause?.message && cause.message !== error?.message ? ` (${cause.message})` : '';
  return {
    name: String(error?.name ?? 'Error'),
    message: `${String(error?.message ?? error)}${why}`,
    code: error?.code === undefined ? undefined : String(error.code),
    statusCode: error?.statusCode,
    requestId: error?.requestId,
    data: error?.data,
  };
}

/** The mock answers an unrecorded request with a JSON error of a known type; the SDK raises it. */
function isUnmatched(error, job) {
  const type = error?.code ?? error?.type ?? error?.response?.data?.error?.type;
  return type === job.unmatchedType;
}

/** A connection the sandbox refused: there is no network in it but the mock. */
function isNetwork(info) {
  return /ENETUNREACH|ECONNREFUSED|EAI_AGAIN|ENOTFOUND|ERR_NETWORK|getaddrinfo|network is unreachable/i.test(`${info.code ?? ''} ${info.message ?? ''}`);
}

function snippetFailure(info, job, unmatched) {
  const position = frameIn(info.stack, job);
  if (info.exit !== undefined) return { ok: false, error: { kind: 'runtime', message: info.message, ...position } };
  if (unmatched && (info.code === job.unmatchedType || info.message === String(unmatched.message))) {
    const detail = unmatched.data === undefined ? String(unmatched.message) : `${unmatched.message}\n${JSON.stringify(unmatched.data, null, 2)}`;
    return { ok: false, error: { kind: 'unmatched', message: String(unmatched.message).split('\n')[0], detail, ...position } };
  }
  const message = (info.name === 'MissingMethod' ? info.message : `${info.name}: ${info.message}`).split('\n')[0];
  const kind = isNetwork(info) ? 'network' : 'runtime';
  const detail = `${info.stack ?? message}${info.data === undefined ? '' : `\n${JSON.stringify(info.data, null, 2)}`}`;
  return { ok: false, error: { kind, message: kind === 'network' ? `${message} (the sandbox reaches nothing but the mock)` : message, detail, ...position } };
}

/** The context stopped: its timeout, or an error the driver hit while running its pending work. */
function contextFailure(error, job, unmatched) {
  if (error?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return { ok: false, error: { kind: 'timeout', message: `did not finish within ${job.timeoutMs} ms; stopped` } };
  return snippetFailure(describe(error), job, unmatched);
}

/** The first stack frame in the snippet: where the markdown line of an error is (V8's line and column). */
function frameIn(stack, job) {
  for (const line of String(stack ?? '').split('\n')) {
    const at = line.indexOf(job.filename);
    if (at === -1 || !/^\s+at /.test(line)) continue;
    const match = /^:(\d+):(\d+)/.exec(line.slice(at + job.filename.length));
    if (match) return { line: Number(match[1]), column: Number(match[2]) };
  }
  return {};
}

/** V8 puts a SyntaxError's place in the first lines of its stack: `file:LINE`, the line, a caret. */
function syntaxPosition(error) {
  const lines = String(error?.stack ?? '').split('\n');
  const line = /:(\d+)$/.exec(lines[0] ?? '');
  const caret = (lines[2] ?? '').indexOf('^');
  return line ? { line: Number(line[1]), column: caret >= 0 ? caret + 1 : 1 } : {};
}
