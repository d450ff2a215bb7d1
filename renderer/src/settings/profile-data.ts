import type { BridgeClient } from '../../../shared/ipc';
import { databaseName, type FieldbookDb } from '../cache/db';
import {
  exportJournal, exportPendingChanges, journalPort, mirrorOf, salvageOutbox, toJournalEntry, unsyncedCount, type ExportOutcome,
} from '../durability';
import { fitsOneCall } from '../durability/port';
import type { QueuedEntry } from '../outbox/queue';

/*
 * A connection profile's data in this window's browser storage: its offline database
 * (`fieldbook-<id>`: the customers kept offline, and the outbox of what the user typed that
 * has not reached the server). Deleting a profile deletes that database too, and first counts
 * what it would lose, so the user can export it or keep the profile.
 *
 * The profile in use has its database open here (with the outbox mirrored into main's journal);
 * any other is read without opening it as a Dexie database, so counting never creates, upgrades
 * or changes it. Its changes are the union of its outbox and its journal (either may be ahead
 * of the other after a crash), as `unsyncedCount` counts the open one.
 */

export interface ProfileDataContext {
  readonly bridge: BridgeClient;
  /** The database of the profile in use, open in this window. */
  readonly db: FieldbookDb;
  readonly activeProfileId: string;
  /** Stops the sync engine of the profile in use (before its database is deleted). */
  readonly stopSync: () => Promise<void>;
  /** Default: the window's indexedDB. */
  readonly indexedDB?: IDBFactory;
  /** How long a deletion may wait for another connection to let go of the database. */
  readonly timeoutMs?: number;
}

/** What deleting the profile's data would lose: a number of unsynced changes, or null when its outbox cannot be read. */
export type UnsyncedCount = number | null;

const factoryOf = (context: ProfileDataContext): IDBFactory => context.indexedDB ?? globalThis.indexedDB;

/** The profile's unsynced changes (outbox ∪ journal); null when its outbox exists but cannot be read (then nobody knows). */
export async function unsyncedChangesOf(profileId: string, context: ProfileDataContext): Promise<UnsyncedCount> {
  if (profileId === context.activeProfileId) return unsyncedCount(context.db);
  const seqs = new Set<number>();
  const outbox = await salvageOutbox(databaseName(profileId), factoryOf(context));
  for (const entry of outbox ?? []) if (typeof entry.seq === 'number') seqs.add(entry.seq);
  // Main guards profiles.remove with the journal's count as well, so a journal that cannot be read here is not a loss.
  const journal = await journalPort(context.bridge, profileId).read().catch(() => null);
  for (const entry of journal?.entries ?? []) seqs.add(entry.seq);
  return outbox === null ? null : seqs.size;
}

/**
 * "Export pending changes" for a profile about to be deleted (main shows the save dialog). The
 * profile in use: its outbox, as the Pending changes page exports it. Another profile: its
 * outbox read as it is on disk when it fits one export, else its journal. Once the database is
 * gone (`databaseDeleted`), what the journal holds.
 */
export async function exportChangesOf(profileId: string, context: ProfileDataContext, databaseDeleted = false): Promise<ExportOutcome> {
  if (databaseDeleted) return exportJournal(context.bridge, profileId);
  if (profileId === context.activeProfileId) return exportPendingChanges(context.db, context.bridge);
  const outbox = (await salvageOutbox(databaseName(profileId), factoryOf(context))) ?? [];
  const entries = [...outbox].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0)).map((entry: QueuedEntry) => toJournalEntry(entry));
  if (entries.length === 0 || !fitsOneCall(entries)) return exportJournal(context.bridge, profileId);
  const result = await journalPort(context.bridge, profileId).export(entries);
  return result.path === null ? { kind: 'cancelled' } : { kind: 'saved', path: result.path, count: result.count };
}

/**
 * Deletes the profile's offline database. The profile in use: its sync stops, its last changes
 * reach the journal, and its open database is closed and deleted (the window must then start
 * again on another profile). Resolves once IndexedDB has deleted it; rejects when another
 * connection keeps it open longer than `timeoutMs`.
 */
export async function deleteOfflineData(profileId: string, context: ProfileDataContext): Promise<void> {
  const timeoutMs = context.timeoutMs ?? 15_000;
  if (profileId !== context.activeProfileId) {
    await deleteDatabase(factoryOf(context), databaseName(profileId), timeoutMs);
    return;
  }
  await context.stopSync();
  const mirror = mirrorOf(context.db);
  await mirror?.flush().catch(() => undefined);
  mirror?.detach();
  await withTimeout(context.db.delete(), timeoutMs);
}

/** Another connection (another window) kept the database open: nothing was deleted yet. */
export class OfflineDataBusyError extends Error {
  override readonly name = 'OfflineDataBusyError';
  constructor() {
    super('The offline data of this profile is in use by another Fieldbook window; close it and try again.');
  }
}

const inUse = (): Error => new OfflineDataBusyError();

function deleteDatabase(factory: IDBFactory, name: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    // 'blocked' only means another connection was asked to close (Dexie does so at once): wait for it.
    const timer = setTimeout(() => reject(inUse()), timeoutMs);
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve();
    };
    request.onerror = (event) => {
      event.preventDefault();
      clearTimeout(timer);
      reject(request.error ?? new Error('The offline data of this profile could not be deleted.'));
    };
  });
}

async function withTimeout(promise: PromiseLike<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(inUse()), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
