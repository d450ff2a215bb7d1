import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { seedCustomers } from '../../electron/sandbox/seed';
import { toCachedCustomer } from '../../renderer/src/cache/customer-index';
import { FieldbookDb } from '../../renderer/src/cache/db';
import { queryCustomers, releaseListIndex } from '../../renderer/src/customers/list-query';

/*
 * Every IndexedDB record and index entry of a customer is a cost paid on every page of every
 * pull (`npm run bench`, first-download). Version 2 dropped the indexes nothing read; version 4
 * moved customers into buckets of a GUID prefix (cache/customer-buckets.ts) with no index over
 * customer fields at all. A cache made by an earlier version upgrades in place, keeping its
 * customers, their bookkeeping and what the list finds.
 */

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('the customers table', () => {
  it('keeps customers in buckets, indexed only by the oldest pass the sweep reads', async () => {
    const name = `schema-${process.pid}-now`;
    names.push(name);
    const db = new FieldbookDb(name);
    await db.open();
    expect(db.tables.map((t) => t.name)).not.toContain('customers');
    expect(db.customerBuckets.schema.indexes.map((i) => i.name)).toEqual(['oldestPass']);
    db.close();
  });

  it('upgrades a version-1 cache in place: the customers stay, searchable from memory', async () => {
    const name = `schema-${process.pid}-v1`;
    names.push(name);
    const old = new Dexie(name);
    old.version(1).stores({
      customers: 'customerGuid, sortName, [sortCity+sortName], customerReference, idNumber, email, regDate, *searchTerms, passId',
    });
    const records = seedCustomers(50, 3).map((c) => toCachedCustomer(c, { fetchedAt: '2025-01-01T00:00:00Z', detailFetchedAt: null, passId: 1 }));
    await old.table('customers').bulkPut(records);
    old.close();

    const db = new FieldbookDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.customers.count()).toBe(50);
    expect(await db.customers.get(records[3]!.customerGuid), 'every field and its bookkeeping').toEqual(records[3]);
    const sample = records[7]!;
    const found = await queryCustomers(db, { search: sample.customerReference! });
    expect(found.rows.map((r) => r.customerGuid)).toEqual([sample.customerGuid]);
    releaseListIndex(db);
    db.close();
  });

  it('moves a version-3 cache\'s customers into buckets, keeping their pass stamps for the sweep', async () => {
    const name = `schema-${process.pid}-v3`;
    names.push(name);
    const old = new Dexie(name);
    old.version(3).stores({ customers: 'customerGuid, sortName, [sortCity+sortName], passId', meta: 'key' });
    const records = seedCustomers(300, 11).map((c, i) => toCachedCustomer(c, { fetchedAt: '2025-01-01T00:00:00Z', detailFetchedAt: i % 2 ? '2025-01-02T00:00:00Z' : null, passId: i < 5 ? 1 : 2 }));
    await old.table('customers').bulkPut(records);
    old.close();

    const db = new FieldbookDb(name);
    await db.open();
    const moved = await db.customers.toArray();
    expect(moved.map((c) => c.customerGuid).sort()).toEqual(records.map((c) => c.customerGuid).sort());
    expect(await db.customers.bulkGet(records.map((c) => c.customerGuid))).toEqual(records);
    expect((await db.customers.seenBefore(2)).sort(), 'the sweep still finds what only pass 1 saw').toEqual(records.slice(0, 5).map((c) => c.customerGuid).sort());
    db.close();
  });

  it('drops the customer bases a version-2 cache kept for customers with nothing queued', async () => {
    const name = `schema-${process.pid}-v2`;
    names.push(name);
    const old = new Dexie(name);
    old.version(2).stores({ bases: '[entity+key]', outbox: '++seq, entityKey, customerGuid, state' });
    const [quiet, edited, addressEdited] = seedCustomers(3, 5);
    const base = (entity: string, key: string, record: object) => ({ entity, key, record, fetchedAt: '2025-01-01T00:00:00Z' });
    await old.table('bases').bulkPut([
      base('customer', quiet!.customerGuid, quiet!),
      base('customer', edited!.customerGuid, edited!),
      base('customer', addressEdited!.customerGuid, addressEdited!),
      base('address', `${quiet!.customerGuid}/a1`, {}),
    ]);
    const entry = (entity: string, guid: string) => ({ entity, op: 'update', customerGuid: guid.toUpperCase(), id: guid, entityKey: `${entity}:${guid}`, state: 'pending', body: {} });
    await old.table('outbox').bulkAdd([entry('customer', edited!.customerGuid), entry('address', addressEdited!.customerGuid)]);
    old.close();

    const db = new FieldbookDb(name);
    await db.open();
    const kept = (await db.bases.toArray()).map((b) => `${b.entity}:${b.key}`).sort();
    expect(kept).toEqual([
      `address:${quiet!.customerGuid}/a1`,
      `customer:${addressEdited!.customerGuid}`,
      `customer:${edited!.customerGuid}`,
    ].sort());
    expect(await db.outbox.count(), 'the queue itself is untouched').toBe(2);
    db.close();
  });
});
