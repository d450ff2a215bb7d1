import { liveQuery } from 'dexie';
import type { FieldbookDb } from '../cache/db';
import type { ConflictRecord, EntityKind, OutboxEntry } from '../cache/records';
import { derivedFullName } from '../../../shared/api/schemas';

/*
 * What the Pending changes page shows, read in one go from the outbox, the conflicts and the
 * records they touch, and read again (Dexie's liveQuery) whenever any of those tables change:
 * in this window, by a sync, or in another window. The page never holds a copy that can go
 * stale while the user decides what to do with it.
 */

export interface PendingSnapshot {
  /** Every outbox entry, in global (seq) order. */
  entries: OutboxEntry[];
  /** Open conflicts by the seq of their entry. */
  conflicts: Map<number, ConflictRecord>;
  /** Customer names by lower-cased GUID. */
  names: Map<string, string>;
  /** Customers created on this computer and not yet on the server, by lower-cased GUID. */
  localOnly: Set<string>;
  /** Short labels of child records by entity key. */
  recordLabels: Map<string, string>;
}

type Row = Record<string, unknown>;

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** A customer's name: the working copy's, else the server's last (a deleted one), else the queued create's. */
function nameOf(record: Row | undefined): string {
  if (!record) return '';
  return str(record['fullName']) || derivedFullName(record as { firstname?: string | null; lastname?: string | null });
}

/** The label of a child record as the detail tabs would call it. */
function labelOf(entity: EntityKind, record: Row): string {
  switch (entity) {
    case 'address': {
      const street = [str(record['street']), str(record['houseNo'])].filter(Boolean).join(' ');
      return [street, str(record['city'])].filter(Boolean).join(', ') || str(record['fullAddress']);
    }
    case 'mandate':
      return str(record['referenceNo']);
    case 'creditInsurance':
      return str(record['insuranceCompanyName']) || str(record['insuranceCompanyReferenceCode']);
    case 'question':
      return str(record['message']) || str(record['actionItemCode']);
    default:
      return '';
  }
}

async function childRecord(db: FieldbookDb, entry: OutboxEntry): Promise<Row | undefined> {
  const key = `${entry.customerGuid}/${entry.id}`;
  const base = (await db.bases.get([entry.entity, key]))?.record;
  switch (entry.entity) {
    case 'address':
      return ((await db.addresses.get(entry.id)) as Row | undefined) ?? base;
    case 'mandate':
      return ((await db.mandates.get(entry.id)) as Row | undefined) ?? base;
    case 'creditInsurance':
      return ((await db.creditInsurances.get(entry.id)) as Row | undefined) ?? base;
    case 'question':
      return ((await db.questions.get(entry.id)) as Row | undefined) ?? base;
    default:
      return undefined;
  }
}

export async function readPending(db: FieldbookDb): Promise<PendingSnapshot> {
  return db.transaction('r', [db.outbox, db.conflicts, db.customerBuckets, db.bases, db.addresses, db.mandates, db.creditInsurances, db.questions], async () => {
    const [entries, conflictRows] = await Promise.all([db.outbox.orderBy('seq').toArray(), db.conflicts.toArray()]);
    const conflicts = new Map(conflictRows.map((c) => [c.outboxSeq, c]));
    const guids = [...new Set(entries.map((e) => e.customerGuid))];
    const customers = await db.customers.bulkGet(guids);
    const names = new Map<string, string>();
    const localOnly = new Set<string>();
    for (const [i, guid] of guids.entries()) {
      const customer = customers[i];
      if (customer?.localOnly) localOnly.add(guid.toLowerCase());
      let name = nameOf(customer as Row | undefined);
      if (!name) name = nameOf((await db.bases.get(['customer', guid]))?.record);
      if (!name) {
        const create = entries.find((e) => e.entity === 'customer' && e.op === 'create' && e.customerGuid === guid);
        name = nameOf(create?.body && !Array.isArray(create.body) ? create.body : undefined);
      }
      if (name) names.set(guid.toLowerCase(), name);
    }
    const recordLabels = new Map<string, string>();
    for (const entry of entries) {
      if (entry.entity === 'customer' || recordLabels.has(entry.entityKey) || entry.op === 'create') continue;
      const record = await childRecord(db, entry);
      const label = record ? labelOf(entry.entity, record) : '';
      if (label) recordLabels.set(entry.entityKey, label);
    }
    return { entries, conflicts, names, localOnly, recordLabels };
  });
}

/** Calls `listener` now and after every change; returns the function that stops. */
export function watchPending(db: FieldbookDb, listener: (snapshot: PendingSnapshot) => void, onError: (error: unknown) => void): () => void {
  const subscription = liveQuery(() => readPending(db)).subscribe({ next: listener, error: onError });
  return () => subscription.unsubscribe();
}

export interface ConflictSnapshot {
  conflict: ConflictRecord;
  /** The queued change in conflict (null if it went meanwhile). */
  entry: OutboxEntry | null;
  names: Map<string, string>;
  recordLabels: Map<string, string>;
}

/** One conflict and what it needs in words; null once it is settled (or never existed). */
export function watchConflict(db: FieldbookDb, id: number, listener: (snapshot: ConflictSnapshot | null) => void, onError: (error: unknown) => void): () => void {
  const subscription = liveQuery(async (): Promise<ConflictSnapshot | null> => {
    const conflict = await db.conflicts.get(id);
    if (!conflict) return null;
    const pending = await readPending(db);
    const entry = pending.entries.find((e) => e.seq === conflict.outboxSeq) ?? null;
    return { conflict, entry, names: pending.names, recordLabels: pending.recordLabels };
  }).subscribe({ next: listener, error: onError });
  return () => subscription.unsubscribe();
}
