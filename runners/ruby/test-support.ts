// What the Ruby runner, client and install tests share: the mock's routes (the conformance suite's
// values, test/conformance/cases.ts, plus what the client tests need: a finished action attempt,
// API errors of each kind; anything else gets the mock's unmatched-request answer), and when to
// skip them.
import { ACTION_ATTEMPT, DEVICE, DEVICE_2 } from '../../test/conformance/cases.ts';
import { params, startMockServer, type MockServer, type Route } from '../../test/helpers/run/mock-server.ts';
import { UNMATCHED_ERROR_TYPE } from '../../harness/run/protocol.ts';
import type { Toolchain } from '../../harness/run/types.ts';
import { findRuby } from './install.ts';

const unmatched = (what: string) => ({ status: 404, body: { error: { type: UNMATCHED_ERROR_TYPE, message: `no recorded request matches ${what}` } } });

export const routes: Record<string, Route> = {
  '/devices/get': (r) => {
    const id = params(r).device_id;
    if (id === 'd-404') return unmatched('POST /devices/get {"device_id":"d-404"}');
    // `d-offline` also carries an error, for the client's `errors` reader.
    const errors = id === 'd-offline' ? { errors: [{ error_code: 'device_offline', message: 'Device is offline' }] } : {};
    return { body: { device: { ...DEVICE, device_id: id ?? DEVICE.device_id, ...errors }, ok: true } };
  },
  '/devices/list': () => ({ body: { devices: [DEVICE, DEVICE_2], pagination: { has_next_page: false, next_page_cursor: null }, ok: true } }),
  '/locks/unlock_door': () => ({ body: { action_attempt: ACTION_ATTEMPT, ok: true } }),
  '/action_attempts/get': () => ({ body: { action_attempt: { ...ACTION_ATTEMPT, status: 'success', result: {} }, ok: true } }),
  '/access_codes/delete': () => ({ body: { ok: true } }),
  '/devices/update': () => ({
    status: 400,
    body: { error: { type: 'invalid_input', message: 'Invalid input', validation_errors: { name: { _errors: ['Expected string'] } } } },
  }),
  '/access_codes/get': () => ({ status: 404, body: { error: { type: 'access_code_not_found', message: 'Access code not found', data: { access_code_id: 'ac-0' } } } }),
  '/workspaces/get': () => ({ status: 502, body: 'Bad Gateway' }),
};

export function startRubyMock(): Promise<MockServer> {
  return startMockServer(routes);
}

/**
 * Why a test file cannot run here: only a machine without Ruby skips; with Ruby present, a runner
 * that is not ready fails its tests.
 */
export async function skipWithoutRuby(toolchain: Toolchain): Promise<string | false> {
  return !toolchain.ready && !(await findRuby()) ? `no Ruby here: ${toolchain.reason}` : false;
}
