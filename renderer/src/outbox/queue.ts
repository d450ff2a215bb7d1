import type { FieldbookDb } from '../cache/db';
import type { EntityKind, OutboxEntry, OutboxOp } from '../cache/records';
import type { Row } from './entities';
import { entityKeyOf } from './keys';

/*
 * Adding and removing outbox entries. An entry in state `sending` may be on the wire: it is
 * never changed or removed here, only by push once its outcome is known.
 */

/**
 * What the outbox keeps on an entry beyond records.ts's OutboxEntry (IndexedDB stores any
 * property; the table's indexes are unchanged):
 * - `baseValues`: for an update, the value each patched field had in the working copy just
 *   before the user first changed it: what the user saw and meant to replace. It is the base
 *   of the three-way merge, so a pull refreshing `bases` meanwhile cannot hide a remote change.
 * - `knownIds`: for a create of a GUID-keyed child, the server GUIDs we knew when it left
 *   (reconcile looks for one it did not know).
 */
export type QueuedEntry = OutboxEntry & { baseValues?: Row; knownIds?: string[] };

export const baseValuesOf = (entry: OutboxEntry): Row | undefined => (entry as QueuedEntry).baseValues;

/** The merge base of an update: its own base values, over the stored base for anything older. */
export function mergeBaseOf(entry: OutboxEntry, stored: Row | undefined): Row | null {
  const own = baseValuesOf(entry);
  if (!own && !stored) return null;
  return { ...stored, ...own };
}

/** Entries a local write may still change: not on the wire, not waiting for the user. */
export const isModifiable = (entry: OutboxEntry): boolean => entry.state === 'pending' || entry.state === 'waiting';

export async function appendEntry(
  db: FieldbookDb,
  entity: EntityKind,
  op: OutboxOp,
  customerGuid: string,
  id: string,
  body: Row | null,
  baseValues?: Row,
): Promise<number> {
  const now = new Date().toISOString();
  const entry: QueuedEntry = {
    entity, op, customerGuid, id, entityKey: entityKeyOf(entity, customerGuid, id), body,
    state: 'pending', attempts: 0, notBefore: 0, lastFailure: null, createdAt: now, updatedAt: now,
  };
  if (baseValues) entry.baseValues = baseValues;
  const seq = await db.outbox.add(entry);
  return seq as number;
}

/** Removes entries with their conflict records. Refuses an entry that is on the wire. */
export async function removeEntries(db: FieldbookDb, entries: readonly OutboxEntry[]): Promise<void> {
  for (const entry of entries) {
    if (entry.state === 'sending') throw new Error(`Outbox entry ${entry.seq} is being sent and cannot be removed`);
    const seq = entry.seq as number;
    await db.conflicts.where('outboxSeq').equals(seq).delete();
    await db.outbox.delete(seq);
  }
}

export const touched = <E extends OutboxEntry>(entry: E, changes: Partial<QueuedEntry>): E => ({
  ...entry,
  ...changes,
  updatedAt: new Date().toISOString(),
});
