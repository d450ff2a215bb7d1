import type { ApiFailure } from '../../../shared/api/errors';
import type { JournalEntry } from '../../../shared/ipc';
import type { FieldbookDb } from '../cache/db';
import type { QueuedEntry } from '../outbox/queue';
import { writeTx } from '../outbox/tables';
import { rebuild } from '../outbox/working-copy';
import { fromJournalEntry } from './entry';
import { textOf, type DurabilityText } from './messages';

/*
 * Putting the journal's entries back into an outbox that lost them.
 *
 * The rules:
 * - Every entry comes back with its own seq (the journal is keyed by it, and the order of a
 *   record's entries is the order they reach the server). IndexedDB moves the outbox's key
 *   generator past them, so later writes get higher numbers.
 * - An entry the server refused for good (`attention`) comes back as it was: the user decides.
 * - Every other entry comes back as `sending`, "outcome unknown": the journal is written just
 *   AFTER IndexedDB commits, so it can lag a step behind. An entry it shows as pending may
 *   already have been sent (push marks `sending` and sends at once), or even synced (the app
 *   stopped before the removal reached the journal). Push treats `sending` as "look before you
 *   send": it re-reads the record (reconcile.ts) and settles an entry the server already holds
 *   instead of sending it twice. A `conflict` comes back the same way: its conflict record was
 *   in the lost database, and the re-read finds the conflict again if it is still there.
 * - The working copies are then rebuilt from the outbox with the outbox's own rebuild(): a record
 *   whose server version (base) was lost too shows its queued creates now, and its edits as
 *   soon as the next pull or detail download brings the server version back.
 */

/**
 * The failure a restored entry carries. It is stored with the entry (IndexedDB, the journal),
 * so it stays this exact English text, whatever the wording shown: the screens recognise it
 * (restoredFailureText) and say `durability.restoredEntry` in the user's language.
 */
export const restoredMessage =
  'Restored from the journal after the offline database was lost; Fieldbook checks with the server whether it already arrived before sending it';

const restoredFailure: ApiFailure = { kind: 'unknown-outcome', message: restoredMessage };

/** The user's words for a failure a restore wrote, or null for any other (whose own message stands). */
export function restoredFailureText(failure: Pick<ApiFailure, 'kind' | 'message'> | null | undefined): DurabilityText | null {
  return failure?.kind === 'unknown-outcome' && failure.message === restoredMessage ? textOf('durability.restoredEntry') : null;
}

export function restoredEntry(entry: JournalEntry): QueuedEntry {
  const queued = fromJournalEntry(entry);
  if (queued.state === 'attention') return queued;
  return { ...queued, state: 'sending', notBefore: 0, lastFailure: queued.state === 'sending' && queued.lastFailure ? queued.lastFailure : restoredFailure };
}

export interface RestoreOutcome {
  restored: number;
  /** Records whose working copy could not be rebuilt (their entries are restored all the same). */
  failedRebuilds: number;
}

/** Restores `entries` into an EMPTY outbox (returns 0 restored if it is not empty any more), then rebuilds their working copies. */
export async function restoreEntries(db: FieldbookDb, entries: readonly JournalEntry[], log: (line: string) => void = () => undefined): Promise<RestoreOutcome> {
  const restored = await db.transaction('rw', db.outbox, async () => {
    if ((await db.outbox.count()) > 0) return 0;
    await db.outbox.bulkPut(entries.map(restoredEntry));
    return entries.length;
  });
  let failedRebuilds = 0;
  if (!restored) return { restored, failedRebuilds };
  const records = new Map(entries.map((e) => [e.entityKey, e]));
  for (const { entity, customerGuid, id } of records.values()) {
    try {
      await writeTx(db, () => rebuild(db, entity, customerGuid, id));
    } catch (error) {
      failedRebuilds++;
      log(`durability: the working copy of a restored ${entity} could not be rebuilt: ${error instanceof Error ? error.name : 'error'}`);
    }
  }
  return { restored, failedRebuilds };
}

/**
 * The outbox of a database Dexie cannot open, read with plain IndexedDB at whatever version it
 * has (no upgrade): null when even that fails, [] when there is no such database or outbox.
 */
export function salvageOutbox(name: string, factory: IDBFactory, timeoutMs = 10_000): Promise<QueuedEntry[] | null> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (value: QueuedEntry[] | null): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(value);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name);
    } catch {
      finish(null);
      return;
    }
    request.onupgradeneeded = () => {
      // No such database: do not create one here.
      request.transaction?.abort();
      finish([]);
    };
    request.onerror = (event) => {
      event.preventDefault();
      finish(done ? [] : null);
    };
    request.onblocked = () => finish(null);
    request.onsuccess = () => {
      const idb = request.result;
      try {
        if (!idb.objectStoreNames.contains('outbox')) {
          idb.close();
          finish([]);
          return;
        }
        const read = idb.transaction('outbox', 'readonly').objectStore('outbox').getAll();
        read.onsuccess = () => {
          idb.close();
          finish(read.result as QueuedEntry[]);
        };
        read.onerror = () => {
          idb.close();
          finish(null);
        };
      } catch {
        idb.close();
        finish(null);
      }
    };
  });
}
