// The replay server: one loopback HTTP server that every runner's clients talk to at once. Each
// request is read (with a deadline), normalised, and answered by nock from the recordings of the
// example its URL names; a request nothing answers gets the explained miss. Every request is
// logged per example, so a run can attach what each example sent to its result.
import http from 'node:http';
import net from 'node:net';
import type { JsonObject } from '../model.ts';
import type { Profile, RouteInfo } from '../profile.ts';
import { BodyTimeoutError, readBody } from './body.ts';
import type { CassetteError } from './cassette.ts';
import { CANONICAL_METHOD, createEngine, type Engine } from './engine.ts';
import { LOOPBACK, listenLoopback } from './listen.ts';
import { explainMiss, MISS_TYPE, type Miss } from './miss.ts';
import { allowedMethods, normalizeRequest, type NormalizeContext } from './normalize.ts';
import { RecordingIndex, type SourcedDefinition } from './recordings.ts';
import { scrubberFor } from './scrub.ts';
import { splitExamplePath } from './slug.ts';
import { loadCassettes } from './store.ts';

export interface ReplayServerOptions {
  profile: Profile;
  /** A recordings folder to load, or definitions already loaded. */
  recordings: string | readonly SourcedDefinition[];
  /** 0 (the default): any free port. A taken port is replaced by a free one (see `note`). */
  port?: number;
  /** CI: the network is off for the whole process, except this server itself. */
  lockdown?: boolean;
  /** How long a client may take to send its request body. */
  bodyTimeoutMs?: number;
  /** Secret patterns beyond the profile's. */
  secretPatterns?: RegExp[];
  /**
   * Also answer on this Unix socket (a path that must not exist yet): sandboxes have no loopback
   * of the host's, and reach the mock through this socket bound into them.
   */
  socketPath?: string;
  /** How many requests the log keeps in all (default 50,000). */
  logTotal?: number;
  /** Called after each request is answered (the `serve` command prints them). */
  onRequest?: (entry: RequestLogEntry) => void;
}

export interface RequestLogEntry {
  exampleId: string | null;
  /** The client tag of the base URL (a run's language id), when set. */
  client?: string | null;
  /** As the client sent them. */
  method: string;
  url: string;
  /** Normalised; absent when the request could not be read. */
  path?: string;
  params?: JsonObject;
  status: number;
  matched: boolean;
  /** Set when nothing answered: the explanation the client also received. */
  miss?: Miss;
  /** Set when the request could not be read (timeout, bad body). */
  error?: string;
  durationMs: number;
}

export interface ReplayServer {
  url: string;
  port: number;
  /** The Unix socket the mock also answers on, when one was asked for. */
  socketPath?: string;
  /** Set when the requested port was taken and another was used. */
  note?: string;
  /** Cassettes or definitions that did not load; the rest did. */
  errors: CassetteError[];
  recordingCount: number;
  /** What requests naming `exampleId` (null: naming none) were sent and answered, in order; only `client`'s when given. */
  requestsFor(exampleId: string | null, client?: string): RequestLogEntry[];
  requests(): RequestLogEntry[];
  close(): Promise<void>;
}

const DEFAULT_BODY_TIMEOUT_MS = 10_000;
/** Per example: enough for any run, bounded for a `serve` left running for days. */
const LOG_LIMIT = 1000;
/**
 * In all: clients choose the example ids in their URLs, so the number of ids is theirs; the log
 * forgets the examples seen longest ago beyond this many entries.
 */
const LOG_TOTAL = 50_000;

function errorBody(type: string, message: string, extra: object = {}): string {
  return JSON.stringify({ error: { type, message, ...extra } });
}

export async function startReplayServer(options: ReplayServerOptions): Promise<ReplayServer> {
  const { profile } = options;
  const routes: ReadonlyMap<string, RouteInfo> | undefined = await profile.loadRoutes?.();
  const scrubber = scrubberFor(profile, options.secretPatterns);
  const loaded =
    typeof options.recordings === 'string'
      ? await loadCassettes(options.recordings)
      : { definitions: [...options.recordings], errors: [] as CassetteError[] };
  const index = new RecordingIndex(loaded.definitions, profile, routes, scrubber);
  const ctx: NormalizeContext = { routes, scrubber, hints: (path, exampleId) => index.hints(path, exampleId) };
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;

  const log = new Map<string | null, RequestLogEntry[]>();
  let logged = 0;
  const record = (entry: RequestLogEntry) => {
    const entries = log.get(entry.exampleId) ?? [];
    if (entries.length >= LOG_LIMIT) {
      entries.shift();
      logged--;
    }
    entries.push(entry);
    logged++;
    log.set(entry.exampleId, entries);
    for (const [oldest, kept] of log) {
      if (logged <= (options.logTotal ?? LOG_TOTAL) || oldest === entry.exampleId) break;
      log.delete(oldest);
      logged -= kept.length;
    }
    options.onRequest?.(entry);
  };

  let engine: Engine | undefined;
  let engineReady: Promise<Engine> | undefined;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const base = { method, url };
    const reply = (status: number, contentType: string, body: string | Buffer, entry: Partial<RequestLogEntry> & { exampleId: string | null; matched: boolean }) => {
      res.writeHead(status, { 'content-type': contentType });
      res.end(body);
      record({ ...base, ...entry, status, durationMs: performance.now() - started });
    };

    let body: Buffer;
    try {
      body = await readBody(req, bodyTimeoutMs);
    } catch (error) {
      const exampleId = splitExamplePath(new URL(url, 'http://mock.invalid').pathname).exampleId;
      const message = (error as Error).message;
      // The client is still sending (or never will): answer, then drop the connection.
      res.setHeader('connection', 'close');
      res.on('finish', () => req.socket.destroy());
      const timeout = error instanceof BodyTimeoutError;
      reply(timeout ? 408 : 413, 'application/json', errorBody(timeout ? 'doc_harness_request_timeout' : 'doc_harness_bad_request', message), {
        exampleId,
        matched: false,
        error: message,
      });
      return;
    }

    let normal;
    try {
      normal = normalizeRequest({ method, url, headers: req.headers, body }, ctx);
    } catch (error) {
      const exampleId = splitExamplePath(new URL(url, 'http://mock.invalid').pathname).exampleId;
      const message = (error as Error).message;
      reply(400, 'application/json', errorBody('doc_harness_bad_request', message), { exampleId, matched: false, error: message });
      return;
    }

    engine ??= await engineReady!;
    const answer = await engine.answer(normal.exampleId, normal.methodAllowed ? CANONICAL_METHOD : normal.method, normal.path, normal.params);
    const known = { exampleId: normal.exampleId, client: normal.client, path: normal.path, params: normal.params };
    if (answer) {
      reply(answer.status, answer.contentType, answer.body, { ...known, matched: true });
      return;
    }
    const exampleKnown = normal.exampleId === null || index.hasExample(normal.exampleId);
    const miss = explainMiss(normal, index.candidates(normal.exampleId), (path) => allowedMethods(routes, path), exampleKnown);
    const { message, ...detail } = miss;
    // 404, like the API's own "not found": no SDK retries it, every SDK shows its message.
    reply(404, 'application/json', errorBody(MISS_TYPE, message, detail), { ...known, matched: false, miss });
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (res.headersSent) return void res.destroy(error);
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(errorBody('doc_harness_error', `doc-harness replay failed: ${error.message}`));
    });
  });
  const { port, note } = await listenLoopback(server, options.port ?? 0);
  // The same HTTP server answers connections from the socket: one log, one engine.
  const socketServer = options.socketPath ? net.createServer((socket) => server.emit('connection', socket)) : undefined;
  if (socketServer) {
    await new Promise<void>((resolve, reject) => {
      socketServer.once('error', reject);
      socketServer.listen(options.socketPath, () => resolve());
    });
  }
  const recordings = index.recordings.map((r) => ({ ...r, method: r.methodAllowed ? CANONICAL_METHOD : r.method }));
  engineReady = createEngine(profile.apiOrigin, recordings, options.lockdown ? { lockdown: { allowHost: `${LOOPBACK}:${port}` } } : {});
  try {
    engine = await engineReady;
  } catch (error) {
    server.close();
    socketServer?.close();
    throw error;
  }

  return {
    url: `http://${LOOPBACK}:${port}`,
    port,
    socketPath: options.socketPath,
    note,
    errors: [...loaded.errors, ...index.errors],
    recordingCount: index.recordings.length,
    requestsFor: (exampleId, client) => (log.get(exampleId) ?? []).filter((entry) => client === undefined || entry.client === client),
    requests: () => [...log.values()].flat(),
    close: () =>
      new Promise<void>((resolve) => {
        engine?.dispose();
        socketServer?.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
