import 'fake-indexeddb/auto';
import { Dexie, type ObservabilitySet } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCustomers } from '../../electron/sandbox/seed';
import { bucketOf, writeStampKey } from '../../renderer/src/cache/customer-buckets';
import { toCachedCustomer } from '../../renderer/src/cache/customer-index';
import { FieldbookDb } from '../../renderer/src/cache/db';
import type { CachedCustomer } from '../../renderer/src/cache/records';

/*
 * Customers are kept in buckets of a GUID prefix (cache/customer-buckets.ts), behind a store
 * with the table methods the app uses. What must hold: far fewer IndexedDB records than
 * customers (the reason for it), every customer back exactly as stored, and no write lost when
 * several operations of one transaction change the same bucket.
 */

const dbs: FieldbookDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

let opened = 0;
async function newDb(): Promise<FieldbookDb> {
  const db = new FieldbookDb(`buckets-${process.pid}-${opened++}`);
  dbs.push(db);
  await db.open();
  return db;
}

const cached = (count: number, seed = 7, passId = 1): CachedCustomer[] =>
  seedCustomers(count, seed).map((c) => toCachedCustomer(c, { fetchedAt: '2026-01-01T00:00:00Z', detailFetchedAt: null, passId }));

/** Customers whose GUIDs share a bucket: the same first three characters. */
function sameBucket(count: number): CachedCustomer[] {
  const [first] = cached(1, 3);
  return Array.from({ length: count }, (_, i) => ({ ...first!, customerGuid: `${first!.customerGuid.slice(0, 3)}${String(i).padStart(5, '0')}-0000-4000-8000-000000000000`, fullName: `Kund ${i}` }));
}

describe('the customer store', () => {
  it('keeps 5,000 customers in at most 4,097 records and gives each back exactly', async () => {
    const db = await newDb();
    const customers = cached(5_000);
    await db.customers.bulkPut(customers);
    const records = await db.customerBuckets.count();
    expect(records).toBeLessThanOrEqual(4_096 + 1);
    expect(records).toBeLessThan(customers.length);
    expect(await db.customers.count()).toBe(5_000);
    expect(await db.customers.bulkGet(customers.map((c) => c.customerGuid))).toEqual(customers);
    expect(await db.customers.get(customers[42]!.customerGuid)).toEqual(customers[42]);
    expect(await db.customers.get('not-a-customer')).toBeUndefined();
  });

  it('loses no write when one transaction changes one bucket from several operations at once', async () => {
    const db = await newDb();
    const [a, b, c, d] = sameBucket(4) as [CachedCustomer, CachedCustomer, CachedCustomer, CachedCustomer];
    await db.customers.put(d);
    await db.transaction('rw', db.customerBuckets, async () => {
      // Not awaited one by one: each reads the bucket before the others have written it.
      await Promise.all([
        db.customers.put(a),
        db.customers.put(b),
        db.customers.update(d.customerGuid, { email: 'changed@example.se' }),
        db.customers.bulkPut([c]),
      ]);
    });
    expect((await db.customers.toArray()).map((x) => x.customerGuid).sort()).toEqual([a, b, c, d].map((x) => x.customerGuid).sort());
    expect((await db.customers.get(d.customerGuid))?.email).toBe('changed@example.se');
  });

  it('shows a transaction its own writes, and what a read returns is a copy', async () => {
    const db = await newDb();
    const [a, b] = sameBucket(2) as [CachedCustomer, CachedCustomer];
    await db.customers.put(a);
    await db.transaction('rw', [db.customerBuckets, db.meta], async () => {
      await db.customers.put(b);
      expect(await db.customers.get(b.customerGuid)).toEqual(b);
      const read = await db.customers.get(a.customerGuid);
      read!.fullName = 'Changed only in my hands';
      await db.customers.update(b.customerGuid, { email: 'b@example.se' });
    });
    expect((await db.customers.get(a.customerGuid))?.fullName).toBe(a.fullName);
    expect((await db.customers.get(b.customerGuid))?.email).toBe('b@example.se');
  });

  it('behaves as a Dexie table where the app relies on it: add refuses a cached customer, update reports a missing one', async () => {
    const db = await newDb();
    const [a, b] = sameBucket(2) as [CachedCustomer, CachedCustomer];
    await db.customers.add(a);
    await expect(db.customers.add({ ...a, fullName: 'Twice' })).rejects.toThrow(/already cached/u);
    expect((await db.customers.get(a.customerGuid))?.fullName).toBe(a.fullName);
    expect(await db.customers.update(b.customerGuid, { email: 'x@example.se' })).toBe(0);
    expect(await db.customers.get(b.customerGuid), 'update creates nothing').toBeUndefined();
    expect(await db.customers.update(a.customerGuid, { email: 'x@example.se' })).toBe(1);
    await db.customers.put(b);
    await db.customers.delete(a.customerGuid);
    expect(await db.customers.toArray()).toEqual([b]);
  });

  it('refuses a write inside a transaction that does not include the buckets, and stores nothing', async () => {
    const db = await newDb();
    const [a] = cached(1);
    await expect(db.transaction('rw', db.meta, () => db.customers.put(a!))).rejects.toThrow();
    expect(await db.customers.count()).toBe(0);
  });

  it('finds the customers an older pull pass saw last, reading only the buckets that hold one', async () => {
    const db = await newDb();
    const old = cached(30, 5, 1);
    const current = cached(300, 6, 2);
    await db.customers.bulkPut([...old, ...current]);
    expect((await db.customers.seenBefore(2)).sort()).toEqual(old.map((c) => c.customerGuid).sort());
    const oldBuckets = new Set(old.map((c) => bucketOf(c.customerGuid)));
    expect(await db.customerBuckets.where('oldestPass').below(2).count()).toBe(oldBuckets.size);
    await db.customers.bulkPut(old.map((c) => ({ ...c, passId: 2 })));
    expect(await db.customers.seenBefore(2)).toEqual([]);
  });

  it('replaces the write stamp on every write, never on a read', async () => {
    const db = await newDb();
    const [a, b] = cached(2);
    expect(await db.customers.writeStamp()).toBeNull();
    await db.customers.put(a!);
    const first = await db.customers.writeStamp();
    expect(first).not.toBeNull();
    await db.customers.get(a!.customerGuid);
    await db.customers.toArray();
    expect(await db.customers.writeStamp()).toBe(first);
    await db.customers.update(b!.customerGuid, { email: 'nobody@example.se' });
    const second = await db.customers.writeStamp();
    expect(second).not.toBe(first);
    await db.customers.delete(a!.customerGuid);
    expect(await db.customers.writeStamp()).not.toBe(second);
    expect((await db.customers.chunk(null, 10_000)).customers, 'the stamp is not a customer').toEqual([]);
    expect(await db.customerBuckets.get(writeStampKey)).toBeDefined();
  });

  it('reports a write by the keys of the buckets it changed, not as a change of the whole table', async () => {
    const db = await newDb();
    const customers = cached(120);
    const reported: ObservabilitySet[] = [];
    const listen = (parts: ObservabilitySet) => reported.push(parts);
    Dexie.on('storagemutated', listen);
    try {
      await db.customers.bulkPut(customers);
    } finally {
      Dexie.on.storagemutated.unsubscribe(listen);
    }
    const keys = new Set<string>();
    let broad = false;
    for (const parts of reported) {
      const part = parts[`idb://${db.name}/customerBuckets/`];
      const walk = (node: { from?: unknown; to?: unknown; l?: unknown; r?: unknown } | null | undefined): void => {
        if (!node || !('from' in node)) return;
        if (typeof node.from === 'string' && node.from === node.to) keys.add(node.from);
        else broad = true;
        walk(node.l as typeof node);
        walk(node.r as typeof node);
      };
      walk(part as never);
    }
    expect(broad).toBe(false);
    expect([...keys].filter((k) => k !== writeStampKey).sort()).toEqual([...new Set(customers.map((c) => bucketOf(c.customerGuid)))].sort());
  });
});
