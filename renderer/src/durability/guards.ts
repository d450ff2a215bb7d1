import type { JournalEntry } from '../../../shared/ipc';
import { databaseName, type FieldbookDb } from '../cache/db';
import type { QueuedEntry } from '../outbox/queue';
import { toJournalEntry } from './entry';
import { DurabilityError, textOf } from './messages';
import { mirrorOf } from './mirror';
import { fitsOneCall, journalPort, type JournalBridge } from './port';

/*
 * Destructive actions, guarded at the data level (the UI's dialogs sit on top): clearing the
 * cache while changes are unsynced throws UnsyncedChangesError until the caller passes
 * `confirmUnsynced` (after offering exportPendingChanges). The bridge guards profiles.remove and
 * credentials.clear (signing out) the same way, with a failure of kind 'unsynced-changes'.
 */

export class UnsyncedChangesError extends DurabilityError {
  override readonly name = 'UnsyncedChangesError';
  readonly kind = 'unsynced-changes';
  constructor(readonly count: number) {
    super(textOf('durability.unsynced', { count }));
  }
}

const prefix = databaseName('');

/** The profile a cache belongs to (its name is `fieldbook-<profileId>`). */
export function profileIdOf(db: FieldbookDb): string {
  if (!db.name.startsWith(prefix)) throw new Error(`${db.name} is not a Fieldbook profile's cache`);
  return db.name.slice(prefix.length);
}

/**
 * The unsynced changes: every outbox entry (pending, being sent, in conflict or refused), plus
 * any the journal still holds that the outbox does not (when a journal is mirrored).
 */
export async function unsyncedCount(db: FieldbookDb): Promise<number> {
  const seqs = new Set((await db.outbox.toCollection().primaryKeys()) as number[]);
  const mirror = mirrorOf(db);
  if (mirror) {
    await mirror.flush().catch(() => undefined);
    const journal = await mirror.port.read().catch(() => null);
    for (const entry of journal?.entries ?? []) seqs.add(entry.seq);
  }
  return seqs.size;
}

/**
 * Empties the cache (every table). With unsynced changes this needs `confirmUnsynced: true`;
 * the journal is then cleared FIRST, so that a crash halfway leaves the changes in the outbox
 * (the next start writes them to the journal again) rather than brings back changes the user
 * agreed to lose. Returns how many unsynced changes were discarded.
 */
export async function clearCache(db: FieldbookDb, options: { confirmUnsynced?: boolean } = {}): Promise<{ discarded: number }> {
  const count = await unsyncedCount(db);
  if (count > 0 && options.confirmUnsynced !== true) throw new UnsyncedChangesError(count);
  const mirror = mirrorOf(db);
  if (mirror && count > 0) await mirror.port.clear();
  await db.transaction('rw', db.tables, async (transaction) => {
    mirror?.markRemovals(transaction, 'cleared');
    await Promise.all(db.tables.map((table) => table.clear()));
  });
  await mirror?.flush().catch(() => undefined);
  return { discarded: count };
}

export type ExportOutcome =
  | { kind: 'saved'; path: string; count: number }
  /** The user closed the save dialog: nothing was written. */
  | { kind: 'cancelled' }
  /** There was nothing to export. */
  | { kind: 'nothing' };

/**
 * Writes the pending changes to a file the user chooses (main shows the save dialog) as
 * readable JSON. The outbox's entries are sent as they are when they fit one call; otherwise
 * the journal, brought level with the outbox first, is exported. Throws a JournalError when
 * main cannot do it, a DurabilityError (its `text` for the user) when it cannot be done now.
 */
export async function exportPendingChanges(db: FieldbookDb, bridge: JournalBridge): Promise<ExportOutcome> {
  const profileId = profileIdOf(db);
  const entries: JournalEntry[] = ((await db.outbox.orderBy('seq').toArray()) as QueuedEntry[]).map(toJournalEntry);
  const mirror = mirrorOf(db);
  const flushed = mirror ? await mirror.flush().then(() => true, () => false) : false;
  const port = journalPort(bridge, profileId);
  let result: { path: string | null; count: number };
  if (entries.length && fitsOneCall(entries)) {
    result = await port.export(entries);
  } else if (entries.length === 0 || flushed) {
    if (entries.length === 0 && (await port.read()).entries.length === 0) return { kind: 'nothing' };
    result = await port.export();
  } else {
    throw new DurabilityError(textOf('durability.exportTooMany'));
  }
  return result.path === null ? { kind: 'cancelled' } : { kind: 'saved', path: result.path, count: result.count };
}

/** The journal's pending changes, for a profile whose database cannot be opened. */
export async function exportJournal(bridge: JournalBridge, profileId: string): Promise<ExportOutcome> {
  const port = journalPort(bridge, profileId);
  if ((await port.read()).entries.length === 0) return { kind: 'nothing' };
  const result = await port.export();
  return result.path === null ? { kind: 'cancelled' } : { kind: 'saved', path: result.path, count: result.count };
}
