// Every reader records where each part of what it reads stands, so findings point at the value
// itself: the same field, in each language's spelling, is found at its own text.
import { describe, expect, it } from 'vitest';
import type { ReadResult } from '../../harness/model.ts';
import { readerFor } from '../../runners/registry.ts';
import { displayPath, pointer, spanOf, stepsOf } from '../../harness/values/spans.ts';
import { makeBlock } from '../helpers/block.ts';

/** The text a read recorded at `path` (value or key), and its markdown line:column. */
function at(result: ReadResult<unknown>, path: string, what: 'value' | 'key' = 'value'): string {
  if (!result.ok || !result.map) throw new Error('not read');
  const range = what === 'value' ? result.map.values.get(path) : result.map.keys.get(path);
  if (!range) return 'none';
  const { start } = spanOf(range);
  return `${start.line}:${start.column} ${range.block.code.slice(range.start, range.end)}`;
}

const responses: Record<string, string> = {
  javascript: '[\n  { "device_id": "d1", "properties": { "online": "true," } }\n]',
  python: '[\n    Device(device_id="d1", properties={"online": "true,"})\n]',
  ruby: '[\n  { "device_id" => "d1", "properties" => { online: "true," } }\n]',
  php: '<?php\n[\n    ["device_id" => "d1", "properties" => ["online" => "true,"]]\n];',
  go: '[]api.Device{\n\tapi.Device{DeviceId: "d1", Properties: map[string]interface{}{"online": "true,"}},\n}',
  seam_cli: '[\n  { "device_id": "d1", "properties": { "online": "true," } }\n]',
  curl: '{"devices": [\n  { "device_id": "d1", "properties": { "online": "true," } }\n]}',
};

describe('source maps', () => {
  it.each(Object.entries(responses))('%s: a nested response value and a key, at their own text', (language, code) => {
    const result = readerFor(language)!.readResponse(makeBlock(code, 10, language));
    expect(at(result, '/0/properties/online')).toMatch(/^1[23]:\d+ "true,"$/);
    expect(at(result, '/0/device_id', 'key')).toMatch(/^1[23]:\d+ (?:"device_id"|device_id|DeviceId)$/);
    expect(at(result, '/0')).toMatch(/^1[23]:\d+ (?:\{|Device\(|\[|api\.Device\{)/);
  });

  const requests: Record<string, string> = {
    javascript: 'await seam.accessCodes.create({\n  device_id: "d1",\n  access_schedule: { starts_at: "s" },\n});',
    python: 'seam.access_codes.create(\n    device_id="d1",\n    access_schedule={"starts_at": "s"},\n)',
    ruby: 'seam.access_codes.create(\n  device_id: "d1",\n  access_schedule: { starts_at: "s" },\n)',
    php: '<?php\n$seam->access_codes->create(\n    device_id: "d1",\n    access_schedule: ["starts_at" => "s"]\n);',
    go: 'package main\n\nfunc main() {\n\tclient.AccessCodes.Create(context.Background(), api.AccessCodesCreateRequest{\n\t\tDeviceId: "d1",\n\t\tAccessSchedule: map[string]string{"starts_at": "s"},\n\t})\n}',
    seam_cli: 'seam access-codes create --device_id "d1" --access_schedule {"starts_at":"s"}',
    curl: 'curl -X POST "https://connect.getseam.com/access_codes/create" --json @- <<EOF\n{\n  "device_id": "d1",\n  "access_schedule": { "starts_at": "s" }\n}\nEOF',
  };

  it.each(Object.entries(requests))('%s: the call, a parameter and a nested one', (language, code) => {
    const result = readerFor(language)!.readRequest(makeBlock(code, 20, language));
    expect(result.ok && result.value.path).toBe('/access_codes/create');
    expect(at(result, '/device_id')).toMatch(/^2\d:\d+ "d1"$/);
    expect(at(result, '/access_schedule/starts_at')).toMatch(/^2\d:\d+ "s"$/);
    expect(at(result, '/device_id', 'key')).toMatch(/^2\d:\d+ (?:"?device_id"?|--device_id|DeviceId)$/);
    if (!result.ok) return;
    const callee = result.map!.callee!;
    expect(callee.block.code.slice(callee.start, callee.end)).toMatch(/access|access_codes\/create/i);
  });

  it('keeps where the value stands out of the value: a result compared or written as JSON has no map', () => {
    const result = readerFor('javascript')!.readResponse(makeBlock('{ "a": 1 }'));
    expect(JSON.parse(JSON.stringify(result))).toEqual({ ok: true, notes: [], value: { kind: 'json', json: { a: 1 } } });
    expect(result.ok && result.map?.values.get('/a')).toBeTruthy();
  });

  it('spells paths as JSON pointers and shows them JSONPath-style', () => {
    expect(pointer(['a/b', 0, 'c~d'])).toBe('/a~1b/0/c~0d');
    expect(stepsOf('/a~1b/0/c~0d')).toEqual(['a/b', '0', 'c~d']);
    expect(displayPath('/devices/0/display name')).toBe('$.devices[0]["display name"]');
  });
});
