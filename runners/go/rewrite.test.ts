import { rm } from 'node:fs/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { testEnv } from '../../test/helpers/run/jobs.ts';
import { ensureGo } from './install.ts';
import { rewriteSnippets, type Rewritten } from './rewrite.ts';

// The rewrite helper on its own: what it makes of a snippet, before any build.
const env = await testEnv({ port: 1, socket: '/nonexistent' }, { sandbox: 'none' });
const install = await ensureGo(env);
const skip = 'reason' in install ? install.reason : false;

const FILE = 'docs/page.md';

async function rewrite(...sources: string[]): Promise<Rewritten[]> {
  if ('reason' in install) throw new Error(install.reason);
  const answer = await rewriteSnippets(
    install,
    env,
    sources.map((source, i) => ({ id: `s${i + 1}`, source, file: FILE, line: 40 })),
  );
  if (!(answer instanceof Map)) throw new Error(answer.message);
  return sources.map((_, i) => answer.get(`s${i + 1}`) as Rewritten);
}

const sample = (r: Rewritten) => r.files?.['sample.go'] ?? '';
const glue = (r: Rewritten) => r.files?.['zz_doc_harness.go'] ?? '';

describe.skipIf(skip)(`go rewrite helper${skip ? ` (skipped: ${skip})` : ''}`, () => {
  afterAll(() => rm(env.workDir, { recursive: true, force: true }));

  it('keeps a whole program as written, names its package, adds the standard imports it lacks, and says so', async () => {
    const [r] = await rewrite('package main\n\nimport api "github.com/seamapi/go"\n\nfunc main() {\n\tclient.Devices.Get(context.Background(), &api.DevicesGetRequest{})\n}');
    expect(r.notes).toEqual(['added the missing standard import "context", as goimports does']);
    expect(sample(r).split('\n')).toEqual([
      `//line ${FILE}:40:1`,
      // The import goes on the package clause's line; the directive gives the rest of the line its column back.
      `package s1; import ("context")/*line ${FILE}:40:13*/`,
      '',
      'import api "github.com/seamapi/go"',
      '',
      'func main() {',
      `\tdocHarnessResult(/*line ${FILE}:45:2*/client.Devices.Get(context.Background(), &api.DevicesGetRequest{}))`,
      '}',
      '',
    ]);
    expect(r.imports).toEqual([{ path: 'github.com/seamapi/go', line: 42, column: 8 }]);
    // `client` is used and not declared: the glue declares it, pointed at the mock.
    expect(glue(r)).toContain('var client *docharnessclient.Client');
    expect(glue(r)).toContain('client = docharnessclient.NewClient(docharnessoption.WithBaseURL(baseURL), docharnessoption.WithApiKey(apiKey))');
  });

  it('keeps the columns of what follows the package name on its line', async () => {
    const [r] = await rewrite('package main; import "strings"\n\nfunc main() { strings.ToUpper("x") }');
    expect(sample(r).split('\n')[1]).toBe(`package s1/*line ${FILE}:40:13*/; import "strings"`);
  });

  it('puts statements without a program in a main, and declarations under a package clause', async () => {
    const [statements, declarations] = await rewrite(
      'device, err := client.Devices.Get(ctx, nil)\nfmt.Println(device, err)',
      'func main() {\n\tfmt.Println(strings.ToUpper("x"))\n}',
    );
    expect(sample(statements)).toBe(
      `package s1\nimport ("fmt")\nfunc main() {\n//line ${FILE}:40:1\ndevice, err := docHarnessResult(/*line ${FILE}:40:16*/client.Devices.Get(ctx, nil))\nfmt.Println(device, err)\n}\n`,
    );
    expect(sample(declarations)).toBe(`package s2\nimport ("fmt"; "strings")\n//line ${FILE}:40:1\nfunc main() {\n\tfmt.Println(strings.ToUpper("x"))\n}\n`);
  });

  it('wraps a client call only where a call of two results may stand', async () => {
    const [r] = await rewrite(
      [
        'one := client.Devices.Get(ctx, nil)', // one value from two: the compiler's error, not the capture's
        'fmt.Println(client.Devices.Get(ctx, nil))',
        'go client.Devices.Get(ctx, nil)',
        'var a, b = client.Devices.Get(ctx, nil)',
        'c := client.NewThing()', // one selector: not a client method
      ].join('\n'),
    );
    const lines = sample(r).split('\n').slice(4, 9);
    expect(lines[0]).toBe('one := client.Devices.Get(ctx, nil)');
    // The text after the call gets its column back too.
    expect(lines[1]).toBe(`fmt.Println(docHarnessResult(/*line ${FILE}:41:13*/client.Devices.Get(ctx, nil))/*line ${FILE}:41:41*/)`);
    expect(lines[2]).toBe('go client.Devices.Get(ctx, nil)');
    expect(lines[3]).toBe(`var a, b = docHarnessResult(/*line ${FILE}:43:12*/client.Devices.Get(ctx, nil))`);
    expect(lines[4]).toBe('c := client.NewThing()');
  });

  it('provides no client to a snippet that makes its own or imports the client package', async () => {
    const [own, imported] = await rewrite(
      'package main\n\nfunc main() {\n\tclient := newClient()\n\tclient.Devices.Get(ctx, nil)\n}',
      'package main\n\nimport "github.com/seamapi/go/client"\n\nfunc main() {\n\tc := client.NewClient()\n\tc.Devices.Get(ctx, nil)\n}',
    );
    expect(glue(own)).not.toContain('var client');
    // Its own client's calls are still captured.
    expect(sample(own)).toContain('docHarnessResult(/*line');
    expect(glue(imported)).not.toContain('var client');
  });

  it('keeps an unused import for the compiler to report', async () => {
    const [r] = await rewrite('package main\n\nimport "strings"\n\nfunc main() {}');
    expect(sample(r)).toContain('import "strings"');
    expect(r.notes).toBeUndefined();
  });

  it('gives a snippet that runs code at package init a program of its own', async () => {
    const [init, variable, constant] = await rewrite(
      'package main\n\nfunc init() {}\n\nfunc main() {}',
      'package main\n\nvar started = time.Now()\n\nfunc main() {}',
      'package main\n\nvar limit = 5 * time.Second\n\nfunc main() {}',
    );
    expect([init.isolate, variable.isolate, constant.isolate]).toEqual([true, true, undefined]);
  });

  it('reports a syntax error at its markdown line and byte column; for statements, where parsing got furthest', async () => {
    const [file, statements, unclosed] = await rewrite(
      'package main\n\nfunc main() {\n\tx := [}\n}',
      'a := 1\nb := (a +\nc := 2',
      'client.Devices.Get(ctx,\n  nil',
    );
    expect(file.error).toEqual({ kind: 'syntax', message: "expected operand, found '}'", line: 43, column: 8 });
    expect(statements.error).toMatchObject({ kind: 'syntax', line: 42 });
    // Found at the `}` that closes main: kept at the snippet's last character.
    expect(unclosed.error).toMatchObject({ kind: 'syntax', line: 41, column: 6 });
  });

  it('says what go run would of a program that is not one', async () => {
    const [other, noMain, badMain] = await rewrite('package devices\n\nfunc main() {}', 'package main\n\nfunc helper() {}', 'package main\n\nfunc main(args []string) {}');
    expect(other.error).toEqual({ kind: 'compile', message: 'package devices is not a main package: a program is package main', line: 40, column: 9 });
    expect(noMain.error).toEqual({ kind: 'compile', message: 'function main is undeclared in the main package', line: 40, column: 1 });
    expect(badMain.error).toEqual({ kind: 'compile', message: 'func main must have no arguments and no return values', line: 42, column: 6 });
  });
});
