import type { FieldbookDb } from '../cache/db';
import type { CustomerRow } from './list-fields';

/*
 * The list's first page at start-up. Customers live in buckets by GUID (cache/customer-buckets.ts),
 * so nothing in IndexedDB is ordered by name: the first page sorted by name is known only once
 * every customer has been read into the in-memory list index, seconds at 100,000. So the index,
 * whenever it is current, keeps that page (and the number of customers) in `meta`, with the
 * customers' write stamp it reflects; the next start shows it at once if no customer has been
 * written since (same stamp), and otherwise waits for the index. The index's full answer
 * replaces it as soon as it has loaded; it is the same page.
 */

const key = 'list.head';
/** Rows kept: one page of the list. */
export const HEAD_ROWS = 100;
/** Bump when CustomerRow or the list's name order changes: a head kept by another version is not shown. */
const format = 1;

interface ListHead {
  format: number;
  stamp: string;
  total: number;
  /** The first rows sorted by name, ascending. */
  rows: CustomerRow[];
}

/**
 * Keeps the first page, if the index is still current when the stamp is read: `head` (null when
 * the index is not current) is asked inside the transaction that reads the stamp, in which no
 * customer can be written.
 */
export async function saveListHead(db: FieldbookDb, head: () => { rows: CustomerRow[]; total: number } | null): Promise<void> {
  await db.transaction('rw', [db.meta, db.customerBuckets], async () => {
    const stamp = await db.customers.writeStamp();
    const current = head();
    if (stamp === null || !current) return;
    const value: ListHead = { format, stamp, total: current.total, rows: current.rows.slice(0, HEAD_ROWS) };
    await db.meta.put({ key, value });
  });
}

/** The kept first page if no customer has been written since it was kept; null otherwise. */
export async function readListHead(db: FieldbookDb): Promise<{ rows: CustomerRow[]; total: number } | null> {
  return db.transaction('r', [db.meta, db.customerBuckets], async () => {
    const [kept, stamp] = await Promise.all([db.meta.get(key), db.customers.writeStamp()]);
    const head = kept?.value as ListHead | undefined;
    if (!head || head.format !== format || stamp === null || head.stamp !== stamp) return null;
    return { rows: head.rows, total: head.total };
  });
}
