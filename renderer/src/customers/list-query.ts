import { parseFilter, type FilterNode } from '../../../shared/odata';
import type { FieldbookDb } from '../cache/db';
import type { CachedCustomer } from '../cache/records';
import { customerFieldTypes, defaultSort, toRow, type CustomerRow, type ListSort } from './list-fields';
import { searchBlobOf } from './projection';
import { initialsOf, initialsTest, matchesWords, needlesOf, searchWords } from './search-words';

/*
 * THE query behind the customer list: search, filter, sort and one page, over the offline
 * cache only, so it behaves identically with or without a network.
 *
 * Strategy (the list must answer within 50 ms at p95 over 100,000 customers):
 * 1. At start-up the plain list (no search, no filter, sorted by name or by city then name)
 *    reads straight from the Dexie indexes `sortName` and `[sortCity+sortName]` with
 *    offset/limit: the first rows show before anything else is loaded.
 * 2. Meanwhile a compact in-memory projection of every customer's list fields is built once,
 *    in chunks (projection.ts). Once it is there, every query runs in memory: the search
 *    words and the compiled $filter (filter-compile.ts) pick the matching rows, a cached sort
 *    order per sort column (kept up to date row by row on small changes) gives the page, and
 *    the projection's copy of what each row shows fills it: no IndexedDB read at all.
 * 3. A search or a $filter before the projection is ready waits for it (it loads in a few
 *    seconds over 100,000 customers, right after the first rows; `needsListIndex` tells the
 *    list to say so). There is deliberately no search index in IndexedDB: a multi-entry index of
 *    every customer's search terms made every write of a customer (every page of every pull)
 *    twice as expensive, to serve only searches typed in those first seconds (cache/db.ts,
 *    version 2). Meanwhile `previewSearch` answers part of a search at once from the `sortName`
 *    index: the customers whose name begins with the first word, tested as the full search
 *    tests them, so what it shows is always among the full answer that replaces it.
 * Changes to the customers table (a pull, a local edit, another window) arrive through Dexie's
 * `storagemutated` event: changed keys are re-read before the next query answers, so a query
 * always sees the writes that completed before it; a bulk change reloads the projection.
 */

export interface ListQueryOptions {
  /** Search box text: every word must prefix a word of the name, references, ID number, e-mail, phones or city. */
  search?: string;
  /** A $filter in the API's language (text, or an AST from the filter builder). Text that does not parse throws ODataError. */
  filter?: string | FilterNode | null;
  sort?: ListSort;
  offset?: number;
  limit?: number;
}

export interface ListQueryResult {
  rows: CustomerRow[];
  /** Every customer matching the search and the filter. */
  total: number;
  /** How the answer was found: Dexie's indexes, or the in-memory projection. */
  via: 'index' | 'memory';
}
import { listIndexOf, pageOf } from './list-index';

export { onCustomersChanged, onListIndexState, releaseListIndex, warmListIndex, type ListIndexState } from './list-index';

/**
 * Whether a query must wait for the in-memory projection: everything but the plain list sorted
 * by name or by city (which the indexes answer) does. While the projection loads (its progress:
 * onListIndexState) such a query waits, and the list says "Preparing search…".
 */
export function needsListIndex(search: string, filter: FilterNode | null, sort: ListSort = defaultSort): boolean {
  return searchWords(search).length > 0 || filter !== null || (sort.column !== 'name' && sort.column !== 'city');
}

/** Records of the name range a preview reads at most (it keeps those that match every word). */
const PREVIEW_READ = 500;

/**
 * Part of a search's answer at once, while the projection is still loading: the customers whose
 * name begins with the search's first word, read from the `sortName` index in the list's name
 * order, each tested against every word exactly as the full search tests it (the projection's
 * initials and terms), at most `limit`. Every row is one the full search shows too, in the
 * same relative order; which others the full search adds, only it can say. Null when there is
 * no such cheap answer: no search, a $filter, another sort than by name, a page past the first,
 * or the projection is ready (then queryCustomers answers at once).
 */
export async function previewSearch(db: FieldbookDb, options: ListQueryOptions = {}): Promise<CustomerRow[] | null> {
  const sort = options.sort ?? defaultSort;
  const words = searchWords(options.search ?? '');
  const limit = Math.max(0, Math.floor(options.limit ?? 100));
  const { node: filter } = parsedFilter(options.filter);
  if (!words.length || filter || sort.column !== 'name' || (options.offset ?? 0) > 0 || !limit) return null;
  if (listIndexOf(db).currentNow()) return null;
  let range = db.customers.where('sortName').startsWith(words[0]![0]!);
  if (sort.direction === 'desc') range = range.reverse();
  const records = await range.limit(PREVIEW_READ).toArray();
  const needles = needlesOf(words);
  const { bits, exact } = initialsTest(words);
  const matches = (record: CachedCustomer): boolean => {
    const mask = initialsOf(record.searchTerms);
    for (let i = 0; i < bits.length; i++) if (!(mask & bits[i]!)) return false;
    return exact || matchesWords(searchBlobOf(record.searchTerms), needles);
  };
  return records.filter(matches).slice(0, limit).map(toRow);
}

function parsedFilter(filter: ListQueryOptions['filter']): { node: FilterNode | null; key: string } {
  if (filter === undefined || filter === null) return { node: null, key: '' };
  if (typeof filter === 'string') return { node: parseFilter(filter, customerFieldTypes), key: filter.trim() };
  return { node: filter, key: JSON.stringify(filter) };
}

async function rowsOf(db: FieldbookDb, guids: string[]): Promise<CustomerRow[]> {
  const records = await db.customers.bulkGet(guids);
  return records.filter((r): r is CachedCustomer => r !== undefined).map(toRow);
}

/** The plain list straight from an index, before the projection is ready. */
async function fromIndex(db: FieldbookDb, sort: ListSort, offset: number, limit: number): Promise<ListQueryResult> {
  const index = sort.column === 'city' ? '[sortCity+sortName]' : 'sortName';
  let collection = db.customers.orderBy(index);
  if (sort.direction === 'desc') collection = collection.reverse();
  // Keys first: skipping `offset` entries of a key cursor does not read the records skipped.
  const [keys, total] = await Promise.all([collection.offset(offset).limit(limit).primaryKeys(), listIndexOf(db).count()]);
  return { rows: await rowsOf(db, keys), total, via: 'index' };
}

/**
 * One page of the customer list. Throws ODataError when `filter` is text that does not parse
 * (its `token` and `position` say where).
 */
export async function queryCustomers(db: FieldbookDb, options: ListQueryOptions = {}): Promise<ListQueryResult> {
  const sort = options.sort ?? defaultSort;
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = Math.max(0, Math.floor(options.limit ?? 100));
  const search = options.search ?? '';
  const { node: filter, key: filterKey } = parsedFilter(options.filter);
  const index = listIndexOf(db);

  let projection = index.currentNow();
  if (!projection) {
    if (!needsListIndex(search, filter, sort)) {
      // The first rows first; the projection loads behind them.
      const result = await fromIndex(db, sort, offset, limit);
      index.warm();
      return result;
    }
    projection = await index.current();
  }

  const { matches, total } = index.matches(projection, search, filter, filterKey);
  const order = index.orderFor(projection, sort);
  const rows = pageOf(order, matches, sort.direction === 'desc', offset, limit);
  // Copies: the caller owns its rows, the projection's stay as they are.
  const shown = rows.map((row) => projection.rows[row]).filter((r): r is CustomerRow => r != null).map((r) => ({ ...r }));
  return { rows: shown, total, via: 'memory' };
}
