// Preloaded (`node --import`) into every Node child that runs a snippet: any attempt to reach a
// host other than loopback fails at once, with no DNS query and no packet sent, instead of
// hanging or reaching a real service. Every TCP client in Node (http, https, tls, fetch/undici,
// http2) connects through net.Socket.prototype.connect; DNS and UDP are refused too. Drivers
// read the refusals from `globalThis[Symbol.for('doc-harness.network')]` to report them.
import dgram from 'node:dgram';
import dns from 'node:dns';
import { writeSync } from 'node:fs';
import net from 'node:net';

const state = { refused: [], listeners: new Set() };
globalThis[Symbol.for('doc-harness.network')] = state;

const isLoopback = (host) => {
  const h = String(host ?? 'localhost').replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return net.isIPv4(v4) && v4.startsWith('127.');
};

/** `what`: "a connection to example.com:443", "a DNS lookup of example.com". */
const refusal = (what) => {
  state.refused.push(what);
  for (const listener of state.listeners) listener(what);
  const error = new Error(`doc-harness refused ${what}: only the local mock may be reached`);
  // Also on stderr, straight to the descriptor: a program run as a whole process (a CLI) reports
  // errors its own way, and the harness finds the refusal here.
  try {
    writeSync(2, `${error.message}\n`);
  } catch {
    // stderr closed: the refusal is still thrown.
  }
  error.code = 'EDOCHARNESSNETWORK';
  return error;
};

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  let options;
  if (first !== null && typeof first === 'object') options = first;
  else if (typeof first === 'string' && !/^\d+$/.test(first)) options = { path: first };
  else options = { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  // A Unix socket path is local by nature; only TCP can leave the machine.
  if (!options.path && !isLoopback(options.host)) {
    const error = refusal(`a connection to ${options.host ?? 'localhost'}:${options.port}`);
    process.nextTick(() => this.destroy(error));
    return this;
  }
  return connect.apply(this, args);
};

const refuseLookup = (original) =>
  function (hostname, ...rest) {
    if (isLoopback(hostname)) return original.call(this, hostname, ...rest);
    const error = refusal(`a DNS lookup of ${hostname}`);
    const callback = rest.findLast((arg) => typeof arg === 'function');
    if (callback) return void process.nextTick(() => callback(error));
    return Promise.reject(error);
  };
dns.lookup = refuseLookup(dns.lookup);
dns.promises.lookup = refuseLookup(dns.promises.lookup);
// Resolver queries always go to a name server: none is allowed, not even for localhost.
const refuseQuery = () =>
  function (hostname, ...rest) {
    const error = refusal(`a DNS query for ${hostname}`);
    const callback = rest.findLast((arg) => typeof arg === 'function');
    if (callback) return void process.nextTick(() => callback(error));
    return Promise.reject(error);
  };
for (const target of [dns, dns.promises, dns.Resolver.prototype, dns.promises.Resolver.prototype]) {
  for (const name of Object.getOwnPropertyNames(target)) {
    if (/^(resolve|reverse)/.test(name) && typeof target[name] === 'function') target[name] = refuseQuery();
  }
}

for (const name of ['send', 'connect']) {
  const original = dgram.Socket.prototype[name];
  dgram.Socket.prototype[name] = function (...args) {
    // The address follows the port in both send(…, port, address) and connect(port, address).
    const port = args.findLastIndex((arg) => typeof arg === 'number');
    const host = port === -1 ? undefined : args[port + 1];
    if (port !== -1 && typeof host !== 'function' && !isLoopback(host)) throw refusal(`a UDP packet to ${host ?? 'localhost'}:${args[port]}`);
    return original.apply(this, args);
  };
}
