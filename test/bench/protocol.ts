/*
 * What crosses page.evaluate() between the bench runner (Node) and the bench page (Chromium):
 * plain data only. The page does the timing itself (performance.now() around the product call),
 * so the CDP round trip of page.evaluate() is never inside a figure.
 */

export interface PullTiming {
  ms: number;
  /** Requests (pages) and rows of the run. */
  pages: number;
  rows: number;
  /** Customers in the cache afterwards. */
  stored: number;
}

export interface SeedTiming {
  ms: number;
  count: number;
}

export type QueryShape = 'search-as-you-type' | 'filter-2-conditions' | 'sort-city-first-page' | 'sort-city-page-200';

export interface QuerySample {
  shape: QueryShape;
  /** queryCustomers, ms. */
  ms: number;
  /** Rows on the page it answered. */
  rows: number;
  /** A bare Dexie index range read of the same number of rows, right after (ms). */
  bareMs: number;
  /** Of `ms`, the time in db.customers.bulkGet (the page's records), for the breakdown. */
  fetchMs: number;
  /** The search text of a keystroke, the filter, or the page. */
  label: string;
  via: 'head' | 'memory';
}

export interface QueryPlan {
  /** Words typed letter by letter (each keystroke is one query); the box is cleared between words. */
  typed: string[];
  /** $filter texts, each of two conditions. */
  filters: string[];
  /** Repetitions of each sort page. */
  sortRepeats: number;
}

export interface WarmTiming {
  /** warmListIndex: the projection of every cached customer, with its default sort orders. */
  ms: number;
  /** Reading every record in the same chunks, and nothing else. */
  bareMs: number;
  count: number;
}

export interface Edit {
  customerGuid: string;
  changes: Record<string, string>;
}

export interface QueueTiming {
  ms: number;
  /** Outbox entries after coalescing. */
  entries: number;
}

export interface DrainTiming {
  ms: number;
  sent: number;
  /** drainOutbox calls it took to empty the outbox. */
  calls: number;
  remaining: number;
  conflicts: number;
  attention: number;
}

export interface PutsTiming {
  ms: number;
  requests: number;
}

export interface BenchDriver {
  deleteDb(name: string): Promise<void>;
  /** pullCustomers into a new, empty database `name`. */
  pull(name: string, options: { concurrency: number; pageSize: number }): Promise<PullTiming>;
  /** The pull's exact requests (same key ranges, filters, page size, concurrency), pages discarded. */
  fetchPages(options: { concurrency: number; pageSize: number }): Promise<PullTiming>;
  /**
   * The storage floor of a download: `count` seeded customers (the sandbox's generator) written
   * as a pull writes them (its rows, the customers table's indexes, transactions of `pageSize`,
   * `concurrency` at a time) and nothing else: no requests, no reads, no bookkeeping.
   */
  store(name: string, options: { count: number; seed: number; concurrency: number; pageSize: number }): Promise<PullTiming>;
  /** `count` seeded customers (the sandbox's generator) stored as a pull stores them, in bulk. */
  seed(name: string, count: number, seed: number): Promise<SeedTiming>;
  warm(name: string): Promise<WarmTiming>;
  queries(name: string, plan: QueryPlan): Promise<QuerySample[]>;
  /** Customer GUIDs in the cache, in key order. */
  guids(name: string, limit: number): Promise<string[]>;
  queueEdits(name: string, edits: Edit[]): Promise<QueueTiming>;
  drain(name: string, options: { concurrency?: number }): Promise<DrainTiming>;
  /** The same writes as bare sequential PUTs over the bridge, no outbox, no reads. */
  puts(edits: Edit[]): Promise<PutsTiming>;
  /** Closes the page's connection to database `name`. */
  close(name: string): Promise<void>;
}

declare global {
  interface Window {
    bench?: BenchDriver;
    /** The bench's JSON-text binding to the bridge (bridge.ts). */
    __benchInvoke?: (channel: string, json: string) => Promise<string>;
  }
}
