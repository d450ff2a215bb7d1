// The global fake: Dexie's liveQuery (the badges) needs `indexedDB` as a global under Node.
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedCustomers } from '../../electron/sandbox/seed';
import { compareForSort, evaluateFilter, ODataError, parseFilter } from '../../shared/odata';
import { customerOf, toCachedCustomer } from '../../renderer/src/cache/customer-index';
import { FieldbookDb } from '../../renderer/src/cache/db';
import { bucketOf, type CustomerBucket } from '../../renderer/src/cache/customer-buckets';
import type { CachedCustomer } from '../../renderer/src/cache/records';
import { readBadges, watchBadges, badgesOf, type CustomerBadges } from '../../renderer/src/customers/badges';
import { customerFieldTypes, sortColumns, toRow, type ListSort } from '../../renderer/src/customers/list-fields';
import { HEAD_ROWS } from '../../renderer/src/customers/list-head';
import {
  needsListIndex, onListIndexState, previewSearch, queryCustomers, releaseListIndex, warmListIndex, type ListIndexState,
} from '../../renderer/src/customers/list-query';
import { customerStoreTables, storeServerCustomers } from '../../renderer/src/sync/customer-store';

/*
 * The list query over a real Dexie database on fake-indexeddb. Every answer is checked against
 * a brute-force reading of the same records (the shared evaluator for $filter, the searchTerms
 * definition for search), through both paths: the first page a previous run kept
 * (customers/list-head.ts) before the in-memory projection is loaded, and the projection.
 * Customers live in buckets (cache/customer-buckets.ts): nothing in IndexedDB is in list order.
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
  const names = new Set<string>();
  for (const db of open.splice(0)) {
    releaseListIndex(db);
    db.close();
    names.add(db.name);
  }
  for (const name of names) await Dexie.delete(name);
});

/** The app closing and starting again on the same cache: a new connection, no list index in memory. */
function restart(db: FieldbookDb): FieldbookDb {
  releaseListIndex(db);
  db.close();
  const again = new FieldbookDb(db.name);
  open.push(again);
  return again;
}

/**
 * Waits until the list index of `db` has kept its first page at the customers' current write
 * stamp: what the next start shows (list-index.ts keeps it a moment after its last change).
 */
async function keptHead(db: FieldbookDb): Promise<void> {
  await expect.poll(async () => {
    const [kept, stamp] = await Promise.all([db.meta.get('list.head'), db.customers.writeStamp()]);
    return stamp !== null && (kept?.value as { stamp?: string } | undefined)?.stamp === stamp;
  }, { timeout: 10_000, interval: 50, message: 'the list index keeps its first page' }).toBe(true);
}

/**
 * Holds the projection's load of `db` before each step (a read of buckets): `allow(n)` lets n
 * more steps read. `read` is every customer the load has read so far.
 */
function gateLoad(db: FieldbookDb): { readonly calls: number; readonly read: CachedCustomer[]; allow(steps: number): void } {
  const chunk = db.customers.chunk.bind(db.customers);
  let allowed = 0;
  let calls = 0;
  let wake: (() => void) | null = null;
  const read: CachedCustomer[] = [];
  // The load reads its steps outside any transaction, so a native promise is fine here.
  db.customers.chunk = (async (afterKey: string | null, limit: number) => {
    const call = ++calls;
    while (call > allowed) await new Promise<void>((go) => (wake = go));
    const result = await chunk(afterKey, limit);
    read.push(...result.customers);
    return result;
  }) as unknown as typeof db.customers.chunk;
  return {
    get calls() {
      return calls;
    },
    read,
    allow(steps) {
      allowed += steps;
      wake?.();
    },
  };
}

const byName: ListSort = { column: 'name', direction: 'asc' };

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
  it('answers the first page by name from the page the last run kept, everything else from memory, identically', async () => {
    const db = await seededDb();
    // The very first start: nothing kept, so even the plain list waits for the projection.
    const cold = await queryCustomers(db, { limit: 50 });
    expect(cold.via).toBe('memory');
    expect(cold.rows.map((r) => r.customerGuid)).toEqual(expected({ sort: byName, offset: 0, limit: 50 }).guids);
    await keptHead(db);

    // The next start, all asked at once before anything is loaded: the kept page answers what
    // lies within it, sorted by name; a page past it and every other sort wait for the projection.
    const next = restart(db);
    const queries: { sort: ListSort; offset: number; limit: number }[] = [
      { sort: byName, offset: 0, limit: 50 },
      { sort: byName, offset: 0, limit: HEAD_ROWS },
      { sort: byName, offset: HEAD_ROWS - 10, limit: 10 },
      { sort: byName, offset: HEAD_ROWS - 10, limit: 11 },
      { sort: { column: 'name', direction: 'desc' }, offset: 0, limit: 50 },
      { sort: { column: 'city', direction: 'asc' }, offset: 0, limit: 50 },
      { sort: { column: 'city', direction: 'desc' }, offset: 0, limit: 50 },
    ];
    const answers = await Promise.all(queries.map((query) => queryCustomers(next, query)));
    expect(answers.map((a) => a.via)).toEqual(['head', 'head', 'head', 'memory', 'memory', 'memory', 'memory']);
    const byGuid = new Map(records.map((c) => [c.customerGuid, c]));
    answers.forEach((answer, i) => {
      const want = expected(queries[i]!);
      expect(answer.total, `query ${i}`).toBe(COUNT);
      expect(answer.rows.map((r) => r.customerGuid), `query ${i}`).toEqual(want.guids);
      // What each row shows, as read from the records.
      expect(answer.rows, `query ${i}`).toEqual(want.guids.map((guid) => toRow(byGuid.get(guid)!)));
    });
    // Once the projection is there it answers, with the same page.
    const warm = await queryCustomers(next, { limit: 50 });
    expect(warm.via).toBe('memory');
    expect(warm.rows).toEqual(answers[0]!.rows);
  });

  it('does not show a kept page a customer was written after: the next start waits for the projection, which keeps a new one', async () => {
    const db = await seededDb();
    await warmListIndex(db);
    await keptHead(db);
    // The next run writes a customer before its list has loaded (a pull page, an edit) and closes.
    const second = restart(db);
    const newcomer = toCachedCustomer({ ...customerOf(records[5]!), customerGuid: '00000000-0000-4000-8000-000000000001', fullName: 'Aaaron Aardvark' },
      { fetchedAt: null, detailFetchedAt: null, passId: 0, localOnly: true });
    await second.customers.put(newcomer);
    const third = restart(second);
    const fresh = await queryCustomers(third, { limit: 50 });
    expect(fresh.via, 'the kept page no longer shows what is cached').toBe('memory');
    expect(fresh.total).toBe(COUNT + 1);
    expect(fresh.rows[0]).toEqual(toRow(newcomer));

    // That run's projection keeps the page anew, so the start after shows it at once…
    await keptHead(third);
    const fourth = restart(third);
    const kept = await queryCustomers(fourth, { limit: 50 });
    expect([kept.via, kept.total, kept.rows[0]]).toEqual(['head', COUNT + 1, toRow(newcomer)]);
    // …and a change the projection applies while it runs is kept again for the next start.
    let keeps = 0;
    const put = fourth.meta.put.bind(fourth.meta);
    fourth.meta.put = (entry, key) => {
      if (entry.key === 'list.head') keeps++;
      return put(entry, key);
    };
    await warmListIndex(fourth);
    await expect.poll(() => keeps, { timeout: 10_000, message: 'the loaded index keeps its page' }).toBe(1);
    await fourth.customers.delete(newcomer.customerGuid);
    expect((await queryCustomers(fourth, { limit: 1 })).total).toBe(COUNT);
    await keptHead(fourth);
    const fifth = restart(fourth);
    const after = await queryCustomers(fifth, { limit: 50 });
    expect([after.via, after.total]).toEqual(['head', COUNT]);
    expect(after.rows.map((r) => r.customerGuid)).toEqual(expected({ sort: byName, offset: 0, limit: 50 }).guids);
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

  it('says which queries wait for the projection: all but the plain list by name, ascending (what a kept page answers)', () => {
    const node = parseFilter('juridicalType eq 1', customerFieldTypes);
    expect(needsListIndex('', null, { column: 'name', direction: 'asc' })).toBe(false);
    expect(needsListIndex('  ', null)).toBe(false);
    expect(needsListIndex('', null, { column: 'name', direction: 'desc' })).toBe(true);
    expect(needsListIndex('', null, { column: 'city', direction: 'asc' })).toBe(true);
    expect(needsListIndex('a', null, { column: 'name', direction: 'asc' })).toBe(true);
    expect(needsListIndex('', node, { column: 'name', direction: 'asc' })).toBe(true);
    expect(needsListIndex('', null, { column: 'email', direction: 'asc' })).toBe(true);
  });

  it('previews a search from the customers loaded so far: those whose name begins with the first word, each one the full search finds, in its order', async () => {
    const db = await seededDb();
    const gate = gateLoad(db);
    const states: ListIndexState[] = [];
    const stop = onListIndexState(db, (state) => states.push({ ...state }));
    // Nothing read yet: an empty preview (the load has begun).
    expect(await previewSearch(db, { search: 'a' })).toEqual([]);
    await expect.poll(() => gate.calls).toBe(1);
    // One step read, the next held: the preview knows exactly those customers.
    gate.allow(1);
    await expect.poll(() => gate.calls).toBe(2);
    const loaded = new Set(gate.read.map((c) => c.customerGuid));
    expect(loaded.size).toBeGreaterThan(20);
    expect(loaded.size).toBeLessThan(COUNT / 2);
    // The progress counts them; the total is an estimate until every bucket is read.
    expect(states.at(-1)).toMatchObject({ ready: false, loaded: loaded.size });
    expect(states.at(-1)!.total).toBeGreaterThan(COUNT * 0.75);
    expect(states.at(-1)!.total).toBeLessThan(COUNT * 1.25);

    const sample = records.find((c) => loaded.has(c.customerGuid) && (c.fullName ?? '').split(' ').length > 1)!;
    const name = sample.fullName!.split(' ');
    const searches = [
      name[0]!.slice(0, 1),
      name[0]!.slice(0, 3).toUpperCase(),
      `${name[0]} ${name[name.length - 1]!.slice(0, 2)}`,
      `${name[name.length - 1]!.slice(0, 2)} ${name[0]}`,
      `${name[0]!.slice(0, 1)} ${name[name.length - 1]!.slice(0, 3)}`,
      sample.customerReference!,
      'a',
      'åsa',
      'zzzzqqq',
    ];
    let shown = 0;
    let notYet = 0;
    for (const search of searches) {
      for (const direction of ['asc', 'desc'] as const) {
        const sort: ListSort = { column: 'name', direction };
        const preview = await previewSearch(db, { search, sort, limit: 40 });
        expect(preview, search).not.toBeNull();
        const guids = preview!.map((r) => r.customerGuid);
        // Exactly the loaded name-prefix matches, in the list's order, as a brute-force reading of the records finds them…
        const first = search.toLowerCase().split(/[\s,;()]+/u).find(Boolean)!;
        const byPrefix = records.filter((c) => c.sortName.startsWith(first) && searchMatches(c, search)).sort(expectedOrder(sort));
        const want = byPrefix.filter((c) => loaded.has(c.customerGuid)).slice(0, 40);
        expect(guids, `${search} ${direction}`).toEqual(want.map((c) => c.customerGuid));
        expect(preview).toEqual(want.map(toRow));
        // …each of them a row of the full answer, in the same order: the answer only adds rows around them.
        const full = expected({ search, sort, offset: 0, limit: COUNT });
        expect(full.guids.filter((guid) => guids.includes(guid)), search).toEqual(guids);
        shown += guids.length;
        notYet += Math.min(byPrefix.length, 40) - guids.length;
      }
    }
    expect(shown, 'the loaded names give the previews something to show').toBeGreaterThan(20);
    expect(notYet, 'customers not loaded yet are not in the previews').toBeGreaterThan(0);
    // Where the preview cannot help, there is none: no search, a filter, another sort, a later page.
    expect(await previewSearch(db, { search: '' })).toBeNull();
    expect(await previewSearch(db, { search: 'a', filter: 'juridicalType eq 1' })).toBeNull();
    expect(await previewSearch(db, { search: 'a', sort: { column: 'city', direction: 'asc' } })).toBeNull();
    expect(await previewSearch(db, { search: 'a', offset: 100 })).toBeNull();
    // Once the projection is ready the full answer is immediate: no preview either.
    gate.allow(Number.POSITIVE_INFINITY);
    await warmListIndex(db);
    expect(await previewSearch(db, { search: name[0]! })).toBeNull();
    expect(states.at(-1)).toEqual({ ready: true, loaded: COUNT, total: COUNT });
    stop();
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

  it('counts the customers from the kept page or the projection, never by reading every bucket again', async () => {
    // Counting customers in buckets reads them all (CustomerStore.count): the list's total comes
    // from what it reads anyway, the kept page at start-up and the projection after.
    const db = await seededDb();
    let walks = 0;
    /** Counts the full reads of `store`'s count; returns the uncounted one. */
    const counted = (store: FieldbookDb): (() => Promise<number>) => {
      const count = store.customers.count.bind(store.customers);
      store.customers.count = () => {
        walks++;
        return count();
      };
      return count;
    };
    counted(db);
    const states: ListIndexState[] = [];
    const stop = onListIndexState(db, (state) => states.push({ ...state }));
    expect((await queryCustomers(db, { limit: 40 })).total).toBe(COUNT);
    expect(states.at(-1)).toEqual({ ready: true, loaded: COUNT, total: COUNT });
    stop();
    await db.customers.delete(records[5]!.customerGuid);
    expect((await queryCustomers(db, { limit: 40 })).total).toBe(COUNT - 1);
    expect((await queryCustomers(db, { search: 'a', limit: 40 })).total).toBe(expected({ search: 'a', sort: byName, offset: 0, limit: 1 }).total - (searchMatches(records[5]!, 'a') ? 1 : 0));
    await keptHead(db);
    const next = restart(db);
    const count = counted(next);
    expect(await queryCustomers(next, { limit: 40 })).toMatchObject({ via: 'head', total: COUNT - 1 });
    expect(walks, 'full reads of the buckets to count them').toBe(0);
    expect(await count(), 'the store agrees').toBe(COUNT - 1);
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
    // Customers read, counted in the buckets read (a bucket holds every customer of a GUID prefix).
    const customersIn = (found: unknown): number => (found && typeof found === 'object' && 'rows' in found ? Object.keys((found as CustomerBucket).rows).length : 0);
    db.use({
      stack: 'dbcore',
      name: 'count-reads',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'customerBuckets') return table;
          return {
            ...table,
            get: async (req) => {
              const res: unknown = await table.get(req);
              read += customersIn(res);
              return res;
            },
            query: async (req) => {
              const res = await table.query(req);
              for (const found of res.result) read += customersIn(found);
              return res;
            },
            getMany: async (req) => {
              const res = await table.getMany(req);
              for (const found of res) read += customersIn(found);
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
    // As the pull stores a page (sync/customer-store.ts), and a removal in the same transaction.
    await db.transaction('rw', customerStoreTables(db), async () => {
      await storeServerCustomers(db, page.map((c) => ({ ...customerOf(c), fullName: `Paged ${c.customerReference}` })), { fetchedAt: 'now', passId: 2, keyOrdered: true });
      await db.customers.bulkDelete([gone]);
    });
    // What the list index reads to apply it: the buckets the page wrote, no others.
    read = 0;
    const touched = new Set(page.map((c) => bucketOf(c.customerGuid)));
    const inTouched = records.filter((c) => touched.has(bucketOf(c.customerGuid)) && c.customerGuid !== gone).length;
    const paged = await queryCustomers(db, { search: 'paged', limit: 200 });
    expect(paged.via).toBe('memory');
    expect(paged.total).toBe(99);
    expect(paged.rows.map((r) => r.customerGuid)).not.toContain(gone);
    expect((await queryCustomers(db, { sort: { column: 'name', direction: 'asc' } })).total).toBe(COUNT - 1);
    expect(read, 'customers read to apply the page').toBeLessThanOrEqual(inTouched);
    expect(inTouched, 'a page touches a small part of the cache').toBeLessThan(COUNT / 4);
  });

  it('is empty and well-formed for an empty cache, at the first start and the next', async () => {
    const db = newDb();
    expect(await queryCustomers(db)).toEqual({ rows: [], total: 0, via: 'memory' });
    expect(await queryCustomers(db, { search: 'anna', filter: 'juridicalType eq 1' })).toMatchObject({ rows: [], total: 0 });
    expect(await queryCustomers(restart(db))).toEqual({ rows: [], total: 0, via: 'memory' });
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
