// The global fake: Dexie's liveQuery (the badges) needs `indexedDB` as a global under Node.
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedCustomers } from '../../electron/sandbox/seed';
import { compareForSort, evaluateFilter, ODataError, parseFilter } from '../../shared/odata';
import { customerOf, toCachedCustomer } from '../../renderer/src/cache/customer-index';
import { FieldbookDb } from '../../renderer/src/cache/db';
import type { CachedCustomer } from '../../renderer/src/cache/records';
import { readBadges, watchBadges, badgesOf, type CustomerBadges } from '../../renderer/src/customers/badges';
import { customerFieldTypes, sortColumns, toRow, type ListSort } from '../../renderer/src/customers/list-fields';
import { needsListIndex, previewSearch, queryCustomers, releaseListIndex, warmListIndex } from '../../renderer/src/customers/list-query';
import { customerStoreTables, storeServerCustomers } from '../../renderer/src/sync/customer-store';

/*
 * The list query over a real Dexie database on fake-indexeddb. Every answer is checked against
 * a brute-force reading of the same records (the shared evaluator for $filter, the searchTerms
 * definition for search), through both paths: Dexie's indexes before the in-memory projection
 * is loaded, and the projection after.
 */

const COUNT = 1_200;
let records: CachedCustomer[];
let dbCount = 0;
const open: FieldbookDb[] = [];

function newDb(): FieldbookDb {
  const db = new FieldbookDb(`list-query-${process.pid}-${++dbCount}`);
  open.push(db);
  return db;
}

async function seededDb(): Promise<FieldbookDb> {
  const db = newDb();
  await db.customers.bulkPut(records);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) {
    releaseListIndex(db);
    db.close();
    await db.delete();
  }
});

beforeAll(() => {
  records = seedCustomers(COUNT, 11).map((c) => toCachedCustomer(c, { fetchedAt: '2025-01-01T00:00:00Z', detailFetchedAt: null, passId: 1 }));
  // A few awkward ones: no name, no e-mail, no city, mixed case.
  records[0] = { ...records[0]!, email: null, fullName: 'ÅSA Öberg' , sortName: 'åsa öberg' };
  records[1] = { ...records[1]!, regDate: null, customerReference: null };
});

/** The list's order, written independently of the implementation. */
function expectedOrder(sort: ListSort): (a: CachedCustomer, b: CachedCustomer) => number {
  const guid = (a: CachedCustomer, b: CachedCustomer) => (a.customerGuid < b.customerGuid ? -1 : a.customerGuid > b.customerGuid ? 1 : 0);
  const keys: ((a: CachedCustomer, b: CachedCustomer) => number)[] = {
    name: [(a: CachedCustomer, b: CachedCustomer) => compareForSort(a.sortName, b.sortName)],
    city: [(a: CachedCustomer, b: CachedCustomer) => compareForSort(a.sortCity, b.sortCity), (a: CachedCustomer, b: CachedCustomer) => compareForSort(a.sortName, b.sortName)],
    reference: [(a: CachedCustomer, b: CachedCustomer) => compareForSort(a.customerReference, b.customerReference)],
    idNumber: [(a: CachedCustomer, b: CachedCustomer) => compareForSort(a.idNumber, b.idNumber)],
    email: [(a: CachedCustomer, b: CachedCustomer) => compareForSort(a.email, b.email)],
    registered: [(a: CachedCustomer, b: CachedCustomer) => compareForSort(a.regDate, b.regDate, true)],
  }[sort.column];
  const asc = (a: CachedCustomer, b: CachedCustomer) => {
    for (const key of [...keys, guid]) {
      const c = key(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
  return sort.direction === 'asc' ? asc : (a, b) => asc(b, a);
}

function searchMatches(c: CachedCustomer, query: string): boolean {
  return query.toLowerCase().split(/[\s,;()]+/u).filter(Boolean)
    .every((word) => c.searchTerms.some((term) => term.startsWith(word) || term.startsWith(word.replace(/[\s\-+()]/gu, ''))));
}

function expected(opts: { search?: string; filter?: string; sort: ListSort; offset: number; limit: number }) {
  const node = opts.filter ? parseFilter(opts.filter, customerFieldTypes) : null;
  const all = records
    .filter((c) => !opts.search || searchMatches(c, opts.search))
    .filter((c) => evaluateFilter(node, customerOf(c) as Record<string, unknown>))
    .sort(expectedOrder(opts.sort));
  return { guids: all.slice(opts.offset, opts.offset + opts.limit).map((c) => c.customerGuid), total: all.length };
}

describe('queryCustomers', () => {
  it('answers the plain list from the indexes before the projection exists, then from memory, identically', async () => {
    for (const column of ['name', 'city'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { column, direction };
        const first = await queryCustomers(await seededDb(), { sort, offset: 0, limit: 50 });
        const want = expected({ sort, offset: 0, limit: 50 });
        expect(first.via).toBe('index');
        expect(first.total).toBe(COUNT);
        expect(first.rows.map((r) => r.customerGuid)).toEqual(want.guids);
      }
    }
    const db = await seededDb();
    await warmListIndex(db);
    for (const column of ['name', 'city'] as const) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { column, direction };
        const page = await queryCustomers(db, { sort, offset: 300, limit: 50 });
        expect(page.via).toBe('memory');
        expect(page.rows.map((r) => r.customerGuid)).toEqual(expected({ sort, offset: 300, limit: 50 }).guids);
      }
    }
  });

  it('sorts by every column, both ways, and pages through to the end', async () => {
    const db = await seededDb();
    await warmListIndex(db);
    for (const column of sortColumns) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort = { column, direction };
        for (const offset of [0, 100, COUNT - 30]) {
          const page = await queryCustomers(db, { sort, offset, limit: 100 });
          const want = expected({ sort, offset, limit: 100 });
          expect(page.total, `${column} ${direction}`).toBe(COUNT);
          expect(page.rows.map((r) => r.customerGuid), `${column} ${direction} @${offset}`).toEqual(want.guids);
        }
      }
    }
    const past = await queryCustomers(db, { offset: COUNT + 10, limit: 100 });
    expect(past.rows).toEqual([]);
    expect(past.total).toBe(COUNT);
  });

  it('returns list rows with what a row shows', async () => {
    const db = await seededDb();
    const { rows } = await queryCustomers(db, { limit: 1 });
    const row = rows[0]!;
    const record = records.find((c) => c.customerGuid === row.customerGuid)!;
    expect(row.fullName).toBe(record.fullName ?? '');
    expect(row.customerReference).toBe(record.customerReference);
    expect(row.city.toLowerCase()).toBe(record.sortCity);
    // From memory (the projection's copy), the same rows as read from the records, as the caller's own objects.
    await warmListIndex(db);
    const page = await queryCustomers(db, { sort: { column: 'registered', direction: 'desc' }, offset: 40, limit: 60 });
    expect(page.via).toBe('memory');
    const byGuid = new Map(records.map((c) => [c.customerGuid, c]));
    expect(page.rows).toEqual(page.rows.map((r) => toRow(byGuid.get(r.customerGuid)!)));
    page.rows[0]!.fullName = 'changed by the caller';
    expect((await queryCustomers(db, { sort: { column: 'registered', direction: 'desc' }, offset: 40, limit: 1 })).rows[0]!.fullName).not.toBe('changed by the caller');
  });

  it('searches as you type: every word a prefix of a term, over names, references, numbers, e-mail and city', async () => {
    const db = await seededDb();
    const sample = records[42]!;
    const name = (sample.fullName ?? '').split(' ');
    const queries = [
      name[0]!.slice(0, 1),
      name[0]!.slice(0, 3),
      `${name[0]} ${name[name.length - 1]!.slice(0, 2)}`,
      sample.customerReference!,
      sample.sortCity.slice(0, 4),
      (sample.email ?? 'x').slice(0, 5),
      (sample.cellularPhone ?? sample.workPhone ?? '070').replace(/\D/gu, '').slice(0, 6),
      'zzzzqqq',
    ];
    // Before the projection: the query waits for it (there is no search index in IndexedDB).
    for (const search of queries) {
      const sort: ListSort = { column: 'name', direction: 'asc' };
      const page = await queryCustomers(db, { search, sort, limit: 40 });
      const want = expected({ search, sort, offset: 0, limit: 40 });
      expect(page.total, search).toBe(want.total);
      expect(page.rows.map((r) => r.customerGuid), search).toEqual(want.guids);
    }
    const found = await queryCustomers(db, { search: sample.customerReference! });
    expect(found.rows.map((r) => r.customerGuid)).toContain(sample.customerGuid);
    await warmListIndex(db);
    for (const search of queries) {
      const sort: ListSort = { column: 'city', direction: 'desc' };
      const page = await queryCustomers(db, { search, sort, offset: 5, limit: 40 });
      const want = expected({ search, sort, offset: 5, limit: 40 });
      expect(page.via).toBe('memory');
      expect(page.total, search).toBe(want.total);
      expect(page.rows.map((r) => r.customerGuid), search).toEqual(want.guids);
    }
  });

  it('answers one-character searches (initials tested first) and others exactly as the terms do', async () => {
    const db = await seededDb();
    await warmListIndex(db);
    // Letters with a bit of their own, shared bits (digits, æ/ø, anything else) and words whose
    // compact form begins differently ('+46' → '46'): the initials must never rule a match out.
    const chars = [...'abcdefghijklmnopqrstuvwxyzåäöæø0123456789@.é'];
    for (const search of [...chars, '+46', '070-', 'å ö', 'a 1', 'ø@', 'c-1']) {
      const page = await queryCustomers(db, { search, limit: 30 });
      const want = expected({ search, sort: { column: 'name', direction: 'asc' }, offset: 0, limit: 30 });
      expect(page.total, search).toBe(want.total);
      expect(page.rows.map((r) => r.customerGuid), search).toEqual(want.guids);
    }
  });

  it('says which queries wait for the projection: all but the plain list by name or by city', () => {
    const node = parseFilter('juridicalType eq 1', customerFieldTypes);
    expect(needsListIndex('', null, { column: 'name', direction: 'desc' })).toBe(false);
    expect(needsListIndex('  ', null, { column: 'city', direction: 'asc' })).toBe(false);
    expect(needsListIndex('a', null, { column: 'name', direction: 'asc' })).toBe(true);
    expect(needsListIndex('', node, { column: 'name', direction: 'asc' })).toBe(true);
    expect(needsListIndex('', null, { column: 'email', direction: 'asc' })).toBe(true);
  });

  it('previews a search before the projection: the customers whose name begins with the first word, each one the full search finds, in its order', async () => {
    const db = await seededDb();
    const sample = records[42]!;
    const name = (sample.fullName ?? '').split(' ');
    const searches = [
      name[0]!.slice(0, 1),
      name[0]!.slice(0, 3).toUpperCase(),
      `${name[0]} ${name[name.length - 1]!.slice(0, 2)}`,
      `${name[name.length - 1]!.slice(0, 2)} ${name[0]}`,
      sample.customerReference!,
      'åsa',
      'zzzzqqq',
    ];
    let shown = 0;
    for (const search of searches) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort: ListSort = { column: 'name', direction };
        const preview = await previewSearch(db, { search, sort, limit: 40 });
        expect(preview, search).not.toBeNull();
        const guids = preview!.map((r) => r.customerGuid);
        // Exactly the name-prefix matches, in the list's order, as a brute-force reading of the records finds them…
        const first = search.toLowerCase().split(/[\s,;()]+/u).find(Boolean)!;
        const want = records.filter((c) => c.sortName.startsWith(first) && searchMatches(c, search)).sort(expectedOrder(sort)).slice(0, 40);
        expect(guids, `${search} ${direction}`).toEqual(want.map((c) => c.customerGuid));
        expect(preview).toEqual(want.map(toRow));
        // …each of them a row of the full answer, in the same order: the answer only adds rows around them.
        const full = expected({ search, sort, offset: 0, limit: COUNT });
        expect(full.guids.filter((guid) => guids.includes(guid)), search).toEqual(guids);
        shown += guids.length;
      }
    }
    expect(shown, 'the seeded names give the previews something to show').toBeGreaterThan(20);
    // Where the index cannot help, there is no preview: no search, a filter, another sort, a later page.
    expect(await previewSearch(db, { search: '' })).toBeNull();
    expect(await previewSearch(db, { search: 'a', filter: 'juridicalType eq 1' })).toBeNull();
    expect(await previewSearch(db, { search: 'a', sort: { column: 'city', direction: 'asc' } })).toBeNull();
    expect(await previewSearch(db, { search: 'a', offset: 100 })).toBeNull();
    // Once the projection is ready the full answer is immediate: no preview either.
    await warmListIndex(db);
    expect(await previewSearch(db, { search: name[0]! })).toBeNull();
  });

  it('evaluates $filter exactly as the shared evaluator does, combined with search', async () => {
    const db = await seededDb();
    const filters = [
      "juridicalType eq 1 and startswith(fullName, 'a')",
      "contains(email, 'gmail') or cultureCode eq 'fi-FI'",
      'regDate gt 2020-01-01 and regDate lt 2022-06-30T12:00:00Z',
      'not (email eq null) and gender ne 2',
      "customerReference ge 'C-100500' and customerReference lt 'C-100600'",
      'addresses ne null and underAged eq false',
      "dateOfBirth ge '1980-01-01' and juridicalType eq 0",
    ];
    for (const filter of filters) {
      for (const sort of [{ column: 'city', direction: 'asc' }, { column: 'registered', direction: 'desc' }] as ListSort[]) {
        const page = await queryCustomers(db, { filter, sort, offset: 10, limit: 25 });
        const want = expected({ filter, sort, offset: 10, limit: 25 });
        expect(page.total, filter).toBe(want.total);
        expect(page.rows.map((r) => r.customerGuid), filter).toEqual(want.guids);
      }
    }
    const both = await queryCustomers(db, { search: 'a', filter: 'juridicalType eq 0', limit: 1000 });
    expect(both.total).toBe(expected({ search: 'a', filter: 'juridicalType eq 0', sort: { column: 'name', direction: 'asc' }, offset: 0, limit: 1 }).total);
  });

  it('rejects a $filter that does not parse with the token and its position', async () => {
    const db = await seededDb();
    const error = await queryCustomers(db, { filter: "fullName eq 'x' and nosuchfield eq 1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).token).toBe('nosuchfield');
    expect((error as ODataError).position).toBe(20);
  });

  it('counts the customers once for the start-up queries and the projection, again only after a change', async () => {
    // IndexedDB counts by walking every record (~200 ms at 100,000): at start-up the first page
    // (and any other plain query meanwhile) and the projection's load must share one count.
    const db = await seededDb();
    let counts = 0;
    const count = db.customers.count.bind(db.customers);
    db.customers.count = ((...args: Parameters<typeof count>) => {
      counts++;
      return count(...args);
    }) as typeof db.customers.count;
    const [a, b] = await Promise.all([queryCustomers(db, { limit: 40 }), queryCustomers(db, { limit: 40 })]);
    await warmListIndex(db);
    expect([a.via, b.via, a.total, b.total]).toEqual(['index', 'index', COUNT, COUNT]);
    expect(counts).toBe(1);
    // A change makes the next count a new one (asked for by a plain page while the change is applied).
    await db.customers.delete(records[5]!.customerGuid);
    const after = await queryCustomers(db, { limit: 40 });
    expect([after.via, after.total, counts]).toEqual(['index', COUNT - 1, 2]);
  });

  it('sees every completed write before it answers: inserts, edits, deletes and bulk writes', async () => {
    const db = await seededDb();
    await warmListIndex(db);
    const sort: ListSort = { column: 'name', direction: 'asc' };
    const before = await queryCustomers(db, { sort, limit: 1 });

    const newcomer = toCachedCustomer({ ...customerOf(records[5]!), customerGuid: '00000000-0000-4000-8000-000000000001', fullName: 'Aaaron Aardvark' },
      { fetchedAt: null, detailFetchedAt: null, passId: 0, localOnly: true });
    await db.customers.put(newcomer);
    const withNew = await queryCustomers(db, { sort, limit: 1 });
    expect(withNew.total).toBe(COUNT + 1);
    expect(withNew.rows[0]!.customerGuid).toBe(newcomer.customerGuid);
    expect(withNew.rows[0]!.localOnly).toBe(true);
    expect((await queryCustomers(db, { search: 'aardvark' })).total).toBe(1);

    await db.customers.put(toCachedCustomer({ ...customerOf(newcomer), fullName: 'Zzed Aardvark' }, { fetchedAt: null, detailFetchedAt: null, passId: 0 }));
    const renamed = await queryCustomers(db, { sort, limit: 1 });
    expect(renamed.rows[0]!.customerGuid).toBe(before.rows[0]!.customerGuid);
    expect((await queryCustomers(db, { filter: "fullName eq 'zzed aardvark'" })).total).toBe(1);
    // The row itself shows the new name: pages come from the projection's copy, kept current too.
    expect((await queryCustomers(db, { search: 'zzed' })).rows.map((r) => [r.fullName, r.localOnly])).toEqual([['Zzed Aardvark', false]]);

    await db.customers.delete(newcomer.customerGuid);
    expect((await queryCustomers(db, { search: 'aardvark' })).total).toBe(0);
    expect((await queryCustomers(db, { sort })).total).toBe(COUNT);

    // A bulk write (as a pull page is) reloads the projection.
    await db.customers.bulkDelete(records.slice(0, 200).map((c) => c.customerGuid));
    const after = await queryCustomers(db, { sort: { column: 'email', direction: 'asc' }, offset: 0, limit: 1000 });
    expect(after.total).toBe(COUNT - 200);
    const kept = records.slice(200);
    const want = [...kept].sort(expectedOrder({ column: 'email', direction: 'asc' })).slice(0, 1000).map((c) => c.customerGuid);
    expect(after.rows.map((r) => r.customerGuid)).toEqual(want);

    // A pull page: 100 records in one bulkPut (Dexie reports it as a change of the whole table).
    const renamedPage = kept.slice(0, 100).map((c) => toCachedCustomer({ ...customerOf(c), fullName: `Bulk ${c.customerReference}` },
      { fetchedAt: null, detailFetchedAt: null, passId: 2 }));
    await db.customers.bulkPut(renamedPage);
    const bulk = await queryCustomers(db, { search: 'bulk', sort, limit: 200 });
    expect(bulk.via).toBe('memory');
    expect(bulk.total).toBe(100);
    expect(bulk.rows[0]!.fullName).toMatch(/^Bulk C-/u);
  });

  it('applies a pull page by re-reading the customers it changed, not the whole cache', async () => {
    // Dexie reports a put of 50 or more records as a change of the whole table; the projection
    // then reloaded every cached customer once per pull page, and a search during a pull waited.
    let read = 0;
    const db = newDb();
    db.use({
      stack: 'dbcore',
      name: 'count-reads',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'customers') return table;
          return {
            ...table,
            query: async (req) => {
              const res = await table.query(req);
              read += res.result.length;
              return res;
            },
            getMany: async (req) => {
              const res = await table.getMany(req);
              read += res.filter((r) => r !== undefined).length;
              return res;
            },
          };
        },
      }),
    });
    await db.customers.bulkPut(records);
    await warmListIndex(db);
    const byKey = [...records].sort((a, b) => (a.customerGuid < b.customerGuid ? -1 : 1));
    const page = byKey.slice(500, 600);
    const gone = page[50]!.customerGuid;
    read = 0;
    // As the pull stores a page (sync/customer-store.ts), and a removal in the same transaction.
    await db.transaction('rw', customerStoreTables(db), async () => {
      await storeServerCustomers(db, page.map((c) => ({ ...customerOf(c), fullName: `Paged ${c.customerReference}` })), { fetchedAt: 'now', passId: 2, keyOrdered: true });
      await db.customers.bulkDelete([gone]);
    });
    const paged = await queryCustomers(db, { search: 'paged', limit: 200 });
    expect(paged.via).toBe('memory');
    expect(paged.total).toBe(99);
    expect(paged.rows.map((r) => r.customerGuid)).not.toContain(gone);
    expect((await queryCustomers(db, { sort: { column: 'name', direction: 'asc' } })).total).toBe(COUNT - 1);
    expect(read, 'records read to apply the page').toBeLessThanOrEqual(2 * page.length);
  });

  it('is empty and well-formed for an empty cache', async () => {
    const db = newDb();
    expect(await queryCustomers(db)).toEqual({ rows: [], total: 0, via: 'index' });
    expect(await queryCustomers(db, { search: 'anna', filter: 'juridicalType eq 1' })).toMatchObject({ rows: [], total: 0 });
  });
});

describe('badges', () => {
  it('reads the briefcase, outbox and conflicts into Sets of lower-cased GUIDs, and follows their changes', async () => {
    const db = await seededDb();
    const [a, b, c] = records.map((r) => r.customerGuid);
    await db.briefcase.bulkPut([
      { customerGuid: a!.toUpperCase(), keptOffline: true, openedAt: null, prepared: false },
      { customerGuid: b!, keptOffline: false, openedAt: '2025-01-01T00:00:00Z', prepared: false },
    ]);
    const entry = { entity: 'customer' as const, op: 'update' as const, id: b!, entityKey: `customer:${b}`, body: { email: 'x@y.se' }, attempts: 0, notBefore: 0, lastFailure: null, createdAt: '', updatedAt: '' };
    await db.outbox.bulkAdd([{ ...entry, customerGuid: b!, state: 'pending' }, { ...entry, customerGuid: c!, state: 'attention' }]);

    const badges = await readBadges(db);
    expect([...badges.keptOffline]).toEqual([a!.toLowerCase()]);
    expect([...badges.pending]).toEqual([b!.toLowerCase()]);
    expect([...badges.attention]).toEqual([c!.toLowerCase()]);
    expect(badgesOf(badges, a!)).toEqual(['keptOffline']);

    const seen: CustomerBadges[] = [];
    const stop = watchBadges(db, (next) => seen.push(next));
    await expect.poll(() => seen.length).toBeGreaterThan(0);
    await db.conflicts.add({ entityKey: `customer:${b}`, entity: 'customer', customerGuid: b!, outboxSeq: 1, fields: [], theirs: {}, detectedAt: '' });
    await expect.poll(() => seen.at(-1)?.conflict.has(b!.toLowerCase())).toBe(true);
    expect(badgesOf(seen.at(-1)!, b!)).toEqual(['conflict', 'pending']);
    stop();
  });
});
