import { parseFilter, type FilterNode } from '../../../shared/odata';
import type { FieldbookDb } from '../cache/db';
import { customerFieldTypes, defaultSort, type CustomerRow, type ListSort } from './list-fields';
import { HEAD_ROWS, readListHead } from './list-head';
import { searchWords } from './search-words';

/*
 * THE query behind the customer list: search, filter, sort and one page, over the offline
 * cache only, so it behaves identically with or without a network.
 *
 * Strategy (the list must answer within 50 ms at p95 over 100,000 customers):
 * 1. A compact in-memory projection of every customer's list fields is built once, in steps
 *    (projection.ts, list-index.ts). Once it is there, every query runs in memory: the search
 *    words and the compiled $filter (filter-compile.ts) pick the matching rows, a cached sort
 *    order per sort column (kept up to date row by row on small changes) gives the page, and
 *    the projection's copy of what each row shows fills it: no IndexedDB read at all.
 * 2. Until it is there (a few seconds over 100,000 customers): the plain list sorted by name
 *    shows the first page the last run kept (list-head.ts) if no customer has been written
 *    since; everything else waits for the projection (`needsListIndex` tells the list to say
 *    so). There is deliberately no index over customer fields in IndexedDB: customers are kept
 *    in buckets (cache/customer-buckets.ts), because one record per customer, and worse, index
 *    entries per customer, made every page of every pull cost several times its download.
 *    Meanwhile `previewSearch` answers part of a search from the customers loaded so far:
 *    those whose name begins with the first word, tested as the full search tests them, so
 *    what it shows is always among the full answer that replaces it.
 * Changes to customers (a pull, a local edit, another window) arrive through Dexie's
 * `storagemutated` event: changed buckets are re-read before the next query answers, so a query
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
  /** How the answer was found: the first page kept at the last run (list-head.ts), or the in-memory projection. */
  via: 'head' | 'memory';
}
import { listIndexOf, pageOf } from './list-index';

export { onCustomersChanged, onListIndexState, releaseListIndex, warmListIndex, type ListIndexState } from './list-index';

/**
 * Whether a query must wait for the in-memory projection: everything but the plain list sorted
 * by name (which the kept first page may answer) does. While the projection loads (its
 * progress: onListIndexState) such a query waits, and the list says "Preparing search…".
 */
export function needsListIndex(search: string, filter: FilterNode | null, sort: ListSort = defaultSort): boolean {
  return searchWords(search).length > 0 || filter !== null || sort.column !== 'name' || sort.direction !== 'asc';
}

/**
 * Part of a search's answer at once, while the projection is still loading: among the customers
 * loaded so far, those whose name begins with the search's first word, each tested against
 * every word exactly as the full search tests it, in the list's name order, at most `limit`.
 * Every row is one the full search shows too, in the same relative order; which others the full
 * search adds, only it can say. Null when there is no such cheap answer: no search, a $filter,
 * another sort than by name, a page past the first, or the projection is ready (then
 * queryCustomers answers at once).
 */
export async function previewSearch(db: FieldbookDb, options: ListQueryOptions = {}): Promise<CustomerRow[] | null> {
  const sort = options.sort ?? defaultSort;
  const words = searchWords(options.search ?? '');
  const limit = Math.max(0, Math.floor(options.limit ?? 100));
  const { node: filter } = parsedFilter(options.filter);
  if (!words.length || filter || sort.column !== 'name' || (options.offset ?? 0) > 0 || !limit) return null;
  const index = listIndexOf(db);
  if (index.currentNow()) return null;
  index.warm();
  return index.preview(words, sort.direction === 'desc', limit);
}

function parsedFilter(filter: ListQueryOptions['filter']): { node: FilterNode | null; key: string } {
  if (filter === undefined || filter === null) return { node: null, key: '' };
  if (typeof filter === 'string') return { node: parseFilter(filter, customerFieldTypes), key: filter.trim() };
  return { node: filter, key: JSON.stringify(filter) };
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
    if (!needsListIndex(search, filter, sort) && sort.column === 'name' && sort.direction === 'asc' && offset + limit <= HEAD_ROWS) {
      // The first rows first, as the last run left them; the projection loads behind them.
      index.warm();
      const head = await readListHead(db);
      if (head) return { rows: head.rows.slice(offset, offset + limit), total: head.total, via: 'head' };
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
