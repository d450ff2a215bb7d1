import type { Page } from 'playwright-core';
import type { DrainTiming, Edit } from './protocol';
import { median, progress, type Measurement } from './report';
import type { RemoteSandbox } from './sandbox-client';
import type { Bench } from './bench';

/*
 * outbox-drain: a day's offline work, 1,000 edits of 200 customers (five each, two of them to
 * the same field), queued with updateCustomer (which coalesces them), then drained from
 * "reconnected" to an empty outbox against a sandbox answering after 20 ms. The bare cost: the
 * same 1,000 writes as they were typed, one PUT each, sent one after the other over the same
 * bridge, with no outbox, no reads and no bookkeeping. They go to 200 OTHER customers, so the
 * drains never meet a server change they did not make (no conflicts to resolve).
 */

export const DRAIN_LATENCY_MS = 20;
const CUSTOMERS = 200;
const EDITS_PER_CUSTOMER = 5;
/** The sandbox holds the drained customers and, apart, the bare PUTs' customers. */
export const DRAIN_SANDBOX_CUSTOMERS = 2 * CUSTOMERS;
const dbName = 'fieldbook-bench-drain';

/** Five edits per customer, the day's order: a round of edits over all customers, then the next. */
export function editsOf(guids: readonly string[], run: number): Edit[] {
  const edits: Edit[] = [];
  for (let k = 0; k < EDITS_PER_CUSTOMER; k++) {
    guids.forEach((customerGuid, i) => {
      const tag = `${run}x${i}`;
      const changes: Record<string, string>[] = [
        { email: `first.${tag}@example.se` },
        { cellularPhone: `+46 70 ${run} ${i} 1` },
        { workPhone: `+46 8 ${run} ${i} 2` },
        { email: `second.${tag}@example.se` },
        { homePhone: `+46 8 ${run} ${i} 3` },
      ];
      edits.push({ customerGuid, changes: changes[k]! });
    });
  }
  return edits;
}

export async function outboxDrain(bench: Bench, page: Page, sandbox: RemoteSandbox): Promise<Measurement[]> {
  progress(`outbox-drain: pulling ${DRAIN_SANDBOX_CUSTOMERS} customers…`);
  await page.evaluate((name) => window.bench!.pull(name, { concurrency: 4, pageSize: 100 }), dbName);
  const guids = await page.evaluate(([name, n]) => window.bench!.guids(name, n), [dbName, DRAIN_SANDBOX_CUSTOMERS] as const);
  const drained = guids.slice(0, CUSTOMERS);
  const bareOnes = guids.slice(CUSTOMERS);

  const bareEdits = editsOf(bareOnes, 0);
  progress(`outbox-drain: bare: ${bareEdits.length} sequential PUTs over the bridge…`);
  await sandbox.resetStats();
  const bare = await page.evaluate((edits) => window.bench!.puts(edits), bareEdits);
  const bareStats = await sandbox.stats();
  progress(`outbox-drain: bare ${Math.round(bare.ms)} ms (${bareStats.received} requests reached the sandbox)`);

  const runs = bench.quick ? 1 : 3;
  const drains: DrainTiming[] = [];
  for (let run = 1; run <= runs; run++) {
    const edits = editsOf(drained, run);
    const queued = await page.evaluate(([name, e]) => window.bench!.queueEdits(name, e), [dbName, edits] as const);
    progress(`outbox-drain: queued ${edits.length} edits in ${Math.round(queued.ms)} ms as ${queued.entries} outbox entries`);
    await sandbox.resetStats();
    const profiler = run === runs ? await bench.profile('outbox-drain', page) : null;
    const drain = await page.evaluate((name) => window.bench!.drain(name, {}), dbName);
    await profiler?.stop();
    const stats = await sandbox.stats();
    const ops = Object.entries(stats.byOperation).map(([op, n]) => `${op} ${n}`).join(', ');
    progress(`outbox-drain: drained in ${Math.round(drain.ms)} ms: ${drain.sent} sent in ${drain.calls} drain(s), ${drain.remaining} left; requests: ${ops}`);
    if (drain.remaining || drain.conflicts || drain.attention) throw new Error(`the drain did not empty the outbox cleanly: ${JSON.stringify(drain)}`);
    drains.push(drain);
  }
  await page.evaluate((name) => window.bench!.deleteDb(name), dbName);
  return [bench.measure('outbox-drain', median(drains.map((d) => d.ms)), 'ms', bare.ms, { maxRatio: 1 })];
}
