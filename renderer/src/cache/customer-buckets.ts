import { Dexie, type PromiseExtended, type Table } from 'dexie';
import type { CachedCustomer } from './records';

/*
 * CUSTOMERS ARE STORED IN BUCKETS, not one IndexedDB record each. Chromium's IndexedDB costs
 * about 100 µs per record written whatever its size (every put is a message to the browser
 * process and a write per index there), so one record per customer made writing the 50,000
 * customers of a first download cost more than twice fetching them, before any sync code ran
 * (`npm run bench`, first-download-storage). A bucket holds every customer whose GUID begins
 * with the same three hex digits: 4,096 buckets, about 12 customers each at 50,000 and 24 at
 * 100,000. A pull pages by key, so a page of 100 customers lands in a handful of buckets.
 *
 * Everything reads and writes customers through `db.customers`, a CustomerStore with the
 * Dexie table methods the app uses (get, bulkGet, put, bulkPut, update, delete, count, …), so
 * the rest of the code reads as it did. What it gives up: IndexedDB indexes over customer
 * fields. The list sorts and searches its in-memory projection (customers/list-index.ts), and
 * the pull's sweep reads the pass stamps of all customers once per finished pass.
 *
 * A write reads its bucket and writes it back, so two writes to one bucket in one transaction
 * must not each write back what they read (the second would undo the first): a read-write
 * transaction reads each bucket once and every operation in it changes that same object, then
 * puts it (IndexedDB copies a value when it is put, and runs a transaction's requests in
 * order, so the last put holds every change). Outside a transaction every write is a
 * transaction of its own, and IndexedDB runs read-write transactions over a table one after
 * another.
 */

export interface CustomerBucket {
  /** The first three characters of the GUIDs it holds, lower-cased. */
  key: string;
  /** The customers, by exact GUID. */
  rows: Record<string, CachedCustomer>;
  /** The lowest `passId` of its customers, indexed: the pull's sweep reads only buckets an older pass saw. */
  oldestPass?: number;
  /** Only on the write stamp record (`writeStampKey`). */
  stamp?: string;
}

/**
 * A record beside the buckets (no bucket key is longer than three characters) whose `stamp`
 * every write of customers replaces, in the same transaction: something derived from all
 * customers (the list's first page at start-up, customers/list-head.ts) is still exact while
 * the stamp it was made at is the stamp now.
 */
export const writeStampKey = '~write-stamp';

/** The bucket a customer GUID belongs to. */
export const bucketOf = (customerGuid: string): string => customerGuid.slice(0, 3).toLowerCase();

/** Below Dexie's threshold (50) for reporting a write's keys rather than its whole table (list-index.ts reads them). */
const keyedWriteSize = 49;

/** Per read-write IndexedDB transaction: the buckets it has read, shared by its operations (see the header). */
const readInTransaction = new WeakMap<IDBTransaction, Map<string, PromiseExtended<CustomerBucket>>>();

/**
 * Customers by GUID, over the bucket table (a transaction over customers names `db.customerBuckets`).
 *
 * Every method returns Dexie's own promise, never a native one: a caller awaiting it inside a
 * transaction stays in that transaction. (Dexie follows a native await only for a few
 * microtask steps; with other work in flight the caller's next operation ran outside the
 * transaction and Dexie reported "Transaction committed too early": the Pending page, in the app.)
 */
export class CustomerStore {
  constructor(private readonly table: () => Table<CustomerBucket, string>) {}

  get(customerGuid: string): PromiseExtended<CachedCustomer | undefined> {
    if (typeof customerGuid !== 'string') return Dexie.Promise.resolve(undefined);
    return this.read([bucketOf(customerGuid)]).then(([bucket]) => bucket?.rows[customerGuid]);
  }

  bulkGet(customerGuids: readonly string[]): PromiseExtended<(CachedCustomer | undefined)[]> {
    return this.read(unique(customerGuids.map(bucketOf))).then((found) => {
      const buckets = new Map(found.flatMap((b) => (b ? [[b.key, b] as const] : [])));
      return customerGuids.map((guid) => buckets.get(bucketOf(guid))?.rows[guid]);
    });
  }

  put(customer: CachedCustomer): PromiseExtended<string> {
    return this.bulkPut([customer]).then(() => customer.customerGuid);
  }

  /** Adds a customer that is not cached yet; throws (as Dexie's add) if it is. */
  add(customer: CachedCustomer): PromiseExtended<string> {
    return this.change([customer.customerGuid], (rows) => {
      if (rows.has(customer.customerGuid)) throw new Dexie.ConstraintError(`Customer ${customer.customerGuid} is already cached`);
      rows.set(customer.customerGuid, customer);
    }).then(() => customer.customerGuid);
  }

  bulkPut(customers: readonly CachedCustomer[]): PromiseExtended<void> {
    if (!customers.length) return Dexie.Promise.resolve();
    return this.change(customers.map((c) => c.customerGuid), (rows) => {
      for (const customer of customers) rows.set(customer.customerGuid, customer);
    });
  }

  /** Merges `changes` into the customer; 1 if it was there, 0 if not (as Dexie's update). */
  update(customerGuid: string, changes: Partial<CachedCustomer>): PromiseExtended<number> {
    let updated = 0;
    return this.change([customerGuid], (rows) => {
      const current = rows.get(customerGuid);
      if (!current) return;
      rows.set(customerGuid, { ...current, ...changes });
      updated = 1;
    }).then(() => updated);
  }

  delete(customerGuid: string): PromiseExtended<void> {
    return this.bulkDelete([customerGuid]);
  }

  bulkDelete(customerGuids: readonly string[]): PromiseExtended<void> {
    if (!customerGuids.length) return Dexie.Promise.resolve();
    return this.change(customerGuids, (rows) => {
      for (const guid of customerGuids) rows.delete(guid);
    });
  }

  /** The current write stamp (see writeStampKey); null before the first write. */
  writeStamp(): PromiseExtended<string | null> {
    return this.table().get(writeStampKey).then((record) => record?.stamp ?? null);
  }

  count(): PromiseExtended<number> {
    let n = 0;
    return this.table().each((bucket) => (n += Object.keys(bucket.rows).length)).then(() => n);
  }

  toArray(): PromiseExtended<CachedCustomer[]> {
    const all: CachedCustomer[] = [];
    return this.each((customer) => all.push(customer)).then(() => all);
  }

  each(visit: (customer: CachedCustomer) => void): PromiseExtended<void> {
    return this.table().each((bucket) => {
      for (const customer of Object.values(bucket.rows)) visit(customer);
    });
  }

  /** Up to `limit` buckets after `afterKey` in key order, as their customers: a load in steps. */
  chunk(afterKey: string | null, limit: number): PromiseExtended<{ customers: CachedCustomer[]; lastKey: string | null; buckets: number }> {
    const table = this.table();
    const range = afterKey === null ? table.orderBy(':id') : table.where(':id').above(afterKey);
    return range.limit(limit).toArray().then((buckets) => ({
      customers: buckets.flatMap((bucket) => Object.values(bucket.rows)),
      lastKey: buckets.at(-1)?.key ?? afterKey,
      buckets: buckets.length,
    }));
  }

  /** The GUIDs of customers last seen by a pull pass before `passId` (the pull's sweep). */
  seenBefore(passId: number): PromiseExtended<string[]> {
    return this.table().where('oldestPass').below(passId).toArray().then((buckets) =>
      buckets.flatMap((bucket) => Object.values(bucket.rows).filter((c) => c.passId < passId).map((c) => c.customerGuid)));
  }

  /** The customers of the given buckets (the list index re-reads the buckets a write changed). */
  inBuckets(keys: readonly string[]): PromiseExtended<CachedCustomer[]> {
    return this.read(unique(keys)).then((buckets) => buckets.flatMap((bucket) => (bucket ? Object.values(bucket.rows) : [])));
  }

  clear(): PromiseExtended<void> {
    return this.table().clear();
  }

  /**
   * Read-modify-write of the buckets of `customerGuids`, in one transaction: `apply` gets every
   * customer of those buckets by GUID (so those of `customerGuids` that are cached) and sets or
   * deletes entries. One read and one write per bucket, however many customers change.
   */
  modify(customerGuids: readonly string[], apply: (rows: Map<string, CachedCustomer>) => void): PromiseExtended<void> {
    return this.change(customerGuids, apply);
  }

  /** Reads buckets; in a read-write transaction, the transaction's own copies (so they show its writes), copied. */
  private read(keys: readonly string[]): PromiseExtended<(CustomerBucket | undefined)[]> {
    if (!keys.length) return Dexie.Promise.resolve([]);
    const table = this.table();
    const shared = sharedBuckets(table);
    if (!shared) return readBuckets(table, keys);
    // The caller gets copies: the shared objects are what the transaction writes back.
    return shareBuckets(shared, table, keys).then((buckets) => buckets.map((bucket) => structuredClone(bucket)));
  }

  private change(customerGuids: readonly string[], apply: (rows: Map<string, CachedCustomer>) => void): PromiseExtended<void> {
    const table = this.table();
    const shared = sharedBuckets(table);
    if (!shared || !Dexie.currentTransaction?.storeNames.includes(table.name)) {
      return table.db.transaction('rw', table, () => this.change(customerGuids, apply));
    }
    const keys = unique(customerGuids.map(bucketOf));
    return shareBuckets(shared, table, keys).then((buckets) => {
      // From here to the puts nothing waits: no other operation of the transaction runs between.
      const rows = new Map<string, CachedCustomer>();
      for (const bucket of buckets) for (const [guid, row] of Object.entries(bucket.rows)) rows.set(guid, row);
      apply(rows);
      const byKey = new Map(buckets.map((bucket) => [bucket.key, bucket]));
      for (const bucket of buckets) bucket.rows = {};
      for (const [guid, row] of rows) {
        const bucket = byKey.get(bucketOf(guid));
        if (!bucket) throw new Error(`Customer ${guid} does not belong to the buckets being changed`);
        bucket.rows[guid] = row;
      }
      for (const bucket of buckets) {
        const passes = Object.values(bucket.rows).map((c) => c.passId);
        // An empty bucket is kept (empty): another operation of the transaction may hold it.
        if (passes.length) bucket.oldestPass = Math.min(...passes);
        else delete bucket.oldestPass;
      }
      const writes: PromiseExtended<unknown>[] = [];
      for (let i = 0; i < buckets.length; i += keyedWriteSize) writes.push(table.bulkPut(buckets.slice(i, i + keyedWriteSize)));
      writes.push(table.put({ key: writeStampKey, rows: {}, stamp: newStamp() }));
      return Dexie.Promise.all(writes).then(() => undefined);
    });
  }
}

/** The shared buckets of the current read-write transaction over `table`'s database, or null outside one. */
function sharedBuckets(table: Table<CustomerBucket, string>): Map<string, PromiseExtended<CustomerBucket>> | null {
  const tx = Dexie.currentTransaction;
  // Another profile's transaction is not this one's: Dexie runs this database's operations apart.
  if (!tx || tx.mode !== 'readwrite' || tx.db !== table.db) return null;
  let shared = readInTransaction.get(tx.idbtrans);
  if (!shared) readInTransaction.set(tx.idbtrans, (shared = new Map()));
  return shared;
}

/** The transaction's bucket objects for `keys` (read now if this transaction has not read them; a missing one starts empty). */
function shareBuckets(shared: Map<string, PromiseExtended<CustomerBucket>>, table: Table<CustomerBucket, string>, keys: readonly string[]): PromiseExtended<CustomerBucket[]> {
  const missing = keys.filter((key) => !shared.has(key));
  if (missing.length) {
    const reading = readBuckets(table, missing);
    missing.forEach((key, i) => shared.set(key, reading.then((found) => found[i] ?? { key, rows: {} })));
  }
  return Dexie.Promise.all(keys.map((key) => shared.get(key)!));
}

/**
 * Buckets by key, in the order of `keys`. Each request is a message to the browser process, so
 * buckets that lie close together (a pull's page: consecutive GUIDs) are read as one key range,
 * not one get each; scattered ones key by key.
 */
function readBuckets(table: Table<CustomerBucket, string>, keys: readonly string[]): PromiseExtended<(CustomerBucket | undefined)[]> {
  if (keys.length < 3) return table.bulkGet([...keys]);
  const numbers = keys.map((key) => (/^[0-9a-f]{3}$/u.test(key) ? Number.parseInt(key, 16) : Number.NaN));
  const low = Math.min(...numbers);
  const high = Math.max(...numbers);
  if (Number.isNaN(low) || Number.isNaN(high) || high - low + 1 > 2 * keys.length) return table.bulkGet([...keys]);
  const from = low.toString(16).padStart(3, '0');
  const to = high.toString(16).padStart(3, '0');
  return table.where(':id').between(from, to, true, true).toArray().then((buckets) => {
    const found = new Map(buckets.map((b) => [b.key, b]));
    return keys.map((key) => found.get(key));
  });
}

let stamps = 0;
const newStamp = (): string => `${Date.now().toString(36)}-${(stamps++).toString(36)}-${Math.random().toString(36).slice(2)}`;

function unique(keys: readonly string[]): string[] {
  return [...new Set(keys)];
}
