// Every PHP, Seam CLI and Go sample of the real corpus reads; the notes the readers raise there
// are the ones verified by hand; and the three languages canonicalise each example to the call
// and the value the JavaScript tab shows (its JSON parsed here with JSON.parse), but for the
// generator's display artefacts, which are named.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareValues } from '../../harness/compare/values.ts';
import { extract } from '../../harness/extract/index.ts';
import type { Call, Example, Json, ReadResult, Sample, Value } from '../../harness/model.ts';
import { artefactFor, readerFor } from '../../runners/registry.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const CORPUS = resolve(ROOT, '../shared/corpus/seam-docs-2025-03');
const LANGUAGES = ['php', 'seam_cli', 'go'] as const;
type Language = (typeof LANGUAGES)[number];

interface Read {
  /** `acs/credentials/create.md#1` */
  example: string;
  sample: Sample;
  request: ReadResult<Call>;
  response: ReadResult<Value>;
}

const present = existsSync(CORPUS);
if (!present) console.warn(`corpus tests skipped: ${CORPUS} not found`);

describe.skipIf(!present)('php, seam_cli and go readers on the seam-docs-2025-03 corpus', () => {
  let examples: Example[] = [];
  let reads: Read[] = [];

  beforeAll(async () => {
    const { pages } = await extract([CORPUS]);
    examples = pages.flatMap((page) => page.examples);
    reads = examples.flatMap((example) =>
      example.samples
        .filter((sample) => (LANGUAGES as readonly string[]).includes(sample.language))
        .map((sample) => {
          const reader = readerFor(sample.language)!;
          return { example: example.id, sample, request: reader.readRequest(sample.request), response: reader.readResponse(sample.response) };
        }),
    );
  });

  const at = (read: Read, line: number, column: number) => `${read.example.replace(/#.*/, '')}:${line}:${column}`;
  const valueOf = <T>(result: ReadResult<T>): T => {
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const find = (example: string, language: Language): Read => {
    const read = reads.find((r) => r.example === example && r.sample.language === language);
    if (!read) throw new Error(`no ${language} sample in ${example}`);
    return read;
  };
  /** What the JavaScript tab documents, read without any reader: its JSON, or `// void`. */
  const javascriptShows = (example: string): Value => {
    const sample = examples.find((e) => e.id === example)?.samples.find((s) => s.language === 'javascript');
    if (!sample) throw new Error(`no javascript sample in ${example}`);
    const code = sample.response.code.trim();
    return code === '// void' ? { kind: 'void' } : { kind: 'json', json: JSON.parse(code) as Json };
  };
  const untyped = (value: Value): Value => (value.kind === 'void' ? value : { kind: 'json', json: value.json });

  it('finds the 64 examples of each language', () => {
    for (const language of LANGUAGES) expect(reads.filter((r) => r.sample.language === language)).toHaveLength(64);
  });

  it('reads every request and response without an error', () => {
    const errors = reads.flatMap((r) =>
      [r.request, r.response].flatMap((result) => (result.ok ? [] : [`${at(r, result.error.line, result.error.column)} ${result.error.message}`])),
    );
    expect(errors).toEqual([]);
  });

  it('raises exactly the notes verified by hand', () => {
    const notes = reads.flatMap((r) =>
      [...r.request.notes, ...r.response.notes].map((n) => `${at(r, n.line, n.column)} ${r.sample.language} ${n.severity} ${n.rule} ${n.message.split(':')[0]}`),
    );
    expect(notes.sort()).toEqual([
      // `--allowed_acs_entrance_ids ["…","…"]` unquoted.
      'acs/credentials/create.md:156:138 seam_cli warning cli-shell-unsafe unquoted JSON value',
      // `[2]string{api.String(…), …}`: api.String returns *string.
      'acs/credentials/create.md:191:44 go warning snippet-invalid-in-language api.String(…) returns a pointer, but [2]string{…} holds plain values',
      // `--access_schedule {"starts_at":"…","ends_at":"…"}` unquoted.
      'acs/users/create.md:311:184 seam_cli warning cli-shell-unsafe unquoted JSON value',
      // `--acs_access_group_ids ["…"]` unquoted.
      'acs/users/create.md:483:189 seam_cli warning cli-shell-unsafe unquoted JSON value',
      // `[1]string{api.String(…)}`.
      'acs/users/create.md:519:33 go warning snippet-invalid-in-language api.String(…) returns a pointer, but [1]string{…} holds plain values',
    ]);
  });

  it('reads every example as the same call in all three languages', () => {
    const differing: string[] = [];
    for (const example of new Set(reads.map((r) => r.example))) {
      const [php, ...others] = LANGUAGES.map((language) => valueOf(find(example, language).request));
      others.forEach((call, i) => {
        try {
          expect(call).toEqual(php);
        } catch {
          differing.push(`${example} ${LANGUAGES[i + 1]}`);
        }
      });
    }
    expect(differing).toEqual([]);
  });

  it('reads every response as the JavaScript tab shows it, but for the named display artefacts', () => {
    const differing: string[] = [];
    for (const r of reads) {
      const shown = javascriptShows(r.example);
      for (const difference of compareValues(shown, valueOf(r.response), { strict: true }).differences) {
        const artefact = artefactFor(r.sample.language)?.(difference.documented, difference.returned);
        differing.push(`${r.example} ${r.sample.language} ${difference.path} ${artefact ?? 'REAL DIFFERENCE'}`);
      }
    }
    expect(differing.sort()).toEqual([
      'user_identities/list_accessible_devices.md#1 go $[0].errors Go prints an empty list as nil or leaves it out',
      'user_identities/list_accessible_devices.md#1 go $[0].warnings Go prints an empty list as nil or leaves it out',
      'user_identities/list_accessible_devices.md#1 php $[0].custom_metadata PHP prints an empty object as [] (generator artefact)',
    ]);
  });

  it('canonicalises an action attempt to the JavaScript tab JSON, Go keeping its type', () => {
    const shown = javascriptShows('thermostats/heat.md#1');
    expect(shown).toEqual({
      kind: 'json',
      json: { action_attempt_id: '123e4567-e89b-12d3-a456-426614174000', status: 'pending', action_type: 'SET_HEAT' },
    });
    for (const language of LANGUAGES) expect(untyped(valueOf(find('thermostats/heat.md#1', language).response))).toEqual(shown);
    expect(valueOf(find('thermostats/heat.md#1', 'go').response)).toMatchObject({ type: 'ActionAttempt' });
  });

  it('canonicalises nested lists, objects and nulls (list_accessible_entrances) to the JavaScript tab JSON', () => {
    const shown = javascriptShows('acs/credentials/list_accessible_entrances.md#1');
    expect(shown.kind === 'json' && shown.json).toMatchObject([
      { visionline_metadata: { profiles: [{ visionline_door_profile_id: 'Guest Door' }] }, latch_metadata: null },
    ]);
    for (const language of LANGUAGES) {
      expect(untyped(valueOf(find('acs/credentials/list_accessible_entrances.md#1', language).response))).toEqual(shown);
    }
  });

  it('canonicalises a void call alike: PHP null, CLI {}, Go nil', () => {
    expect(javascriptShows('acs/credentials/assign.md#1')).toEqual({ kind: 'void' });
    for (const language of LANGUAGES) expect(valueOf(find('acs/credentials/assign.md#1', language).response)).toEqual({ kind: 'void' });
  });

  it('reads the unquoted CLI JSON and the Go struct of acs/users/create.md example 2 as the PHP array', () => {
    const calls = LANGUAGES.map((language) => valueOf(find('acs/users/create.md#2', language).request));
    expect(calls[0].params.access_schedule).toEqual({ starts_at: '2024-11-01T15:00:00.000Z', ends_at: '2024-11-04T11:00:00.000Z' });
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[2]).toEqual(calls[0]);
  });

  it('keeps the Go type a response names, even where it names no resource (a finding for lint)', () => {
    expect(valueOf(find('user_identities/enrollment_automations/launch.md#1', 'go').response)).toMatchObject({ type: 'Unknown' });
    expect(valueOf(find('acs/access_groups/list.md#1', 'go').response)).toMatchObject({ type: 'AcsAccessGroup' });
  });
});
