import { Agent, request } from 'node:http';
import { buildPath, listQueryString } from '../../shared/api';
import { and, gt, lt, serializeFilter } from '../../shared/odata';
import type { RemoteSandbox } from './sandbox-client';
import { progress, type Measurement } from './report';
import type { Bench } from './bench';

/*
 * sandbox-rps: how many list pages of 100 the sandbox serves per second to concurrent HTTP
 * clients in Node over loopback (keep-alive, API key), each request a key-range page like the
 * pull's, at a random place. Bounded by a count and a time. The baseline is the request rate
 * the first download's bare fetch drove it at: the ratio is the headroom, and while it stays
 * well above 1 the sandbox is not what the other figures measure.
 */

const CLIENTS = 8;
const MAX_REQUESTS = 20_000;
const hex = '0123456789abcdef';

function randomKey(): string {
  let key = '';
  for (let i = 0; i < 8; i++) key += hex[Math.floor(Math.random() * 16)];
  return key;
}

export async function sandboxRps(bench: Bench, sandbox: RemoteSandbox, demandedRps: number | null): Promise<Measurement[]> {
  const seconds = bench.quick ? 3 : 8;
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const { apiKey, apiKeyHeader } = sandbox.credentials;
  const path = `${sandbox.basePath}${buildPath('listCustomers', {})}`;
  const get = (): Promise<number> => new Promise((done, fail) => {
    const from = randomKey();
    const filter = serializeFilter(and(gt('customerGuid', from), lt('customerGuid', 'g')));
    const req = request(`${sandbox.origin}${path}${listQueryString({ filter, orderby: 'customerGuid', top: 100 })}`, {
      agent,
      headers: { [apiKeyHeader]: apiKey, accept: 'application/json' },
    }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => (res.statusCode === 200 ? done(bytes) : fail(new Error(`sandbox answered ${res.statusCode}`))));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });

  progress(`sandbox-rps: ${CLIENTS} clients, up to ${seconds} s or ${MAX_REQUESTS} requests…`);
  await Promise.all(Array.from({ length: CLIENTS }, () => get())); // connections and caches up
  let served = 0;
  let bytes = 0;
  const began = performance.now();
  const deadline = began + seconds * 1000;
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < deadline && served < MAX_REQUESTS) {
      const got = await get();
      bytes += got;
      served++;
    }
  }));
  const elapsed = (performance.now() - began) / 1000;
  agent.destroy();
  const rps = served / elapsed;
  progress(`sandbox-rps: ${served} pages in ${elapsed.toFixed(1)} s, ${Math.round(bytes / served / 1024)} KiB each`);
  return [bench.measure('sandbox-rps', rps, 'requests/s', demandedRps, demandedRps === null ? null : { minRatio: 2 })];
}
