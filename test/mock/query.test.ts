import { describe, expect, it } from 'vitest';
import { parseQuery, queryParams } from '../../harness/mock/query.ts';
import { exampleBaseUrl, exampleIdFromSlug, exampleSlug, splitExamplePath } from '../../harness/mock/slug.ts';

describe('example slugs', () => {
  it('are readable, path-safe and reverse exactly', () => {
    expect(exampleSlug('acs/credentials/assign.md#1')).toBe('acs~credentials~assign.md@1');
    for (const id of ['acs/credentials/assign.md#1', 'a b/ü~x@y%z.md#12', 'x.md#3/../y']) {
      const slug = exampleSlug(id);
      expect(slug).toMatch(/^[A-Za-z0-9._~@%-]+$/);
      expect(exampleIdFromSlug(slug)).toBe(id);
    }
  });

  it('make a base URL whose requests split back into example and path', () => {
    const base = exampleBaseUrl('http://127.0.0.1:4000/', 'devices/get.md#2');
    expect(base).toBe('http://127.0.0.1:4000/__example/devices~get.md@2');
    expect(splitExamplePath(new URL(`${base}/devices/get`).pathname)).toEqual({ exampleId: 'devices/get.md#2', client: null, path: '/devices/get' });
    expect(splitExamplePath('/devices/get')).toEqual({ exampleId: null, client: null, path: '/devices/get' });
  });

  it('carry a client tag that splits back apart from the example id', () => {
    const base = exampleBaseUrl('http://127.0.0.1:4000', 'a!b/get.md#1', 'seam_cli');
    expect(base).toBe('http://127.0.0.1:4000/__example/a%21b~get.md@1!seam_cli');
    expect(splitExamplePath(new URL(`${base}/devices/get`).pathname)).toEqual({ exampleId: 'a!b/get.md#1', client: 'seam_cli', path: '/devices/get' });
  });
});

describe('query strings', () => {
  it('reads repeated keys, [] keys and nested keys', () => {
    expect(parseQuery('?a=1&a=2&b[]=x&c.d=e&f[g]=h&_strict=true')).toEqual({
      a: ['1', '2'],
      b: ['x'],
      c: { d: 'e' },
      f: { g: 'h' },
      _strict: 'true',
    });
  });

  it('gives values back the types recorded on the route', () => {
    const recorded = [{ limit: 5, ids: ['a', 'b'], counts: [1, 2], on: true, when: { starts_at: 'x', days: 3 }, name: 'n' }];
    expect(queryParams('limit=10&ids=z&counts=3&counts=4&on=false&when.starts_at=y&when.days=7&name=12', recorded)).toEqual({
      limit: 10,
      ids: ['z'],
      counts: [3, 4],
      on: false,
      when: { starts_at: 'y', days: 7 },
      name: '12',
    });
  });

  it('keeps text where nothing says otherwise, and an empty array value as []', () => {
    expect(queryParams('limit=abc&ids=&unknown=5', [{ limit: 5, ids: ['a'] }])).toEqual({ limit: 'abc', ids: [], unknown: '5' });
  });
});
