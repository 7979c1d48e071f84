// Shared by the mock's tests: temp folders, cassettes written by hand, and a plain HTTP client.
import http from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Definition } from '../../harness/mock/cassette.ts';
import { formatCassette } from '../../harness/mock/cassette.ts';
import type { Json } from '../../harness/model.ts';

export const ORIGIN = 'https://connect.getseam.com';

export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'doc-harness-mock-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeCassette(dir: string, file: string, definitions: Definition[] | string): Promise<void> {
  await mkdir(dirname(join(dir, file)), { recursive: true });
  await writeFile(join(dir, file), typeof definitions === 'string' ? definitions : formatCassette(definitions));
}

export function def(example: string | undefined, path: string, body: Definition['body'], response: Json, method = 'POST'): Definition {
  return { ...(example ? { example } : {}), scope: ORIGIN, method, path, body, status: 200, response };
}

export interface Reply {
  status: number;
  json: any;
  text: string;
}

/** One request; `body` is sent as JSON unless it is a string. */
export function send(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const url = new URL(base.replace(/\/+$/, '') + path);
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        headers: {
          ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: response.statusCode ?? 0, json, text });
        });
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}
