// The driver's pure parts, run by PHP itself: how a snippet becomes the code eval runs (its last
// expression returned, its lines kept), and how a returned value becomes JSON.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { projectFile } from '../../harness/run/assets.ts';

const DRIVER = projectFile('runners', 'php', 'driver');

/** Runs PHP `code` with the driver's modules loaded; its stdout. */
async function php(code: string, input = ''): Promise<string> {
  const script = `require ${JSON.stringify(`${DRIVER}/snippet.php`)};\nrequire ${JSON.stringify(`${DRIVER}/value.php`)};\n${code}`;
  const result = await execa('php', ['-r', script], { input, reject: false, timeout: 30_000 });
  if (result.exitCode !== 0) throw new Error(`php failed: ${result.stderr || result.stdout}`);
  return String(result.stdout);
}

const prepare = (source: string) => php('echo DocHarness\\Snippet::prepare(stream_get_contents(STDIN));', source);
/** What eval of the prepared snippet gives, as JSON (functions it declares included). */
const evaluate = (source: string) => php('echo json_encode(eval(DocHarness\\Snippet::prepare(stream_get_contents(STDIN))));', source);

describe('a snippet as the code the driver evaluates', () => {
  it('blanks the open tag and returns the last expression, keeping every line where it was', async () => {
    const source = '<?php\n$seam->devices->get(\n    device_id: "d-1",\n);';
    expect(await prepare(source)).toBe('     \nreturn $seam->devices->get(\n    device_id: "d-1",\n);');
  });

  it('returns the last statement only when it is an expression', async () => {
    expect(await evaluate('<?php\n$a = 2;\n$a * 21;')).toBe('42');
    expect(await evaluate('<?php\nfunction answer() { return 42; }\nanswer();')).toBe('42');
    expect(await evaluate('<?php\n$f = function () { return [1, 2]; };\n$f();\n// a comment after it')).toBe('[1,2]');
    expect(await evaluate('<?php\n$x = match (true) { default => "m" };\n$x;')).toBe('"m"');
    expect(await evaluate('<?php\n$a = 1;\nif ($a) { $b = 2; }')).toBe('null');
    expect(await evaluate('<?php\nclass Box { public $v = 5; }')).toBe('null');
    expect(await evaluate('<?php\n$s = "{$undefinedKey[\'k\']}";\necho "";')).toBe('null');
  });

  it('takes a snippet without an open tag as PHP code', async () => {
    expect(await evaluate('$a = [1, 2];\ncount($a);')).toBe('2');
  });

  it('leaves an unfinished last statement for PHP to report', async () => {
    expect(await prepare('<?php\n$seam->devices->list()')).toBe('     \n$seam->devices->list()');
  });
});

describe('a returned value as JSON', () => {
  const json = (expression: string) =>
    php(`try { echo json_encode(DocHarness\\JsonValue::of(${expression}), JSON_UNESCAPED_SLASHES); } catch (DomainException $e) { echo "error: ", $e->getMessage(); }`);

  it('writes objects by their public properties, maps as objects, lists as arrays', async () => {
    expect(await json('new class { public $a = 1; protected $b = 2; private $c = 3; public $d = [1, 2]; public $e = ["k" => "v"]; public $f = []; }')).toBe(
      '{"a":1,"d":[1,2],"e":{"k":"v"},"f":[]}',
    );
    expect(await json('new stdClass()')).toBe('{}');
  });

  it('writes dates as the API does, enums by value, JsonSerializable as it says', async () => {
    expect(await json('new DateTime("2024-05-01 12:00:00.5", new DateTimeZone("Europe/Paris"))')).toBe('"2024-05-01T10:00:00.500Z"');
    expect(await json('new class implements JsonSerializable { public function jsonSerialize(): mixed { return ["x" => 1]; } }')).toBe('{"x":1}');
  });

  it('refuses what JSON cannot hold, saying what it is', async () => {
    expect(await json('NAN')).toBe('error: it holds NAN');
    expect(await json('fn() => 1')).toBe('error: it holds a Closure');
    expect(await json('(function () { $o = new stdClass(); $o->self = $o; return $o; })()')).toBe('error: it refers to itself (stdClass)');
    expect(await json('STDIN')).toBe('error: it holds a resource (stream)');
  });
});
