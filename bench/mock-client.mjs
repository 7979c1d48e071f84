// The second process of bench/mock.mjs: sends requests one after another over a keep-alive
// connection and reports the latency of each. Being another process, it pays the real loopback
// hop and none of the server's event-loop time.
import http from 'node:http';

const { url, requests, count, warmup } = JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function send({ method, path, body }) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}${path}`,
      { method, agent, headers: payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode));
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

const times = [];
let failures = 0;
for (let i = 0; i < warmup + count; i++) {
  const started = performance.now();
  const status = await send(requests[i % requests.length]);
  const elapsed = performance.now() - started;
  if (status !== 200) failures++;
  if (i >= warmup) times.push(elapsed);
}
agent.destroy();
times.sort((a, b) => a - b);
const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
process.stdout.write(JSON.stringify({ p50: at(0.5), p90: at(0.9), p99: at(0.99), mean: times.reduce((a, b) => a + b, 0) / times.length, failures }));
