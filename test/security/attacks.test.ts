// Every runner, attacked through the whole of `doc-harness test`: each language's attack snippets
// (its conformance cases' `attacks`) run as docs tabs, and each test asserts the canary was not
// reached — the secret is in no result, the file was not written, the port saw no connection, and
// doc-harness itself is alive — as well as that every attack got a verdict of its own.
import { existsSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestRun } from '../../harness/engine/engine.ts';
import { projectFile } from '../../harness/run/assets.ts';
import { sandboxAvailable } from '../../harness/run/sandbox/index.ts';
import type { ConformanceLanguage } from '../conformance/cases.ts';
import { run, writeDocs, type Case } from '../conformance/suite.ts';

const available = await sandboxAvailable();
const SECRET = `canary-${Math.random().toString(36).slice(2)}`;
const languages: ConformanceLanguage[] = [];
for (const name of await readdir(projectFile('runners'))) {
  if (existsSync(projectFile('runners', name, 'conformance-cases.ts'))) languages.push((await import(`../../runners/${name}/conformance-cases.ts`)).cases);
}

describe.skipIf(!available.ok)('attacks through `doc-harness test`', () => {
  const homeCanary = path.join(os.homedir(), `.doc-harness-attack-canary-${process.pid}`);
  const written = path.join(process.cwd(), `pwned-by-attack-${process.pid}`);
  let listener: net.Server;
  let port = 0;
  const connections: string[] = [];

  beforeAll(async () => {
    process.env.DOC_HARNESS_ATTACK_SECRET = SECRET;
    await writeFile(homeCanary, `${SECRET}\n`, { mode: 0o600 });
    listener = net.createServer((socket) => {
      connections.push(String(socket.remoteAddress));
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '0.0.0.0', resolve));
    port = (listener.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    delete process.env.DOC_HARNESS_ATTACK_SECRET;
    await rm(homeCanary, { force: true });
    await rm(written, { force: true });
    listener?.close();
  });

  for (const lang of languages) {
    describe(lang.language, () => {
      let result: TestRun;
      let root = '';
      let attacks: Case[] = [];
      beforeAll(async () => {
        const a = lang.attacks;
        const all: Array<[string, ReturnType<typeof a.readEnv>]> = [
          ['read-env', a.readEnv('DOC_HARNESS_ATTACK_SECRET')],
          ['read-file', a.readFile(homeCanary)],
          ['write-file', a.writeFile(written)],
          ['connect-port', a.connectPort(port)],
          ['kill-parent', a.killParent],
          ['fork-bomb', a.forkBomb],
          ['after', lang.snippets.get],
        ];
        attacks = all.flatMap(([id, snippet]) => (typeof snippet === 'string' ? [{ id, route: 'get' as const, snippet, expect: { verdict: 'any' as const } }] : []));
        ({ root } = await writeDocs(lang, attacks));
        result = await run(root, lang.language, false);
      }, 300_000);
      afterAll(() => rm(root, { recursive: true, force: true }));

      it('every attack gets a verdict of its own, and the sample after them passes', () => {
        expect(result.results).toHaveLength(attacks.length);
        const after = result.results.find((r) => r.file.endsWith('-after.md'));
        expect(after?.verdict, after?.reason).toBe('pass');
      });

      it('no canary was reached: no secret in any result, no file written, no connection made', () => {
        expect(JSON.stringify(result)).not.toContain(SECRET);
        expect(existsSync(written)).toBe(false);
        expect(connections).toEqual([]);
        expect(() => process.kill(process.pid, 0)).not.toThrow();
      });
    });
  }
});
