import type { Page } from 'playwright-core';
import type { PullTiming } from './protocol';
import { median, progress, type Measurement } from './report';
import type { Bench } from './bench';
import { cpuDelta, cpuSnapshot } from './cpu';
import type { BenchEnv } from './env';
import type { RemoteSandbox } from './sandbox-client';

/*
 * first-download: 50,000 customers into an empty cache with pullCustomers, in the page, over
 * the bridge, from the sandbox. The bare cost: the same requests (the pull's key ranges, page
 * size and concurrency) over the same bridge, each page thrown away. Runs alternate, so both
 * see the same machine, and each runs on an origin of its own: a new install's empty
 * IndexedDB and a new main-process session (its token fetch included), never a store slowed
 * down by the databases earlier runs wrote and deleted.
 *
 * first-download-storage: the part of a pull no sync code can remove: the same 50,000 rows
 * written as the pull writes them (each key range in key order, pages of 100, four ranges at a
 * time, into the customer buckets) with no request, read or bookkeeping. Reported against the
 * same bare fetch, so the first figure's ratio can be read against it. On two cores the pull
 * cannot overlap its writes with its requests for free: both need the CPU (stderr shows each
 * process's share).
 */

export const DOWNLOAD_CUSTOMERS = 50_000;
const options = { concurrency: 4, pageSize: 100 };
const dbName = 'fieldbook-bench-pull';

export interface DownloadResult {
  measurements: Measurement[];
  /** Requests per second the bare fetch drove the sandbox at (for sandbox-rps's headroom). */
  demandedRps: number;
}

/** The sandbox process's seed (sandbox-process.ts): the floor writes the customers the pull receives. */
const sandboxSeed = 1;
const store = (page: Page): Promise<PullTiming> =>
  page.evaluate(([name, o]) => window.bench!.store(name, o), [`${dbName}-store`, { ...options, count: DOWNLOAD_CUSTOMERS, seed: sandboxSeed }] as const);
const fetchPages = (page: Page): Promise<PullTiming> => page.evaluate((o) => window.bench!.fetchPages(o), options);
const pull = (page: Page): Promise<PullTiming> => page.evaluate(([name, o]) => window.bench!.pull(name, o), [dbName, options] as const);

/** `work`, and the CPU each process spent on it (for stderr). */
async function withCpu<T>(sandbox: RemoteSandbox, work: () => Promise<T>): Promise<{ result: T; cpu: string }> {
  const before = await cpuSnapshot([sandbox.pid]);
  const result = await work();
  return { result, cpu: cpuDelta(before, await cpuSnapshot([sandbox.pid])) };
}

/** `work` on a bench page of a new origin, closed after. */
async function onNewOrigin<T>(env: BenchEnv, sandbox: RemoteSandbox, work: (page: Page) => Promise<T>): Promise<T> {
  const app = await env.open(sandbox.asSandbox());
  try {
    return await work(app.page);
  } finally {
    await app.close();
  }
}

export async function firstDownload(bench: Bench, env: BenchEnv, sandbox: RemoteSandbox): Promise<DownloadResult> {
  const rounds = bench.quick ? 1 : 3;
  progress(`first-download: warm-up (one bare fetch of ${DOWNLOAD_CUSTOMERS} customers)…`);
  await onNewOrigin(env, sandbox, fetchPages);
  const bare: PullTiming[] = [];
  const pulls: PullTiming[] = [];
  const stores: PullTiming[] = [];
  for (let round = 0; round < rounds; round++) {
    const { result: b, cpu: bareCpu } = await onNewOrigin(env, sandbox, (page) => withCpu(sandbox, () => fetchPages(page)));
    bare.push(b);
    progress(`first-download: bare fetch ${Math.round(b.ms)} ms (${b.pages} requests, ${b.rows} rows; CPU: ${bareCpu})`);
    const { result: p, cpu: pullCpu } = await onNewOrigin(env, sandbox, async (page) => {
      const profiler = round === rounds - 1 ? await bench.profile('first-download', page) : null;
      const timing = await withCpu(sandbox, () => pull(page));
      await profiler?.stop();
      return timing;
    });
    pulls.push(p);
    progress(`first-download: pull ${Math.round(p.ms)} ms (${p.pages} requests, ${p.stored} stored; CPU: ${pullCpu})`);
    if (p.stored !== DOWNLOAD_CUSTOMERS) throw new Error(`the pull stored ${p.stored} customers, not ${DOWNLOAD_CUSTOMERS}`);
    const { result: s, cpu: storeCpu } = await onNewOrigin(env, sandbox, (page) => withCpu(sandbox, () => store(page)));
    stores.push(s);
    progress(`first-download: the same rows written and nothing else ${Math.round(s.ms)} ms (${s.pages} transactions; CPU: ${storeCpu})`);
    if (s.stored !== DOWNLOAD_CUSTOMERS) throw new Error(`the storage floor stored ${s.stored} customers, not ${DOWNLOAD_CUSTOMERS}`);
  }
  const bareMs = median(bare.map((b) => b.ms));
  const pages = bare[0]?.pages ?? 0;
  return {
    measurements: [
      bench.measure('first-download', median(pulls.map((p) => p.ms)), 'ms', bareMs, { maxRatio: 1.5 }),
      bench.measure('first-download-storage', median(stores.map((s) => s.ms)), 'ms', bareMs, null),
    ],
    demandedRps: pages / (bareMs / 1000),
  };
}
