import { describe, expect, it } from 'vitest';
import { reader } from './reader.ts';
import { artefactFor } from '../registry.ts';
import { makeBlock } from '../../test/helpers/block.ts';
import { readError as error, readValue as value } from '../../test/helpers/read.ts';

const FENCE = 100; // the ``` line; the snippet's line n is file line FENCE + n



const request = (code: string) => reader.readRequest(makeBlock(code, FENCE, 'go'));
const response = (code: string) => reader.readResponse(makeBlock(code, FENCE, 'go'));

/** A program as the docs print it, around the call's lines. */
const program = (imports: string[], call: string[]) =>
  ['package main', '', ...imports, '', 'func main() {', ...call.map((line) => `\t${line}`), '}'].join('\n');

describe('go request reader', () => {
  it('reads the docs program: aliased imports, the client chain and the request struct', () => {
    const code = program(
      ['import api "github.com/seamapi/go"', 'import credentials "github.com/seamapi/go/credentials"'],
      [
        'client.Acs.Credentials.Assign(',
        '\tcontext.Background(),',
        '\tcredentials.CredentialsAssignRequest{',
        '\t\tAcsUserId:       api.String("33333333-3333-3333-3333-333333333333"),',
        '\t\tAcsCredentialId: api.String("66666666-6666-6666-6666-666666666666"),',
        '\t},',
        ')',
      ],
    );
    const result = request(code);
    expect(value(result)).toEqual({
      path: '/acs/credentials/assign',
      params: { acs_user_id: '33333333-3333-3333-3333-333333333333', acs_credential_id: '66666666-6666-6666-6666-666666666666' },
    });
    expect(result.notes).toEqual([]);
  });

  it('maps PascalCase methods and fields to snake_case', () => {
    const code = program(
      ['import api "github.com/seamapi/go"'],
      [
        'client.Thermostats.SetHvacMode(context.Background(), api.ThermostatsSetHvacModeRequest{',
        '\tDeviceID: api.String("d1"), HeatingSetPointCelsius: api.Float64(20), CoolingSetPointCelsius: api.Float64(25.5),',
        '})',
      ],
    );
    expect(value(request(code))).toEqual({
      path: '/thermostats/set_hvac_mode',
      params: { device_id: 'd1', heating_set_point_celsius: 20, cooling_set_point_celsius: 25.5 },
    });
  });

  it('reads a call with only a context, grouped imports, and a package the SDK lacks', () => {
    expect(value(request('package main\n\nfunc main() {\n\tclient.Acs.Entrances.List(context.Background())\n}'))).toEqual({
      path: '/acs/entrances/list',
      params: {},
    });
    const grouped = program(['import (', '\t"context"', '\tapi "github.com/seamapi/go"', '\tnope "github.com/seamapi/go/no_such_package"', ')'], [
      'client.Devices.List(context.Background(), nope.DevicesListRequest{})',
    ]);
    expect(value(request(grouped))).toEqual({ path: '/devices/list', params: {} });
  });

  it('reads every value form of a request struct', () => {
    const code = program(
      ['import api "github.com/seamapi/go"'],
      [
        'client.X.Y(ctx, &api.XYRequest{',
        '\tS: "tab\\there \\"q\\" \\u00e9\\x41\\101", Raw: `a\\b`, I: api.Int(-3), Hex: 0x1F, Sep: 1_000, F: 2.5e1,',
        '\tB: api.Bool(false), T: true, N: nil, Conv: float64(4),',
        '\tIds: []string{"a", "b"},',
        '\tSchedule: api.XYRequestSchedule{StartsAt: api.String("s"), EndsAt: "e"},',
        '\tPtr: &api.Nested{Ok: true},',
        '\tItems: []api.Item{{Name: "one"}, api.Item{Name: "two"}},',
        '\tMeta: map[string]interface{}{"custom_key": 1, "Other": "x"},',
        '\tEmpty: struct{}{},',
        '})',
      ],
    );
    expect(value(request(code)).params).toEqual({
      s: 'tab\there "q" éAA',
      raw: 'a\\b',
      i: -3,
      hex: 31,
      sep: 1000,
      f: 25,
      b: false,
      t: true,
      n: null,
      conv: 4,
      ids: ['a', 'b'],
      schedule: { starts_at: 's', ends_at: 'e' },
      ptr: { ok: true },
      items: [{ name: 'one' }, { name: 'two' }],
      meta: { custom_key: 1, Other: 'x' },
      empty: {},
    });
  });

  it('reads a bare call statement, an assignment and request options', () => {
    expect(value(request('res, err := client.Devices.Get(ctx, api.DevicesGetRequest{DeviceId: api.String("d1")}, option.WithBaseURL("x"))'))).toEqual({
      path: '/devices/get',
      params: { device_id: 'd1' },
    });
  });

  it('notes pointer helpers inside a list of plain values, once per list, where the program would not compile', () => {
    const code = program(
      ['import api "github.com/seamapi/go"'],
      ['client.Acs.Credentials.Create(context.Background(), api.Req{', '\tIds: [2]string{api.String("e1"), api.String("e2")},', '})'],
    );
    const result = request(code);
    expect(value(result).params).toEqual({ ids: ['e1', 'e2'] });
    expect(result.notes).toEqual([
      {
        rule: 'snippet-invalid-in-language',
        severity: 'warning',
        line: FENCE + 7,
        column: 18,
        message: 'api.String(…) returns a pointer, but [2]string{…} holds plain values: the program would not compile (write the value without api.String)',
      },
    ]);
  });

  it('reports a program without func main', () => {
    expect(error(request('package main\n\nfunc run() {}'))).toEqual({
      line: FENCE + 3,
      column: 1,
      message: 'go request: expected `func main() {`, found `func`',
    });
  });

  it('reports a call without a context', () => {
    expect(error(request('client.Devices.List()'))).toEqual({
      line: FENCE + 1,
      column: 21,
      message: "go request: expected a context as the first argument of client.Devices.List(…), found ')'",
    });
  });

  it('reports a constant the docs cannot show', () => {
    expect(error(request('client.Thermostats.SetFanMode(ctx, api.Req{FanMode: api.FanModeAuto})'))).toEqual({
      line: FENCE + 1,
      column: 53,
      message: 'go request: expected a literal value, found `api.FanModeAuto` (a constant or variable the docs cannot show)',
    });
  });

  it('reports an unterminated string and a missing comma at their positions', () => {
    expect(error(request('client.X.Y(ctx, api.Req{\n\tName: "abc,\n})'))).toEqual({
      line: FENCE + 2,
      column: 13,
      message: `go request: expected a closing " for the string opened at ${FENCE + 2}:8, found end of line`,
    });
    expect(error(request('client.X.Y(ctx, api.Req{\n\tA: 1\n\tB: 2,\n})'))).toEqual({
      line: FENCE + 3,
      column: 2,
      message: "go request: expected ',' or '}' in api.Req{…}, found `B`",
    });
  });

  it('reports a second statement in main', () => {
    expect(error(request(program([], ['client.X.Y(ctx)', 'client.X.Z(ctx)'])))).toEqual({
      line: FENCE + 6,
      column: 2,
      message: "go request: expected '}' to close main after its one call, found `client`",
    });
  });
});

describe('go response reader', () => {
  it('reads nil and an empty fence as void', () => {
    expect(value(response('nil'))).toEqual({ kind: 'void' });
    expect(value(response(''))).toEqual({ kind: 'void' });
  });

  it('reads a struct literal with its type as a hint and fields in snake_case', () => {
    expect(value(response('api.ActionAttempt{ActionAttemptId: "a1", Status: "pending", ActionType: "SET_HEAT"}'))).toEqual({
      kind: 'json',
      json: { action_attempt_id: 'a1', status: 'pending', action_type: 'SET_HEAT' },
      type: 'ActionAttempt',
    });
  });

  it('reads a list with its item type, nested structs, floats, nil and struct{}{}', () => {
    const code =
      '[]api.Device{api.Device{DeviceId: "d1", CapabilitiesSupported: []string{"thermostat"}, Properties: api.DeviceProperties{Online: true, RelativeHumidity: 0.46, TemperatureFahrenheit: 76.352, ImageUrl: "u"}, Location: nil, Errors: nil, CustomMetadata: struct{}{}}}';
    expect(value(response(code))).toEqual({
      kind: 'json',
      json: [
        {
          device_id: 'd1',
          capabilities_supported: ['thermostat'],
          properties: { online: true, relative_humidity: 0.46, temperature_fahrenheit: 76.352, image_url: 'u' },
          location: null,
          errors: null,
          custom_metadata: {},
        },
      ],
      type: 'Device',
    });
  });

  it('keeps no type for built-in element types', () => {
    expect(value(response('[]string{"a", "b"}'))).toEqual({ kind: 'json', json: ['a', 'b'] });
    expect(value(response('struct{}{}'))).toEqual({ kind: 'json', json: {} });
  });

  it('reads unqualified types as written (the docs print some)', () => {
    expect(value(response('[]AcsEntranceProfiles{api.AcsEntranceProfilesProfiles{DoorName: "x"}}'))).toEqual({
      kind: 'json',
      json: [{ door_name: 'x' }],
      type: 'AcsEntranceProfiles',
    });
  });

  it('reports a missing closing brace and text after the value', () => {
    expect(error(response('api.Device{DeviceId: "d1"'))).toEqual({
      line: FENCE + 1,
      column: 26,
      message: `go response: expected '}' to close api.Device{ opened at ${FENCE + 1}:11, found end of snippet`,
    });
    expect(error(response('nil nil'))).toMatchObject({ line: FENCE + 1, column: 5 });
  });

  it('reports keyed and unkeyed elements mixed', () => {
    expect(error(response('api.Device{DeviceId: "d1", "x"}'))).toMatchObject({
      line: FENCE + 1,
      column: 11,
      message: 'go response: expected every element of api.Device{…} to be keyed or none, found both',
    });
  });
});

describe('go display artefact', () => {
  const artefact = artefactFor('go')!;
  it('names an empty list printed as nil: void at the top, null inside', () => {
    expect(artefact([], undefined)).toMatch(/Go prints an empty list as nil/);
    expect(artefact([], null)).toMatch(/Go prints an empty list as nil/);
  });
  it('names a field the pinned SDK struct does not have, left out by the Go tab', () => {
    // github.com/seamapi/go v0.6.1's AccessCode has no workspace_id; it has device_id.
    expect(artefact('ws-1', undefined, { path: '$.workspace_id', kind: 'missing', type: 'api.AccessCode' })).toBe(
      "github.com/seamapi/go v0.6.1's AccessCode has no field workspace_id",
    );
    expect(artefact('ws-1', undefined, { path: '$[0].workspace_id', kind: 'missing', type: 'api.AccessCode' })).toMatch(/has no field workspace_id/);
    expect(artefact('d-1', undefined, { path: '$.device_id', kind: 'missing', type: 'api.AccessCode' })).toBeNull();
    expect(artefact('ws-1', 'ws-2', { path: '$.workspace_id', kind: 'different', type: 'api.AccessCode' })).toBeNull();
    expect(artefact('ws-1', undefined, { path: '$.workspace_id', kind: 'missing' })).toBeNull();
  });
  it('names nothing else', () => {
    expect(artefact({}, null)).toBeNull();
    expect(artefact(['a'], null)).toBeNull();
  });
});

describe('go enum values', () => {
  it('reads an SDK enum conversion taken by address with .Ptr() as its value', () => {
    const code = program(
      ['import api "github.com/seamapi/go"'],
      [
        'client.Thermostats.SetFanMode(context.Background(), &api.ThermostatsSetFanModeRequest{',
        '\tDeviceId: "d1",',
        '\tFanModeSetting: api.ThermostatsSetFanModeRequestFanModeSetting("on").Ptr(),',
        '})',
      ],
    );
    expect(value(request(code))).toEqual({ path: '/thermostats/set_fan_mode', params: { device_id: 'd1', fan_mode_setting: 'on' } });
  });

  it('still rejects any other method on a value', () => {
    const code = program(['import api "github.com/seamapi/go"'], ['client.Devices.Get(context.Background(), &api.DevicesGetRequest{DeviceId: api.String("d").Other()})']);
    expect(error(request(code)).message).toMatch(/expected/);
  });
});
