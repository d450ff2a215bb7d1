import { liveQuery } from 'dexie';
import type { FieldbookDb } from '../cache/db';

/*
 * The list's badges come from three small tables (the briefcase, the outbox, conflicts), read
 * whole into Sets of lower-cased customer GUIDs and kept current by liveQuery, so a row looks
 * its badges up in a Set: nothing is read per row, and a badge cannot drift from its table.
 */

export interface CustomerBadges {
  /** Kept offline on purpose (the briefcase's "keep offline", not merely recently opened). */
  keptOffline: ReadonlySet<string>;
  /** Has queued changes not yet sent (any outbox state but conflict and attention). */
  pending: ReadonlySet<string>;
  /** Has an open conflict. */
  conflict: ReadonlySet<string>;
  /** Has a change the server refused; the user must look at it. */
  attention: ReadonlySet<string>;
}

export const noBadges: CustomerBadges = { keptOffline: new Set(), pending: new Set(), conflict: new Set(), attention: new Set() };

export async function readBadges(db: FieldbookDb): Promise<CustomerBadges> {
  const [briefcase, outbox, conflicts] = await Promise.all([db.briefcase.toArray(), db.outbox.toArray(), db.conflicts.toArray()]);
  const keptOffline = new Set<string>();
  for (const entry of briefcase) if (entry.keptOffline) keptOffline.add(entry.customerGuid.toLowerCase());
  const pending = new Set<string>();
  const attention = new Set<string>();
  const conflict = new Set<string>();
  for (const entry of outbox) {
    const guid = entry.customerGuid.toLowerCase();
    if (entry.state === 'attention') attention.add(guid);
    else if (entry.state === 'conflict') conflict.add(guid);
    else pending.add(guid);
  }
  for (const record of conflicts) conflict.add(record.customerGuid.toLowerCase());
  return { keptOffline, pending, conflict, attention };
}

/** Calls `listener` with the current badges, and again whenever one of the three tables changes. */
export function watchBadges(db: FieldbookDb, listener: (badges: CustomerBadges) => void, onError?: (error: unknown) => void): () => void {
  const subscription = liveQuery(() => readBadges(db)).subscribe({
    next: listener,
    error: (error: unknown) => onError?.(error),
  });
  return () => subscription.unsubscribe();
}

/** The badges of one customer, in the order a row shows them. */
export function badgesOf(badges: CustomerBadges, customerGuid: string): ('conflict' | 'attention' | 'pending' | 'keptOffline')[] {
  const guid = customerGuid.toLowerCase();
  const out: ('conflict' | 'attention' | 'pending' | 'keptOffline')[] = [];
  if (badges.conflict.has(guid)) out.push('conflict');
  if (badges.attention.has(guid)) out.push('attention');
  if (badges.pending.has(guid)) out.push('pending');
  if (badges.keptOffline.has(guid)) out.push('keptOffline');
  return out;
}
