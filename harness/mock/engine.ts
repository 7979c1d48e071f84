// nock is the matcher. nock can only intercept its own process, so the replay server re-issues
// each normalised request in-process to the recorded origin, where the cassettes' definitions,
// `define`d and persisted, answer it. Each definition is defined under an internal path prefix
// `/__doc-harness/<server>/<example slug>`, plus a copy under `/__doc-harness/<server>/*` for
// requests that name no example: so examples never take each other's answers, and two servers
// in one process never see each other's recordings. Nothing here ever opens a connection: the
// re-issued request carries an agent that refuses to connect, so a request nock does not answer
// fails instead of reaching the network, whatever nock's state.
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import type nockModule from 'nock';
import type { Json, JsonObject } from '../model.ts';
import { exampleSlug } from './slug.ts';

/** The method every accepted method is re-issued as: the route's methods are interchangeable. */
export const CANONICAL_METHOD = 'POST';

export interface Answer {
  status: number;
  body: Buffer;
  contentType: string;
}

export interface EngineRecording {
  /** null: any request may take it, none is attributed to an example. */
  exampleId: string | null;
  /** Method as nock must see it: CANONICAL_METHOD when the route accepts the recorded method. */
  method: string;
  path: string;
  params: JsonObject;
  status: number;
  response?: Json;
  rawHeaders?: string[];
}

export interface Engine {
  /** nock's answer, or null when no recording matches. */
  answer(exampleId: string | null, method: string, path: string, params: JsonObject): Promise<Answer | null>;
  dispose(): void;
}

class NoNetworkError extends Error {}

function refuse(): never {
  throw new NoNetworkError('doc-harness replay never connects out');
}

class NoNetworkAgent extends http.Agent {
  override createConnection = refuse as unknown as http.Agent['createConnection'];
}
class NoNetworkHttpsAgent extends https.Agent {
  override createConnection = refuse as unknown as https.Agent['createConnection'];
}

let nockLoaded: Promise<typeof nockModule> | undefined;

// Imported on first use: importing nock patches the process's HTTP client at once, which nobody
// who only wants `exampleBaseUrl` should pay for.
function loadNock(): Promise<typeof nockModule> {
  nockLoaded ??= import('nock').then(({ default: nock }) => {
    // nock replays even a zero delay through two setTimeout(…, 0) calls, which Node clamps to
    // 1 ms each: 2+ ms of idle per request. Zero delays run on setImmediate instead.
    const common = createRequire(import.meta.url)('nock/lib/common.js') as {
      setTimeout: (callback: () => void, ms?: number) => unknown;
      setImmediate: (callback: () => void) => unknown;
    };
    const setTimeoutWithDelay = common.setTimeout;
    common.setTimeout = (callback, ms) => (ms ? setTimeoutWithDelay(callback, ms) : common.setImmediate(callback));
    return nock;
  });
  return nockLoaded;
}

/**
 * The mock socket nock's interceptor library gives each request holds two native HTTP parsers it
 * frees but never closes; Node keeps a freed parser, and through it the whole request, alive:
 * ~46 KB a request, for good (mswjs/interceptors#779). Closing them once the answer is read
 * releases it. Only the library's own mock sockets have these fields.
 */
function closeParsers(socket: unknown): void {
  for (const field of ['requestParser', 'responseParser']) {
    const parser = (socket as Record<string, { close?: () => void } | undefined> | undefined)?.[field];
    if (typeof parser?.close === 'function') parser.close();
  }
}

let servers = 0;
/** Loopback hosts (`127.0.0.1:PORT`) that stay reachable while lockdown disables the network. */
const lockdownAllows = new Set<string>();

export async function createEngine(
  origin: string,
  recordings: readonly EngineRecording[],
  options: { lockdown?: { allowHost: string } } = {},
): Promise<Engine> {
  if (process.env.NOCK_OFF === 'true') throw new Error('NOCK_OFF is set: replay needs nock to answer requests');
  const nock = await loadNock();
  if (!nock.isActive()) nock.activate();
  const base = `/__doc-harness/${++servers}`;
  const internalPath = (exampleId: string | null, path: string) => `${base}/${exampleId === null ? '*' : exampleSlug(exampleId)}${path}`;

  // `rawHeaders` is a definition field nock.define reads but its types omit.
  const definitions: Array<nockModule.Definition & { rawHeaders?: string[] }> = [];
  for (const recording of recordings) {
    const shared = {
      scope: origin,
      method: recording.method,
      body: recording.params as nockModule.DataMatcherMap,
      status: recording.status,
      response: (recording.response ?? '') as nockModule.ReplyBody,
      rawHeaders: recording.rawHeaders,
    };
    if (recording.exampleId !== null) definitions.push({ ...shared, path: internalPath(recording.exampleId, recording.path) });
    definitions.push({ ...shared, path: internalPath(null, recording.path) });
  }
  const scopes = nock.define(definitions);
  for (const scope of scopes) scope.persist();

  if (options.lockdown) {
    lockdownAllows.add(options.lockdown.allowHost);
    nock.disableNetConnect();
    nock.enableNetConnect((host: string) => lockdownAllows.has(host));
  }

  const target = new URL(origin);
  const client = target.protocol === 'https:' ? https : http;
  const agent = target.protocol === 'https:' ? new NoNetworkHttpsAgent() : new NoNetworkAgent();

  return {
    answer(exampleId, method, path, params) {
      if (recordings.length === 0) return Promise.resolve(null);
      const payload = JSON.stringify(params);
      return new Promise((resolve, reject) => {
        const request = client.request(
          {
            protocol: target.protocol,
            hostname: target.hostname,
            port: target.port || undefined,
            method,
            path: internalPath(exampleId, path),
            agent,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => {
              resolve({
                status: response.statusCode ?? 200,
                body: Buffer.concat(chunks),
                contentType: String(response.headers['content-type'] ?? 'application/json'),
              });
              setImmediate(closeParsers, socket);
            });
            response.on('error', reject);
          },
        );
        let socket: unknown;
        request.once('socket', (s) => (socket = s));
        request.on('error', (error) => {
          if (error instanceof NoNetworkError) reject(new Error('nock did not intercept the replay request, and replay refused to connect out'));
          // nock's "No match for request", or lockdown's "Disallowed net connect".
          else resolve(null);
        });
        request.end(payload);
      });
    },
    dispose() {
      // A persisted scope never drops its interceptors itself; `interceptors` is public in nock, untyped.
      for (const scope of scopes) {
        for (const interceptor of (scope as unknown as { interceptors: nockModule.Interceptor[] }).interceptors) nock.removeInterceptor(interceptor);
      }
      if (options.lockdown) {
        lockdownAllows.delete(options.lockdown.allowHost);
        if (lockdownAllows.size === 0) nock.enableNetConnect();
      }
    },
  };
}
