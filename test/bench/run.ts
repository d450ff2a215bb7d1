import { parseArgs } from 'node:util';
import type { BridgedPage } from '../support/browser-page';
import { createBench } from './bench';
import { DOWNLOAD_CUSTOMERS, firstDownload } from './download';
import { DRAIN_LATENCY_MS, DRAIN_SANDBOX_CUSTOMERS, outboxDrain } from './drain';
import { createBenchEnv, type BenchEnv } from './env';
import { offlineQuery, QUERY_CUSTOMERS, seedCache } from './queries';
import { emit, machineInfo, progress, type Measurement } from './report';
import { sandboxRps } from './rps';
import { forkSandbox, unreachableSandbox, type RemoteSandbox } from './sandbox-client';
import { memory, prepareUi, startup } from './ui';

/*
 * `npm run bench [-- --only a,b] [--quick] [--profile <name>] [--renderer out/renderer] [--customers N]`
 *
 * Measurements: first-download, offline-query, outbox-drain, startup, memory, sandbox-rps.
 * stdout: one JSON object per measurement line, nothing else; progress on stderr. Real
 * Chromium (/usr/bin/chromium, headless), the real renderer code and the real bridge, sandboxes
 * over loopback HTTP in processes of their own. `--quick` repeats less (developing the bench);
 * `--profile <measurement>` writes a CPU profile of it to test-results/bench/.
 * The startup and memory figures are of the app as `electron-vite build` builds it from the
 * current sources (built into a temporary folder; `--renderer <dir>` uses a built renderer
 * as it is). `--customers N` shrinks the 100,000-customer cache (developing only: the
 * figures are then not the benchmark's).
 */

const all = ['first-download', 'offline-query', 'outbox-drain', 'startup', 'memory', 'sandbox-rps'] as const;
type Name = (typeof all)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    profile: { type: 'string' },
    renderer: { type: 'string' },
    customers: { type: 'string' },
  },
});
const selected = new Set<Name>(values.only ? (values.only.split(',').map((s) => s.trim()) as Name[]) : all);
for (const name of selected) if (!all.includes(name)) throw new Error(`unknown measurement '${name}' (known: ${all.join(', ')})`);
const wants = (...names: Name[]): boolean => names.some((n) => selected.has(n));
const cacheSize = values.customers ? Number(values.customers) : QUERY_CUSTOMERS;

const began = performance.now();
const machine = await machineInfo();
const bench = createBench(machine, { quick: values.quick, profile: values.profile ?? null });
progress(`machine: ${JSON.stringify(machine)}`);
const results: Measurement[] = [];
const report = (ms: Measurement[]): void => {
  for (const m of ms) {
    results.push(m);
    emit(m);
  }
};

const cleanups: (() => Promise<void>)[] = [];
const later = (fn: () => Promise<void>): void => void cleanups.unshift(fn);
let env: BenchEnv | undefined;

try {
  env = await createBenchEnv({ withApp: wants('startup', 'memory'), rendererDir: values.renderer });
  let demandedRps: number | null = null;

  if (wants('first-download', 'sandbox-rps')) {
    progress(`starting a sandbox with ${DOWNLOAD_CUSTOMERS} customers…`);
    const sandbox: RemoteSandbox = await forkSandbox(DOWNLOAD_CUSTOMERS);
    later(() => sandbox.close());
    if (wants('first-download')) {
      const result = await firstDownload(bench, env, sandbox);
      demandedRps = result.demandedRps;
      report(result.measurements);
    }
    if (wants('sandbox-rps')) report(await sandboxRps(bench, sandbox, demandedRps));
    await sandbox.close();
  }

  if (wants('outbox-drain')) {
    const sandbox = await forkSandbox(DRAIN_SANDBOX_CUSTOMERS, DRAIN_LATENCY_MS);
    later(() => sandbox.close());
    const app = await env.open(sandbox.asSandbox());
    try {
      report(await outboxDrain(bench, app.page, sandbox));
    } finally {
      await app.close();
    }
    await sandbox.close();
  }

  if (wants('offline-query', 'startup', 'memory')) {
    // The Demo profile's cache, which app.html opens too; offline (nothing behind the bridge).
    const demoDb = 'fieldbook-demo';
    const big: BridgedPage = await env.open(await unreachableSandbox());
    later(() => big.close());
    await seedCache(big.page, demoDb, cacheSize);
    if (wants('offline-query')) report(await offlineQuery(bench, big.page, demoDb));
    if (wants('startup', 'memory')) {
      const small: BridgedPage = await env.open(await unreachableSandbox());
      later(() => small.close());
      await seedCache(small.page, demoDb, 100);
      await big.page.evaluate((name) => window.bench!.close(name), demoDb);
      await small.page.evaluate((name) => window.bench!.close(name), demoDb);
      const bigUi = await prepareUi(big, cacheSize, values.profile === 'startup');
      const smallUi = await prepareUi(small, 100);
      if (wants('startup')) report(await startup(bench, bigUi, smallUi));
      if (wants('memory')) report(await memory(bench, bigUi, smallUi));
    }
  }
} finally {
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  await env?.close();
}

const missed = results.filter((m) => m.met === false).map((m) => m.name);
progress(`done in ${Math.round((performance.now() - began) / 1000)} s; ${missed.length ? `MISSED: ${missed.join(', ')}` : 'every target met'}`);
