// What a JavaScript snippet sees: a fresh V8 context per sample (its own globals and builtins),
// holding nothing of the driver's. `bootstrap` is evaluated inside that context (from its source
// text, so it must not use anything of this module) before the snippet, and returns `install`.
//
// The snippet's client and client class (`seam` and `Seam`: the profile names them) are proxies
// made here, in the snippet's realm. Every call on them crosses to the driver as JSON text
// through one function, `bridge`, which stays in this closure: no object of the driver's realm
// is ever handed to the snippet (a driver object would lead back to the driver's Function, its
// globals and `process`). Answers come back as text, parsed with the context's own JSON. The
// intrinsics used here are captured before the snippet runs, so a snippet that replaces
// JSON.stringify or Promise.prototype.then changes only its own realm, thrown away after it.
//
//   bridge('new',  json, onValue, onError)   a client: `{options}` or `{factory, args}` → `{"id":n}`
//   bridge('call', json, onValue, onError)   `{client, path, args}` → the method's JSON value
//   bridge('log',  json)                     console output `{stream, text}`
//   bridge('sleep', ms, onValue)             a timer: onValue() after `ms`
//   bridge('done', json)                     the snippet's value `{value}` or `{void: true}`
//   bridge('fail', json)                     what it threw `{name, message, stack, code, data, exit}`

export function bootstrap() {
  'use strict';
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const OwnPromise = Promise;
  const then = Promise.prototype.then;
  const apply = Reflect.apply;
  const OwnProxy = Proxy;
  const OwnError = Error;
  const OwnMap = Map;
  const OwnSet = Set;
  const freeze = Object.freeze;
  const defineProperty = Object.defineProperty;
  const fromEntries = Object.fromEntries;
  const arrayFrom = Array.from;
  const isSafeInteger = Number.isSafeInteger;
  const global = globalThis;

  // A value the driver may read as JSON text: bigints as numbers (or strings when too large),
  // maps and sets as objects and arrays; dates use their own toJSON.
  const jsonable = (_key, value) => {
    if (typeof value === 'bigint') return isSafeInteger(Number(value)) ? Number(value) : String(value);
    if (value instanceof OwnMap) return fromEntries(value);
    if (value instanceof OwnSet) return arrayFrom(value);
    return value;
  };
  const errorInfo = (error) => {
    try {
      if (error === null || (typeof error !== 'object' && typeof error !== 'function')) return stringify({ name: 'Error', message: String(error), thrown: true });
      return stringify({
        name: String(error.name ?? 'Error'),
        message: String(error.message ?? ''),
        stack: typeof error.stack === 'string' ? error.stack : undefined,
        code: error.code === undefined ? undefined : String(error.code),
        exit: error.exitCode,
        data: error.data,
      });
    } catch {
      return stringify({ name: 'Error', message: 'an error that cannot be described' });
    }
  };
  const toError = (text) => {
    const info = parse(text);
    const error = new OwnError(info.message);
    defineProperty(error, 'name', { value: info.name, writable: true, configurable: true });
    for (const key of ['code', 'statusCode', 'requestId', 'data']) if (info[key] !== undefined) error[key] = info[key];
    return error;
  };

  return function install(bridge, settings) {
    const request = (op, payload) =>
      new OwnPromise((resolve, reject) => bridge(op, stringify(payload), resolve, reject));
    const answer = (promise) =>
      apply(then, promise, [(text) => (text === undefined ? undefined : parse(text).value), (text) => { throw toError(text); }]);

    // `seam.accessCodes.unmanaged.list(…)`: a path of property names, then a call.
    const method = (client, path) =>
      new OwnProxy(function () {}, {
        get(_target, key) {
          // Not a thenable, and no symbols: `await seam` and inspection see plain objects.
          if (typeof key !== 'string' || key === 'then') return undefined;
          return method(client, [...path, key]);
        },
        apply(_target, _this, args) {
          return answer(request('call', { client, path, args }));
        },
      });
    const newClient = (payload) => {
      let made;
      bridge('new', stringify(payload), (text) => (made = parse(text)), () => undefined);
      if (!made || made.error) throw toError(stringify(made?.error ?? { name: 'Error', message: 'the client could not be made' }));
      return method(made.id, []);
    };
    const { className, variable } = settings;
    const ClientClass = new OwnProxy(function Client() {}, {
      construct(_target, args) {
        return newClient({ options: args[0] ?? {} });
      },
      apply() {
        throw new TypeError(`Class constructor ${className} cannot be invoked without 'new'`);
      },
      get(_target, key) {
        if (typeof key !== 'string' || key === 'then' || key === 'prototype') return undefined;
        if (key === 'name') return className;
        // Static factories (`Seam.fromApiKey(key, options)`) make a client too.
        return (...args) => newClient({ factory: key, args });
      },
    });

    const timers = new OwnMap();
    let nextTimer = 1;
    const setTimer = (repeat) => (callback, ms, ...args) => {
      const id = nextTimer++;
      const tick = () => {
        if (!timers.has(id)) return;
        if (!repeat) timers.delete(id);
        if (typeof callback === 'function') apply(callback, undefined, args);
        if (repeat) wait();
      };
      const wait = () => bridge('sleep', Math.max(0, Number(ms) || 0), tick, () => undefined);
      timers.set(id, true);
      wait();
      return id;
    };
    const clearTimer = (id) => void timers.delete(id);
    const log = (stream) => (...args) => {
      let text;
      try {
        text = args.map((arg) => (typeof arg === 'string' ? arg : stringify(arg, jsonable) ?? String(arg))).join(' ');
      } catch {
        text = args.map(String).join(' ');
      }
      bridge('log', stringify({ stream, text }));
    };

    const env = freeze({ ...settings.env });
    const process = {
      env: { ...env },
      exitCode: undefined,
      exit(code) {
        const error = new OwnError(`the snippet called process.exit(${code ?? ''})`);
        error.exitCode = code ?? 0;
        throw error;
      },
    };
    defineProperty(global, variable, { value: newClient({ options: {} }), writable: true, configurable: true });
    for (const [name, value] of [
      [className, ClientClass],
      ['process', process],
      ['console', { log: log('stdout'), info: log('stdout'), debug: log('stdout'), warn: log('stderr'), error: log('stderr') }],
      ['setTimeout', setTimer(false)],
      ['setInterval', setTimer(true)],
      ['clearTimeout', clearTimer],
      ['clearInterval', clearTimer],
    ]) {
      defineProperty(global, name, { value, writable: true, configurable: true });
    }

    // The snippet's compiled function is handed to `start`, under a name only this sample knows.
    defineProperty(global, settings.startKey, {
      configurable: true,
      value(fn) {
        delete global[settings.startKey];
        let result;
        try {
          result = fn(global[variable], ClientClass);
        } catch (error) {
          return bridge('fail', errorInfo(error));
        }
        apply(then, OwnPromise.resolve(result), [
          (value) => {
            if (value === undefined) return bridge('done', stringify({ void: true }));
            let text;
            try {
              text = stringify({ value }, jsonable);
            } catch (error) {
              return bridge('done', stringify({ unwritable: String(error?.message ?? error) }));
            }
            bridge('done', text);
          },
          (error) => bridge('fail', errorInfo(error)),
        ]);
      },
    });
  };
}
