// Every JavaScript, Python and Ruby sample of the real corpus reads, the notes the readers raise
// there are the ones verified by hand, and the three languages read each example alike.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { extract } from '../../harness/extract/index.ts';
import type { Call, ReadResult, SampleReader, Value } from '../../harness/model.ts';
import { reader as javascript } from '../../runners/javascript/reader.ts';
import { reader as python } from '../../runners/python/reader.ts';
import { reader as ruby } from '../../runners/ruby/reader.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const CORPUS = resolve(ROOT, '../shared/corpus/seam-docs-2025-03');
const READERS = { javascript, python, ruby } satisfies Record<string, SampleReader>;
type Language = keyof typeof READERS;
const LANGUAGES = Object.keys(READERS) as Language[];

interface Read {
  file: string;
  language: Language;
  /** 1-based index of the example group within its page. */
  example: number;
  request: ReadResult<Call>;
  response: ReadResult<Value>;
}

async function readCorpus(): Promise<Read[]> {
  const { pages } = await extract([CORPUS], { cwd: CORPUS });
  return pages.flatMap((page) =>
    page.examples.flatMap((example) =>
      example.samples.flatMap((sample) => {
        if (!Object.hasOwn(READERS, sample.language)) return [];
        const language = sample.language as Language;
        const reader = READERS[language];
        return [
          {
            file: page.file,
            language,
            example: example.index,
            request: reader.readRequest(sample.request),
            response: reader.readResponse(sample.response),
          },
        ];
      }),
    ),
  );
}

const present = existsSync(CORPUS);
if (!present) console.warn(`corpus tests skipped: ${CORPUS} not found`);
const reads = present ? await readCorpus() : [];

describe.skipIf(!present)('readers on the seam-docs-2025-03 corpus', () => {
  const find = (file: string, language: Language, example = 1) => {
    const read = reads.find((r) => r.file === file && r.language === language && r.example === example);
    if (!read) throw new Error(`no ${language} example ${example} in ${file}`);
    return read;
  };
  const valueOf = <T>(result: ReadResult<T>): T => {
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('finds the 64 examples of each language', () => {
    for (const language of LANGUAGES) expect(reads.filter((r) => r.language === language)).toHaveLength(64);
  });

  it('reads every request and response without an error', () => {
    const errors = reads.flatMap((r) =>
      [r.request, r.response].flatMap((result) =>
        result.ok ? [] : [`${r.file}:${result.error.line}:${result.error.column} ${result.error.message}`],
      ),
    );
    expect(errors).toEqual([]);
  });

  it('raises exactly the warnings verified by hand', () => {
    const warnings = reads.flatMap((r) =>
      [...r.request.notes, ...r.response.notes]
        .filter((note) => note.severity === 'warning')
        .map((note) => `${r.file}:${note.line}:${note.column} ${r.language} ${note.rule} ${note.message.split(':')[0]}`),
    );
    expect(warnings.sort()).toEqual([
      'acs/credentials/create.md:57:36 python snippet-invalid-in-language `true` is not Python',
      'acs/credentials/list.md:49:36 python snippet-invalid-in-language `true` is not Python',
      'thermostats/create_climate_preset.md:45:29 python snippet-invalid-in-language `true` is not Python',
      'thermostats/list.md:111:17 ruby snippet-invalid-in-language `null` is not Ruby',
      'thermostats/update_climate_preset.md:37:29 python snippet-invalid-in-language `true` is not Python',
      'user_identities/enrollment_automations/launch.md:45:36 python snippet-invalid-in-language `true` is not Python',
    ]);
  });

  it('notes JSON-style literals in Python responses only as info', () => {
    const infos = reads.flatMap((r) => [...r.request.notes, ...r.response.notes].filter((n) => n.severity === 'info').map(() => r));
    expect(infos.every((r) => r.language === 'python')).toBe(true);
    expect(infos.map((r) => r.file)).toContain('user_identities/list_accessible_devices.md');
  });

  it('reads the three languages of every example as the same call and the same value', () => {
    const disagreements: string[] = [];
    // The type hint is Python's alone; the value is what must agree. Key order never matters.
    const data = (v: Value) => (v.kind === 'void' ? 'void' : v.json);
    for (const js of reads.filter((r) => r.language === 'javascript')) {
      for (const language of ['python', 'ruby'] as const) {
        const other = find(js.file, language, js.example);
        if (!isDeepStrictEqual(valueOf(other.request), valueOf(js.request))) {
          disagreements.push(`${js.file}#${js.example} request: javascript vs ${language}`);
        }
        if (!isDeepStrictEqual(data(valueOf(other.response)), data(valueOf(js.response)))) {
          disagreements.push(`${js.file}#${js.example} response: javascript vs ${language}`);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });

  it('reads thermostats/list.md alike in all three display forms (Ruby %w and nested null, Python class list)', () => {
    const js = valueOf(find('thermostats/list.md', 'javascript').response);
    const py = valueOf(find('thermostats/list.md', 'python').response);
    const rb = valueOf(find('thermostats/list.md', 'ruby').response);
    expect(py).toMatchObject({ kind: 'json', type: 'Device' });
    for (const value of [js, py, rb]) {
      expect(value.kind).toBe('json');
      if (value.kind !== 'json' || !Array.isArray(value.json)) throw new Error('expected a list');
      expect(value.json).toHaveLength(1);
      expect(value.json[0]).toMatchObject({
        capabilities_supported: ['thermostat'],
        properties: {
          available_hvac_mode_settings: ['cool', 'heat', 'heat_cool', 'off'],
          current_climate_setting: { cooling_set_point_farenheit: 75, manual_override_allowed: false },
          location: null,
          relative_humidity: 0.36,
        },
      });
    }
  });

  it('reads user_identities/list_accessible_devices.md alike, floats and empty containers included', () => {
    const values = LANGUAGES.map((language) => valueOf(find('user_identities/list_accessible_devices.md', language).response));
    for (const value of values) {
      if (value.kind !== 'json' || !Array.isArray(value.json)) throw new Error('expected a list');
      expect(value.json[0]).toMatchObject({
        errors: [],
        custom_metadata: {},
        location: null,
        properties: {
          temperature_fahrenheit: 76.352,
          appearance: { name: '' },
          current_climate_setting: { cooling_set_point_celsius: 21.5, heating_set_point_celsius: 20 },
        },
      });
    }
    const [js, py, rb] = values.map((value) => (value.kind === 'json' ? value.json : null));
    expect(py).toEqual(js);
    expect(rb).toEqual(js);
  });

  it('reads the nested request parameters of acs/users/create.md example 2 alike', () => {
    const calls = LANGUAGES.map((language) => valueOf(find('acs/users/create.md', language, 2).request));
    const schedule = (call: Call) => call.params.access_schedule as Record<string, unknown>;
    expect(calls[0].path).toBe('/acs/users/create');
    expect(Object.keys(schedule(calls[0])).sort()).toEqual(['ends_at', 'starts_at']);
    expect(calls[1]).toEqual(calls[0]);
    expect(calls[2]).toEqual(calls[0]);
  });

  it('keeps the class name Python shows, even where it names no resource (a finding for lint)', () => {
    expect(valueOf(find('user_identities/enrollment_automations/launch.md', 'python').response)).toMatchObject({ type: 'Unknown' });
    expect(valueOf(find('user_identities/enrollment_automations/get.md', 'python').response)).toMatchObject({
      type: 'EnrollmentAutomation',
    });
  });
});
