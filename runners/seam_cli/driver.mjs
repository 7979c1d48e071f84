// The warm Seam CLI child: imports the CLI's in-process entry once (see entry.ts), then runs one
// command per job (harness/run/protocol.ts) as the bin would, with its stdout and stderr
// captured, an empty stdin, the job's environment (the profile's variables: the example's mock
// as SEAM_CLI_ENDPOINT) and the exit code it sets.
// A command is argv, not code: what one command can leave for the next is the CLI's own state,
// which it keeps in files (its config store: login, endpoint, workspace); those folders are
// emptied before every command, so each starts as a fresh install would.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { fatal, serve } from '../javascript/protocol.mjs';

const runCli = await load();
const STATE = [process.env.XDG_CONFIG_HOME, process.env.XDG_DATA_HOME, process.env.XDG_STATE_HOME].filter(Boolean);

let settleCurrent;
const onStray = (error) => {
  if (settleCurrent) settleCurrent({ error: `uncaught: ${error?.stack ?? error}` }, true);
  else process.stderr.write(`doc-harness: an error outside any command: ${error?.stack ?? error}\n`);
};
process.on('uncaughtException', onStray);
process.on('unhandledRejection', onStray);

if (runCli) serve(async (job) => {
  for (const dir of STATE) emptyFolder(dir);
  Object.assign(process.env, job.environment);
  process.exitCode = undefined;
  let stdout = '';
  let stderr = '';
  const { write: writeOut } = process.stdout;
  const { write: writeErr } = process.stderr;
  const capture = (append) => (chunk, encoding, callback) => {
    append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    (typeof encoding === 'function' ? encoding : callback)?.();
    return true;
  };
  process.stdout.write = capture((text) => (stdout += text));
  process.stderr.write = capture((text) => (stderr += text));
  // Each command reads its own empty stdin, as `seam … < /dev/null` would.
  Object.defineProperty(process, 'stdin', { value: Readable.from([]), configurable: true, writable: true });

  const outcome = await new Promise((resolve) => {
    let done = false;
    const settle = (extra, recycle = false) => {
      if (done) return;
      done = true;
      settleCurrent = undefined;
      clearTimeout(timer);
      resolve({ extra, recycle });
    };
    settleCurrent = settle;
    // A command still waiting at the timeout (a request that never ends) is stopped here; its
    // leftovers end with this process, which is not reused.
    const timer = setTimeout(() => settle({ timedOut: true }, true), job.timeoutMs);
    runCli(job.argv).then(
      () => settle({}),
      (error) => settle({ error: `${error?.stack ?? error}` }),
    );
  });
  process.stdout.write = writeOut;
  process.stderr.write = writeErr;
  const exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = undefined;
  if (outcome.extra.error) stderr += `${outcome.extra.error}\n`;
  return {
    payload: { stdout, stderr, exitCode: outcome.extra.error && exitCode === 0 ? 1 : exitCode, timedOut: outcome.extra.timedOut === true },
    recycle: outcome.recycle,
  };
});

function emptyFolder(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) rmSync(join(dir, name), { recursive: true, force: true });
}

async function load() {
  try {
    const { runCli } = await import(pathToFileURL(process.env.DOC_HARNESS_CLI_ENTRY ?? '').href);
    if (typeof runCli !== 'function') throw new Error('the entry exports no runCli');
    return runCli;
  } catch (error) {
    fatal(`cannot load the Seam CLI: ${error.message}`);
    return undefined;
  }
}
