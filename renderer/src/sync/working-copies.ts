import type { FieldbookDb } from '../cache/db';
import type { EntityKind, OutboxEntry } from '../cache/records';
import { entityKeyOf } from '../outbox/keys';
import { writeTables } from '../outbox/tables';
import { rebuild } from '../outbox/working-copy';

/*
 * The sync side's one door into the outbox's working-copy rule (base + queued entries,
 * replayed in order: outbox/working-copy.ts). The pull and the detail download store new bases;
 * a record with nothing queued then simply IS its base, and one with queued entries is
 * rebuilt by the same code every local write uses, so pulled data never overwrites a field
 * the user changed and has not yet sent.
 */

/** Every table a rebuild may touch: a transaction that stores bases and rebuilds takes them all. */
export const workingCopyTables = writeTables;

/** The entity keys (lower-cased) that have queued entries, for quick "is anything queued?" checks. */
export function queuedKeys(entries: readonly OutboxEntry[]): Set<string> {
  return new Set(entries.map((e) => e.entityKey.toLowerCase()));
}

export function hasQueued(keys: ReadonlySet<string>, entity: EntityKind, customerGuid: string, ids: readonly (string | null)[]): boolean {
  return ids.some((id) => id !== null && keys.has(entityKeyOf(entity, customerGuid, id).toLowerCase()));
}

/** Rebuilds one record's working copy from its base and its queued entries. Run in a transaction over workingCopyTables. */
export function rebuildWorkingCopy(db: FieldbookDb, entity: EntityKind, customerGuid: string, id: string): Promise<void> {
  return rebuild(db, entity, customerGuid, id);
}
