import type { Page } from 'playwright-core';
import { seedCustomers } from '../../electron/sandbox/seed';
import type { QueryPlan, QuerySample, QueryShape, WarmTiming } from './protocol';
import { percentile, progress, type Measurement } from './report';
import type { Bench } from './bench';
import { browserAtRest } from './cpu';

/*
 * offline-query: queryCustomers over 100,000 cached customers, after the list index is warm
 * (the UI warms it right after the first rows). Shapes: search as you type (a name typed
 * letter by letter, one query per keystroke), a $filter of two conditions (values varied so
 * no answer comes from the cache of the previous one), and the list sorted by city then name,
 * its first page and its 200th. Each query is followed by the bare cost of its page: a Dexie
 * index range read of the same number of rows.
 */

export const QUERY_CUSTOMERS = 100_000;
export const SEED = 1;

const shapes: QueryShape[] = ['search-as-you-type', 'filter-2-conditions', 'sort-city-first-page', 'sort-city-page-200'];

/** Names that exist in the seeded population, lower-cased: first names and surnames, as people type them. */
function typedWords(count: number): string[] {
  const sample = seedCustomers(QUERY_CUSTOMERS, SEED);
  const words: string[] = [];
  for (let i = 1; words.length < count; i++) {
    const c = sample[(i * 7_919) % sample.length]!;
    const word = (i % 2 ? c.lastname : c.firstname) ?? c.fullName?.split(' ')[0];
    if (word && !words.includes(word.toLowerCase())) words.push(word.toLowerCase());
  }
  return words;
}

function filters(count: number): string[] {
  const channels = ['EMAIL', 'LETTER', 'E-INVOICE', 'SMS'];
  const currencies = ['SEK', 'NOK', 'EUR', 'DKK'];
  const fragments = ['son', 'sen', 'berg', 'lund', 'str', 'and', 'hol', 'vik'];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const year = 2017 + (i % 9);
    const month = String(1 + ((i * 5) % 12)).padStart(2, '0');
    out.push(i % 2
      ? `preferredChannel eq '${channels[i % 4]}' and regDate ge ${year}-${month}-01T00:00:00Z`
      : `currencyCode eq '${currencies[(i >> 1) % 4]}' and contains(email, '${fragments[(i >> 1) % fragments.length]}')`);
  }
  return out;
}

export function queryPlan(quick: boolean): QueryPlan {
  return quick
    ? { typed: typedWords(4), filters: filters(10), sortRepeats: 10 }
    : { typed: typedWords(16), filters: filters(60), sortRepeats: 60 };
}

export async function seedCache(page: Page, dbName: string, count: number): Promise<void> {
  progress(`seeding ${count} customers into ${dbName}…`);
  const seeded = await page.evaluate(([name, n, seed]) => window.bench!.seed(name, n, seed), [dbName, count, SEED] as const);
  const rested = await browserAtRest();
  progress(`seeded ${seeded.count} customers in ${Math.round(seeded.ms)} ms; IndexedDB at rest ${Math.round(rested)} ms later`);
}

export async function offlineQuery(bench: Bench, page: Page, dbName: string): Promise<Measurement[]> {
  const out: Measurement[] = [];
  // The projection's load, measured cold (a fresh connection) against reading the same records.
  const warm: WarmTiming = await page.evaluate((name) => window.bench!.warm(name), dbName);
  progress(`offline-query: list index warmed in ${Math.round(warm.ms)} ms over ${warm.count} customers (bare read of all: ${Math.round(warm.bareMs)} ms)`);
  out.push(bench.measure('offline-query.warm-index', warm.ms, 'ms', warm.bareMs, null));

  const plan = queryPlan(bench.quick);
  progress(`offline-query: ${plan.typed.length} words typed (${plan.typed.join(', ')}), ${plan.filters.length} filters, ${plan.sortRepeats}× each sort page…`);
  const profiler = await bench.profile('offline-query', page);
  const samples: QuerySample[] = await page.evaluate(([name, p]) => window.bench!.queries(name, p), [dbName, plan] as const);
  await profiler?.stop();
  for (const shape of shapes) {
    const of = samples.filter((s) => s.shape === shape);
    const ms = of.map((s) => s.ms);
    const bare = of.map((s) => s.bareMs);
    const rows = of.map((s) => s.rows);
    const viaHead = of.filter((s) => s.via === 'head').length;
    const fetch = of.map((s) => s.fetchMs);
    const slowest = [...of].sort((a, b) => b.ms - a.ms).slice(0, 3).map((s) => `'${s.label}' ${s.ms.toFixed(1)} ms (${s.rows} rows)`).join(', ');
    progress(`offline-query ${shape}: n=${of.length}, rows p50 ${percentile(rows, 50)}, via the kept first page ${viaHead}; ` +
      `reading the page's records p50 ${percentile(fetch, 50).toFixed(1)} ms, p95 ${percentile(fetch, 95).toFixed(1)} ms; slowest: ${slowest}`);
    out.push(bench.measure(`offline-query.${shape}.p50`, percentile(ms, 50), 'ms', percentile(bare, 50), { maxRatio: 3 }));
    out.push(bench.measure(`offline-query.${shape}.p95`, percentile(ms, 95), 'ms', percentile(bare, 95), { max: 50, maxRatio: 3 }));
  }
  await page.evaluate((name) => window.bench!.close(name), dbName);
  return out;
}
