// The warm JavaScript child: loads the Seam SDK once, then evaluates one request snippet per job
// (harness/run/protocol.ts), each in its own function scope, against its example's mock URL.
// Plain JavaScript, not TypeScript: it runs in the sandbox on the user's Node, from the source tree.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { fatal, serve } from '../../harness/run/node/serve.mjs';

const network = globalThis[Symbol.for('doc-harness.network')];
const apiKey = process.env.DOC_HARNESS_API_KEY;

const Seam = await loadSdk();

/** Thrown in place of exiting, so that a snippet's process.exit ends its sample, not the batch. */
class SnippetExit extends Error {
  constructor(code) {
    super(`the snippet called process.exit(${code ?? ''})`);
    this.exitCode = code;
  }
}
process.exit = (code) => {
  throw new SnippetExit(code);
};

// An error no snippet awaited (a callback that threw, a rejection nobody handled) fails the
// sample that was running.
let current;
const onStray = (error) => {
  if (current) current.settle(failure('runtime', error, current.job), true);
  else process.stderr.write(`doc-harness: an error outside any sample: ${error?.stack ?? error}\n`);
};
process.on('uncaughtException', onStray);
process.on('unhandledRejection', onStray);

if (Seam) serve(async (job) => {
  process.env.SEAM_ENDPOINT = job.baseUrl;
  process.exitCode = undefined;
  const refusedBefore = network?.refused.length ?? 0;
  return await new Promise((resolve) => {
    let done = false;
    const settle = (payload, recycle = false) => {
      if (done) return;
      done = true;
      current = undefined;
      network?.listeners.delete(onRefused);
      resolve({ payload, recycle });
    };
    current = { job, settle };
    // A refused connection ends the sample at once, without waiting for the SDK's retries;
    // whatever the snippet still has running dies with this child.
    const onRefused = (what) => settle(networkFailure(what), true);
    network?.listeners.add(onRefused);
    run(job).then(
      (payload) => {
        const refused = network?.refused.slice(refusedBefore) ?? [];
        settle(refused.length > 0 ? networkFailure(refused[0]) : payload, refused.length > 0);
      },
      (error) => settle(failure(error instanceof SnippetExit ? 'exit' : 'runtime', error, job)),
    );
  });
});

async function loadSdk() {
  try {
    const require = createRequire(join(process.env.DOC_HARNESS_SDK_DIR ?? '.', 'package.json'));
    const { Seam } = await import(pathToFileURL(require.resolve('seam')).href);
    if (typeof Seam !== 'function') throw new Error('the seam package exports no Seam class');
    return Seam;
  } catch (error) {
    fatal(`cannot load the seam SDK: ${error.message}`);
    return undefined;
  }
}

async function run(job) {
  let fn;
  try {
    fn = new vm.Script(job.source, { filename: job.filename, lineOffset: job.lineOffset }).runInThisContext();
  } catch (error) {
    return failure('syntax', error, job);
  }
  const seam = new Seam({ endpoint: job.baseUrl, apiKey, waitForActionAttempt: false });
  const value = await fn(seam, Seam);
  if (value === undefined) return { ok: true, value: { kind: 'void' } };
  try {
    const text = JSON.stringify(value, jsonable);
    if (text === undefined) throw new Error(`it is a ${typeof value}`);
    return { ok: true, value: { kind: 'json', json: JSON.parse(text) } };
  } catch (error) {
    return { ok: false, error: { kind: 'runtime', message: `the returned value cannot be written as JSON: ${String(error.message).split('\n')[0]}` } };
  }
}

// Dates become ISO strings through their toJSON before this sees them.
function jsonable(_key, value) {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}

function networkFailure(what) {
  return { ok: false, error: { kind: 'network', message: `refused ${what}: only the local mock may be reached` } };
}

function failure(kind, error, job) {
  if (kind === 'exit') return { ok: false, error: { kind: 'runtime', message: error.message, position: frameIn(error, job) } };
  const unmatched = unmatchedError(error, job);
  if (unmatched) return { ok: false, error: unmatched };
  const name = error?.name ?? 'Error';
  const message = `${name}: ${error?.message ?? String(error)}`.split('\n')[0];
  const position = kind === 'syntax' ? syntaxPosition(error) : frameIn(error, job);
  return { ok: false, error: { kind, message, position, detail: describeError(error) } };
}

/** The mock answers an unrecorded request with a JSON error of a known type; the SDK raises it. */
function unmatchedError(error, job) {
  if (!job) return undefined;
  const type = error?.code ?? error?.type ?? error?.response?.data?.error?.type;
  if (type !== job.unmatchedType) return undefined;
  return {
    kind: 'unmatched',
    message: String(error.message).split('\n')[0],
    position: frameIn(error, job),
    detail: error.data === undefined ? String(error.message) : `${error.message}\n${JSON.stringify(error.data, null, 2)}`,
  };
}

function describeError(error) {
  const stack = error?.stack ?? String(error);
  const data = error?.data === undefined ? '' : `\n${JSON.stringify(error.data, null, 2)}`;
  return `${stack}${data}`;
}

/** The first stack frame in the snippet: where the markdown line of an error is. */
function frameIn(error, job) {
  const stack = typeof error?.stack === 'string' ? error.stack : '';
  for (const line of stack.split('\n')) {
    const at = line.indexOf(job?.filename ?? '\0');
    if (at === -1 || !/^\s+at /.test(line)) continue;
    const match = /^:(\d+):(\d+)/.exec(line.slice(at + job.filename.length));
    if (match) return { line: Number(match[1]), column: Number(match[2]) };
  }
  return undefined;
}

/** V8 puts a SyntaxError's place in the first lines of its stack: `file:LINE`, the line, a caret. */
function syntaxPosition(error) {
  const lines = String(error?.stack ?? '').split('\n');
  const line = /:(\d+)$/.exec(lines[0] ?? '');
  const caret = (lines[2] ?? '').indexOf('^');
  return line ? { line: Number(line[1]), column: caret >= 0 ? caret + 1 : 1 } : undefined;
}
