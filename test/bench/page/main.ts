import { Dexie } from 'dexie';
import type { CustomersApi } from '../../../shared/api/call';
import { createBridgeClient, type BridgeTransport } from '../../../shared/ipc/client';
import { seedCustomers } from '../../../electron/sandbox/seed';
import { toCachedCustomer } from '../../../renderer/src/cache/customer-index';
import { FieldbookDb } from '../../../renderer/src/cache/db';
import type { Customer } from '../../../shared/api/schemas';
import type { CachedCustomer } from '../../../renderer/src/cache/records';
import { queryCustomers, releaseListIndex, warmListIndex } from '../../../renderer/src/customers/list-query';
import { updateCustomer } from '../../../renderer/src/outbox';
import { keyProperty, keyRangeCount, pageFilter } from '../../../renderer/src/sync/key-ranges';
import { drainQueue } from '../../../renderer/src/sync/pool';
import { pullCustomers } from '../../../renderer/src/sync/pull';
import { drainOutbox } from '../../../renderer/src/sync/push';
import type { BenchDriver, DrainTiming, QueryPlan, QuerySample, QueryShape } from '../protocol';

/*
 * The bench page: the REAL renderer code (pull, outbox, push, list query) on Chromium's
 * IndexedDB, talking to the API only through `window.fieldbook` (the bridge harness) via
 * createBridgeClient, as the app does. Each call times the product code with performance.now()
 * in the page, next to the bare cost of the same work measured the same way, in the same page.
 */

const dbs = new Map<string, FieldbookDb>();
let bridgeApi: CustomersApi | undefined;

/**
 * The bridge as the app's client sees it, over the bench's JSON-text binding (test/bench/bridge.ts
 * says why: it costs what Electron's IPC costs, where Playwright's object binding costs far more).
 */
function api(): CustomersApi {
  if (!bridgeApi) {
    const { fieldbook, __benchInvoke: invoke } = window;
    if (!fieldbook || !invoke) throw new Error('the bridge was not installed (window.fieldbook, window.__benchInvoke)');
    const transport: BridgeTransport = {
      invoke: async (channel, args) => {
        const answer = JSON.parse(await invoke(channel, args === undefined ? '' : JSON.stringify(args))) as Record<string, unknown>;
        // JSON drops an undefined `value` (a PUT's answer) that structured clone would keep.
        return answer['ok'] === true && !('value' in answer) ? { ...answer, value: undefined } : answer;
      },
      on: (event, listener) => fieldbook.on(event as Parameters<typeof fieldbook.on>[0], listener as Parameters<typeof fieldbook.on>[1]),
    };
    bridgeApi = createBridgeClient(transport).api;
  }
  return bridgeApi;
}

async function open(name: string): Promise<FieldbookDb> {
  let db = dbs.get(name);
  if (!db) {
    db = new FieldbookDb(name);
    await db.open();
    dbs.set(name, db);
  }
  return db;
}

function close(name: string): void {
  const db = dbs.get(name);
  if (!db) return;
  releaseListIndex(db);
  db.close();
  dbs.delete(name);
}

/**
 * The same customers stored the bare way, one Dexie record each under a name index: what the
 * offline queries are compared with (the cache itself keeps customers in buckets and has no
 * such index).
 */
function bareDb(name: string): Dexie {
  const bare = new Dexie(`${name}-bare`);
  bare.version(1).stores({ customers: 'customerGuid, sortName' });
  return bare;
}

/** A bare Dexie index range read of `rows` records, starting at a random place of the name index. */
async function bareRead(bare: Dexie, rows: number, random: () => number): Promise<number> {
  const from = String.fromCharCode(97 + Math.floor(random() * 26), 97 + Math.floor(random() * 26));
  const began = performance.now();
  const read = await bare.table('customers').where('sortName').aboveOrEqual(from).limit(Math.max(1, rows)).toArray();
  const ms = performance.now() - began;
  if (!read.length) throw new Error('bare read found nothing: is the cache seeded?');
  return ms;
}

/** mulberry32: the same random places in every run. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHUNK = 2_000;

const driver: BenchDriver = {
  async deleteDb(name) {
    close(name);
    await Dexie.delete(name);
  },

  async pull(name, { concurrency, pageSize }) {
    close(name);
    await Dexie.delete(name);
    const db = await open(name);
    const began = performance.now();
    const report = await pullCustomers(db, api(), { scope: '', concurrency, pageSize });
    const ms = performance.now() - began;
    return { ms, pages: report.pages, rows: report.received, stored: await db.customers.count() };
  },

  async fetchPages({ concurrency, pageSize }) {
    const cursors: (string | null)[] = Array.from({ length: keyRangeCount }, () => null);
    let pages = 0;
    let rows = 0;
    const began = performance.now();
    await drainQueue(cursors.map((_, i) => i), concurrency, async (index) => {
      const cursor = cursors[index] ?? null;
      const page = await api().call('listCustomers', {}, undefined, { filter: pageFilter(null, index, cursor), orderby: keyProperty, top: pageSize });
      cursors[index] = page.value.at(-1)?.customerGuid ?? cursor;
      pages++;
      rows += page.value.length;
      return page.value.length < pageSize || page.count >= page.total ? undefined : index;
    });
    return { ms: performance.now() - began, pages, rows, stored: 0 };
  },

  async store(name, { count, seed, concurrency, pageSize }) {
    close(name);
    await Dexie.delete(name);
    const db = await open(name);
    // As the pull receives them: each key range (the GUID's first hex digit) in key order,
    // in pages, the ranges side by side.
    const ranges = new Map<string, Customer[]>();
    const customers = seedCustomers(count, seed).sort((a, b) => (a.customerGuid < b.customerGuid ? -1 : 1));
    for (const customer of customers) {
      const range = customer.customerGuid.charAt(0).toLowerCase();
      const list = ranges.get(range);
      if (list) list.push(customer);
      else ranges.set(range, [customer]);
    }
    const began = performance.now();
    const fetchedAt = new Date().toISOString();
    let pages = 0;
    await drainQueue([...ranges.values()], concurrency, async (range) => {
      for (let i = 0; i < range.length; i += pageSize) {
        const rows = range.slice(i, i + pageSize).map((c) => toCachedCustomer(c, { fetchedAt, detailFetchedAt: null, passId: 1 }));
        await db.transaction('rw', db.customerBuckets, () => db.customers.bulkPut(rows));
        pages++;
      }
      return undefined;
    });
    return { ms: performance.now() - began, pages, rows: customers.length, stored: await db.customers.count() };
  },

  async seed(name, count, seed) {
    close(name);
    await Dexie.delete(name);
    const db = await open(name);
    const began = performance.now();
    const fetchedAt = new Date().toISOString();
    const customers = seedCustomers(count, seed);
    await Dexie.delete(`${name}-bare`);
    const bare = bareDb(name);
    // As a finished pull leaves the cache: a working copy per customer (nothing is queued, so
    // no bases: sync/customer-store.ts), pass 1 done.
    for (let i = 0; i < customers.length; i += CHUNK) {
      const cached: CachedCustomer[] = customers.slice(i, i + CHUNK).map((c) => toCachedCustomer(c, { fetchedAt, detailFetchedAt: null, passId: 1 }));
      await db.customers.bulkPut(cached);
      await bare.table('customers').bulkPut(cached);
    }
    bare.close();
    await db.meta.bulkPut([{ key: 'pull.lastPassId', value: 1 }, { key: 'pull.lastCompletedAt', value: fetchedAt }]);
    return { ms: performance.now() - began, count: await db.customers.count() };
  },

  async warm(name) {
    close(name);
    const db = await open(name);
    const count = await db.customers.count();
    // The bare cost: every bucket read in the same key-ordered steps the projection's load uses.
    let began = performance.now();
    let last: string | null = null;
    for (;;) {
      const chunk = await db.customers.chunk(last, 100);
      if (chunk.buckets < 100) break;
      last = chunk.lastKey;
    }
    const bareMs = performance.now() - began;
    began = performance.now();
    await warmListIndex(db);
    return { ms: performance.now() - began, bareMs, count };
  },

  async queries(name, plan: QueryPlan) {
    const db = await open(name);
    const bare = bareDb(name);
    await warmListIndex(db);
    const random = prng(42);
    const samples: QuerySample[] = [];
    // The breakdown: how much of a query was the read of its page's records.
    let fetchMs = 0;
    const bulkGet = db.customers.bulkGet.bind(db.customers);
    db.customers.bulkGet = (async (...args: Parameters<typeof bulkGet>) => {
      const began = performance.now();
      try {
        return await bulkGet(...args);
      } finally {
        fetchMs += performance.now() - began;
      }
    }) as typeof db.customers.bulkGet;
    const measure = async (shape: QueryShape, options: Parameters<typeof queryCustomers>[1], label: string): Promise<void> => {
      fetchMs = 0;
      const began = performance.now();
      const result = await queryCustomers(db, options);
      const ms = performance.now() - began;
      const fetched = fetchMs;
      const bareMs = await bareRead(bare, result.rows.length, random);
      samples.push({ shape, ms, rows: result.rows.length, bareMs, via: result.via, fetchMs: fetched, label });
    };
    const round = Math.max(plan.typed.length, plan.filters.length, plan.sortRepeats);
    // Interleaved, so a slow moment of the machine falls on every shape alike.
    for (let i = 0; i < round; i++) {
      const word = plan.typed[i];
      if (word !== undefined) {
        for (let n = 1; n <= word.length; n++) await measure('search-as-you-type', { search: word.slice(0, n), limit: 100 }, word.slice(0, n));
        await queryCustomers(db, { limit: 100 }); // the box cleared
      }
      const filter = plan.filters[i];
      if (filter !== undefined) await measure('filter-2-conditions', { filter, limit: 100 }, filter);
      if (i < plan.sortRepeats) {
        const sort = { column: 'city', direction: 'asc' } as const;
        await measure('sort-city-first-page', { sort, offset: 0, limit: 100 }, 'page 1');
        await measure('sort-city-page-200', { sort, offset: 199 * 100, limit: 100 }, 'page 200');
      }
    }
    db.customers.bulkGet = bulkGet;
    bare.close();
    return samples;
  },

  async guids(name, limit) {
    const db = await open(name);
    return (await db.customers.toArray()).map((c) => c.customerGuid).sort().slice(0, limit);
  },

  async queueEdits(name, edits) {
    const db = await open(name);
    const began = performance.now();
    for (const edit of edits) await updateCustomer(db, edit.customerGuid, edit.changes);
    return { ms: performance.now() - began, entries: await db.outbox.count() };
  },

  async drain(name, { concurrency }) {
    const db = await open(name);
    const timing: DrainTiming = { ms: 0, sent: 0, calls: 0, remaining: 0, conflicts: 0, attention: 0 };
    const began = performance.now();
    // From "the network is back" to an empty outbox: as many drains as that takes (one, normally).
    while (timing.calls < 5) {
      const result = await drainOutbox(db, api(), concurrency === undefined ? {} : { concurrency });
      timing.calls++;
      timing.sent += result.sent;
      timing.conflicts += result.conflicts;
      timing.attention += result.attention;
      timing.remaining = await db.outbox.count();
      if (timing.remaining === 0 || result.sent === 0) break;
    }
    timing.ms = performance.now() - began;
    return timing;
  },

  async puts(edits) {
    const began = performance.now();
    for (const edit of edits) await api().call('updateCustomer', { customerGuid: edit.customerGuid }, edit.changes);
    return { ms: performance.now() - began, requests: edits.length };
  },

  async close(name) {
    close(name);
  },
};

window.bench = driver;
