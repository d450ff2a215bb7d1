import { Dexie, type IntervalTree, type IntervalTreeNode, type ObservabilitySet } from 'dexie';
import type { FilterNode } from '../../../shared/odata';
import { bucketOf, writeStampKey } from '../cache/customer-buckets';
import type { FieldbookDb } from '../cache/db';
import { compileFilter } from './filter-compile';
import { HEAD_ROWS, saveListHead } from './list-head';
import type { CustomerRow, ListSort } from './list-fields';
import { CustomerProjection, StringColumn } from './projection';
import { initialsTest, matchesWords, needlesOf, searchWords, type SearchWords } from './search-words';

/*
 * The in-memory side of the customer list (list-query.ts says when it is used): one
 * projection of every cached customer's list fields per open cache, its sort orders and the
 * last search's matches, kept current by Dexie's `storagemutated` event. Changed keys are
 * re-read before the next query answers, so a query always sees the writes that completed
 * before it; a change Dexie reports as the whole table reloads the projection.
 */

export interface ListIndexState {
  /** The projection is loaded and current. */
  ready: boolean;
  loaded: number;
  total: number;
}
/** Buckets read per step of the projection's load (about 2,400 customers at 100,000): a step never blocks a frame for long. */
const BUCKETS_PER_STEP = 100;
/** Above this many changed buckets a full reload is cheaper than reading them one by one. */
const MAX_DIRTY_KEYS = 1_000;
/** Sort orders kept per projection (each is 4 bytes a customer). */
const MAX_ORDERS = 4;
/** Quiet time after the last change before the list's first page is kept for the next start (list-head.ts). */
const HEAD_DELAY_MS = 1_500;

type SortOrder = { readonly key: string; order: Uint32Array; length: number };

/** The in-memory side of one cache database. */
class ListIndex {
  projection: CustomerProjection | null = null;
  private loading: Promise<CustomerProjection> | null = null;
  private dirty = new Set<string>();
  private applying: Promise<void> | null = null;
  private reloadNeeded = false;
  private readonly orders = new Map<string, SortOrder>();
  private matchCache: MatchSet | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly stateListeners = new Set<(state: ListIndexState) => void>();
  /** The projection being loaded, readable before it is complete (previewSearch). */
  private building: CustomerProjection | null = null;
  /** The projection's customers by bucket: a changed bucket's customers that are gone from it are removed. */
  private members = new Map<string, Set<string>>();
  state: ListIndexState = { ready: false, loaded: 0, total: 0 };
  private headTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly db: FieldbookDb) {}

  /** The projection, loaded and with every completed write applied. */
  async current(): Promise<CustomerProjection> {
    for (;;) {
      if (this.reloadNeeded && !this.loading) {
        this.reloadNeeded = false;
        this.dirty.clear();
        this.loading = this.load();
      }
      if (this.loading) {
        const loaded = this.loading;
        try {
          const projection = await loaded;
          if (this.loading === loaded) {
            this.loading = null;
            this.building = null;
            this.replace(projection);
          }
        } catch (error) {
          if (this.loading === loaded) {
            this.loading = null;
            this.building = null;
          }
          throw error;
        }
        continue;
      }
      if (!this.projection) {
        this.loading = this.load();
        continue;
      }
      // One apply at a time, and it counts as "not current" until its records are in: the
      // dirty set is emptied when it starts, so a query must not take that for "up to date".
      if (this.dirty.size || this.applying) {
        const projection = this.projection;
        this.applying ??= this.applyDirty(projection).finally(() => (this.applying = null));
        await this.applying;
        continue;
      }
      if (!this.reloadNeeded && !this.loading) return this.projection;
    }
  }

  /** The projection if it is loaded and current, without waiting. */
  currentNow(): CustomerProjection | null {
    return this.projection && !this.reloadNeeded && !this.loading && !this.applying && !this.dirty.size ? this.projection : null;
  }

  /** Starts loading in the background (start-up calls this so the first search finds it ready). */
  warm(): void {
    void this.current().catch(() => {});
  }

  private noteMember(guid: string, present: boolean): void {
    const bucket = bucketOf(guid);
    let members = this.members.get(bucket);
    if (present) {
      if (!members) this.members.set(bucket, (members = new Set()));
      members.add(guid);
    } else {
      members?.delete(guid);
    }
  }

  private replace(projection: CustomerProjection): void {
    this.projection = projection;
    this.members = new Map();
    projection.guids.forEach((guid, row) => {
      if (guid !== null && projection.alive[row]) this.noteMember(guid, true);
    });
    this.orders.clear();
    this.matchCache = null;
    // Paid once here rather than by the first query that needs them: the list's two default
    // orders, and the instants of the date-time columns (a date filter compares instants).
    this.orderFor(projection, { column: 'name', direction: 'asc' });
    this.orderFor(projection, { column: 'city', direction: 'asc' });
    for (const column of projection.columns.values()) if (column instanceof StringColumn && column.datetime) column.instants();
    this.setState({ ready: true, loaded: projection.liveCount, total: projection.liveCount });
    this.keepHead();
  }

  /** Keeps the list's first page for the next start once changes have settled (list-head.ts). */
  private keepHead(): void {
    clearTimeout(this.headTimer);
    this.headTimer = setTimeout(() => {
      this.headTimer = undefined;
      // A cache closed meanwhile (profile switch) has nothing to keep; the next start just waits for the index.
      saveListHead(this.db, () => this.head()).catch(() => undefined);
    }, HEAD_DELAY_MS);
  }

  private head(): { rows: CustomerRow[]; total: number } | null {
    const projection = this.currentNow();
    if (!projection) return null;
    const order = this.orderFor(projection, { column: 'name', direction: 'asc' });
    const rows = pageOf(order, null, false, 0, HEAD_ROWS).map((row) => projection.rows[row]).filter((r): r is CustomerRow => r != null);
    return { rows, total: projection.liveCount };
  }

  /** Stops keeping the first page (the cache is being released). */
  dispose(): void {
    clearTimeout(this.headTimer);
  }

  private async load(): Promise<CustomerProjection> {
    const projection = new CustomerProjection();
    this.building = projection;
    // Progress counts customers; until every bucket is read their number is estimated from
    // the buckets read so far (buckets fill evenly: GUIDs are uniform).
    // Bucket keys sort below the write stamp's key ('~'): count the buckets, not the stamp.
    const buckets = await this.db.customerBuckets.where(':id').below(writeStampKey).count();
    let read = 0;
    let last: string | null = null;
    for (;;) {
      const chunk = await this.db.customers.chunk(last, BUCKETS_PER_STEP);
      for (const record of chunk.customers) projection.upsert(record);
      read += chunk.buckets;
      const done = chunk.buckets < BUCKETS_PER_STEP;
      const estimate = done || read === 0 ? projection.liveCount : Math.round((projection.liveCount / read) * buckets);
      if (!this.projection) this.setState({ ready: false, loaded: projection.liveCount, total: Math.max(estimate, projection.liveCount) });
      if (done) return projection;
      last = chunk.lastKey;
    }
  }

  /**
   * Among the customers loaded so far, those whose name begins with the first search word and
   * that match every word as the full search tests them, in the list's name order, at most
   * `limit` (copies). Empty before the load has read anything.
   */
  preview(words: SearchWords, descending: boolean, limit: number): CustomerRow[] {
    const projection = this.building;
    if (!projection || !words.length) return [];
    const names = projection.string('fullName')?.values ?? [];
    const first = words[0]![0]!;
    const found = searchTest(projection, words);
    const rows: number[] = [];
    for (let row = 0; row < projection.rowCount; row++) {
      if (projection.alive[row] && (names[row] ?? '').startsWith(first) && found(row)) rows.push(row);
    }
    const compare = comparatorFor(projection, { column: 'name', direction: 'asc' });
    rows.sort(descending ? (a, b) => compare(b, a) : compare);
    return rows.slice(0, limit).map((row) => projection.rows[row]).filter((r): r is CustomerRow => r != null).map((r) => ({ ...r }));
  }

  private async applyDirty(projection: CustomerProjection): Promise<void> {
    const buckets = [...this.dirty];
    this.dirty.clear();
    const records = await this.db.customers.inBuckets(buckets);
    if (projection !== this.projection) return;
    // A bucket's customers as they are now; those the projection held from it that it no longer has are gone.
    const byGuid = new Map(records.map((r) => [r.customerGuid, r]));
    const keys = new Set(byGuid.keys());
    for (const bucket of buckets) for (const guid of this.members.get(bucket) ?? []) keys.add(guid);
    const changedRows: number[] = [];
    for (const key of keys) {
      const record = byGuid.get(key);
      if (record) projection.upsert(record);
      else projection.remove(key);
      this.noteMember(key, record !== undefined);
      const row = projection.rowOfKey(key);
      if (row !== undefined) changedRows.push(row);
    }
    this.patchOrders(projection, changedRows);
    this.matchCache = null;
    this.keepHead();
  }

  /** Called from the storagemutated event with the changed keys of the customer buckets table. */
  noteMutation(part: IntervalTree): void {
    if (!this.projection && !this.loading) return; // nothing loaded yet: nothing to correct
    const keys: string[] = [];
    let broad = false;
    const walk = (node: IntervalTreeNode | null | undefined): void => {
      if (!node || broad) return;
      if (typeof node.from === 'string' && node.from === node.to) {
        if (node.from !== writeStampKey) keys.push(node.from);
      } else {
        broad = true;
      }
      walk(node.l);
      walk(node.r);
    };
    if ('from' in part) walk(part);
    if (broad || this.dirty.size + keys.length > MAX_DIRTY_KEYS) {
      this.reloadNeeded = true;
      this.dirty.clear();
    } else {
      for (const key of keys) this.dirty.add(key);
    }
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener: (state: ListIndexState) => void): () => void {
    this.stateListeners.add(listener);
    listener(this.state);
    return () => this.stateListeners.delete(listener);
  }

  private setState(state: ListIndexState): void {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }

  /** The rows of `projection` in ascending order of `sort` (live rows only). */
  orderFor(projection: CustomerProjection, sort: ListSort): SortOrder {
    const key = sort.column;
    let order = this.orders.get(key);
    if (!order) {
      const rows: number[] = [];
      for (let row = 0; row < projection.rowCount; row++) if (projection.alive[row]) rows.push(row);
      rows.sort(comparatorFor(projection, sort));
      order = { key, order: Uint32Array.from(rows), length: rows.length };
      if (this.orders.size >= MAX_ORDERS) this.orders.delete(this.orders.keys().next().value!);
      this.orders.set(key, order);
    }
    return order;
  }

  /** Moves changed rows to their new places in every cached order (cheaper than re-sorting 100,000). */
  private patchOrders(projection: CustomerProjection, rows: readonly number[]): void {
    if (rows.length > 200) {
      this.orders.clear();
      return;
    }
    for (const order of this.orders.values()) {
      const compare = comparatorFor(projection, { column: order.key as ListSort['column'], direction: 'asc' });
      for (const row of rows) {
        const at = order.order.subarray(0, order.length).indexOf(row);
        if (at >= 0) {
          order.order.copyWithin(at, at + 1, order.length);
          order.length--;
        }
        if (!projection.alive[row]) continue;
        let lo = 0;
        let hi = order.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (compare(order.order[mid]!, row) < 0) lo = mid + 1;
          else hi = mid;
        }
        if (order.length === order.order.length) {
          const grown = new Uint32Array(Math.max(16, order.order.length * 2));
          grown.set(order.order);
          order.order = grown;
        }
        order.order.copyWithin(lo + 1, lo, order.length);
        order.order[lo] = row;
        order.length++;
      }
    }
  }

  /**
   * Which rows match (null: all live rows). Cached, so paging through one query costs no
   * re-evaluation; and while the user types on (every word of the last search still begins a
   * word of the new one, the filter unchanged), only the last search's matches are re-tested.
   */
  matches(projection: CustomerProjection, search: string, filter: FilterNode | null, filterKey: string): { matches: Uint8Array | null; total: number } {
    const words = searchWords(search);
    if (!words.length && !filter) return { matches: null, total: projection.liveCount };
    const key = `${JSON.stringify(words)}\u0000${filterKey}`;
    const cached = this.matchCache?.version === projection.version ? this.matchCache : null;
    if (cached && cached.key === key) return cached;
    const narrowing = cached && cached.filterKey === filterKey && narrows(cached.words, words);
    const predicate = narrowing ? null : compileFilter(projection, filter);
    const matches = new Uint8Array(projection.rowCount);
    const rows: number[] = [];
    const found = searchTest(projection, words);
    const test = (row: number): void => {
      if (!found(row)) return;
      if (predicate && !predicate(row)) return;
      matches[row] = 1;
      rows.push(row);
    };
    if (narrowing && cached) for (const row of cached.rows) test(row);
    else for (let row = 0; row < projection.rowCount; row++) if (projection.alive[row]) test(row);
    this.matchCache = { key, filterKey, words, version: projection.version, matches, rows: Uint32Array.from(rows), total: rows.length };
    return this.matchCache;
  }
}

/** Whether a row matches every search word (the full search's test, and the preview's). */
function searchTest(projection: CustomerProjection, words: SearchWords): (row: number) => boolean {
  const needles = needlesOf(words);
  const { search: blobs, initials } = projection;
  // Each word's initial first: a bit test rules most rows out (and answers a one-letter word).
  const { bits, exact } = initialsTest(words);
  return (row) => {
    const mask = initials[row]!;
    for (let i = 0; i < bits.length; i++) if (!(mask & bits[i]!)) return false;
    return !needles.length || exact || matchesWords(blobs[row] ?? '', needles);
  };
}

interface MatchSet {
  key: string;
  filterKey: string;
  words: SearchWords;
  version: number;
  matches: Uint8Array;
  /** The matching rows, ascending: what a narrower search re-tests. */
  rows: Uint32Array;
  total: number;
}

/** True when every match of `next` is a match of `previous`: each earlier word begins a word typed now. */
function narrows(previous: SearchWords, next: SearchWords): boolean {
  return previous.every((old) => next.some((word) => word[0]!.startsWith(old[0]!)));
}

/**
 * The list's order (the first page kept for the next start, list-head.ts, is taken from it too):
 * lower-cased text by UTF-16 code units (as IndexedDB orders strings),
 * empty values first, then the primary key. Descending is the exact reverse.
 */
function comparatorFor(p: CustomerProjection, sort: ListSort): (a: number, b: number) => number {
  const guids = p.guids;
  const byGuid = (a: number, b: number): number => {
    const ga = guids[a] ?? '';
    const gb = guids[b] ?? '';
    return ga < gb ? -1 : ga > gb ? 1 : 0;
  };
  const text = (values: readonly (string | null)[], nullAsEmpty: boolean) => (a: number, b: number): number => {
    const va = values[a] ?? (nullAsEmpty ? '' : null);
    const vb = values[b] ?? (nullAsEmpty ? '' : null);
    if (va === vb) return 0;
    if (va === null) return -1;
    if (vb === null) return 1;
    return va < vb ? -1 : 1;
  };
  const column = (name: string): readonly (string | null)[] => p.string(name)?.values ?? [];
  const chain = (...parts: ((a: number, b: number) => number)[]) => (a: number, b: number): number => {
    for (const part of parts) {
      const c = part(a, b);
      if (c !== 0) return c;
    }
    return 0;
  };
  const name = text(column('fullName'), true);
  switch (sort.column) {
    case 'name': return chain(name, byGuid);
    case 'city': return chain(text(p.city.values, true), name, byGuid);
    case 'reference': return chain(text(column('customerReference'), false), byGuid);
    case 'idNumber': return chain(text(column('idNumber'), false), byGuid);
    case 'email': return chain(text(column('email'), false), byGuid);
    case 'registered': {
      const reg = p.string('regDate') ?? new StringColumn(true);
      const instants = reg.instants();
      const values = reg.values;
      // As compareForSort: no date first, then by instant, then text that is not a date-time.
      const rank = (row: number): number => (values[row] == null ? 0 : Number.isNaN(instants[row]) ? 2 : 1);
      const byDate = (a: number, b: number): number => {
        const ra = rank(a);
        const rb = rank(b);
        if (ra !== rb) return ra - rb;
        if (ra === 1) return Math.sign(instants[a]! - instants[b]!);
        return ra === 2 ? text(values, false)(a, b) : 0;
      };
      return chain(byDate, byGuid);
    }
  }
}

/** Rows `offset … offset+limit` of the matches in `order` (reversed for a descending sort). */
export function pageOf(order: SortOrder, matches: Uint8Array | null, descending: boolean, offset: number, limit: number): number[] {
  const rows: number[] = [];
  const n = order.length;
  const at = (i: number): number => order.order[descending ? n - 1 - i : i]!;
  if (!matches) {
    for (let i = offset; i < Math.min(n, offset + limit); i++) rows.push(at(i));
    return rows;
  }
  let seen = 0;
  for (let i = 0; i < n && rows.length < limit; i++) {
    const row = at(i);
    if (!matches[row]) continue;
    if (seen++ >= offset) rows.push(row);
  }
  return rows;
}

// --- One ListIndex per open cache, fed by Dexie's storagemutated event (this window's writes and other windows'). ---

const indexes = new Map<FieldbookDb, ListIndex>();

function onStorageMutated(parts: ObservabilitySet): void {
  for (const [db, index] of indexes) {
    // Dexie's key for the primary keys of a table: idb://<database>/<table>/ (an empty index name).
    const part = parts[`idb://${db.name}/${db.customerBuckets.name}/`];
    if (part) index.noteMutation(part);
  }
}

export function listIndexOf(db: FieldbookDb): ListIndex {
  let index = indexes.get(db);
  if (!index) {
    if (indexes.size === 0) Dexie.on('storagemutated', onStorageMutated);
    index = new ListIndex(db);
    indexes.set(db, index);
  }
  return index;
}

/** Starts building the in-memory projection now, so the first search or filter finds it ready. */
export function warmListIndex(db: FieldbookDb): Promise<void> {
  return listIndexOf(db).current().then(() => undefined);
}

/** Forgets the projection of `db` (on a profile switch), freeing its memory. */
export function releaseListIndex(db: FieldbookDb): void {
  indexes.get(db)?.dispose();
  indexes.delete(db);
  if (indexes.size === 0) Dexie.on.storagemutated.unsubscribe(onStorageMutated);
}

/** Calls `listener` after every change to the cached customers (throttle your re-query). */
export function onCustomersChanged(db: FieldbookDb, listener: () => void): () => void {
  return listIndexOf(db).onChange(listener);
}

/** Progress of the projection's load, for "Preparing search…" while it runs. */
export function onListIndexState(db: FieldbookDb, listener: (state: ListIndexState) => void): () => void {
  return listIndexOf(db).onState(listener);
}
