import type { Dexie } from 'dexie';
import type { JournalEntry, JournalRecord } from '../../../shared/ipc';
import { databaseName, FieldbookDb } from '../cache/db';
import type { QueuedEntry } from '../outbox/queue';
import { removalOf, sameEntry, toJournalEntry } from './entry';
import { textOf, type DurabilityText } from './messages';
import { attachMirror, type JournalMirror, type MirrorOptions } from './mirror';
import { requestPersistence, type StorageLike } from './persistence';
import { journalPort, type JournalBridge, type JournalPort } from './port';
import { restoreEntries, salvageOutbox } from './restore';

/*
 * Opening a profile's offline database durably: the start-up step that makes "nothing typed
 * offline is lost" hold when IndexedDB does not.
 *
 * 1. Read the profile's journal (main process).
 * 2. Open the database.
 *    - It cannot be opened (corrupt, failing upgrade): read its outbox with plain IndexedDB,
 *      write whatever the journal lacks into the journal, read the journal back and check it
 *      holds every one of those entries. Only then is the database deleted and created afresh.
 *      When that cannot be confirmed (the outbox is unreadable too, or the journal cannot be
 *      written) NOTHING is deleted: the result is 'unavailable', and the user may export the
 *      journal and reset the database themselves (resetDatabase, with confirmation).
 * 3. Mirror the outbox into the journal from now on (mirror.ts).
 * 4. An EMPTY outbox while the journal holds entries (the database was deleted, evicted,
 *    recreated above, or its data cleared behind Fieldbook's back): the journal's entries are
 *    restored (restore.ts for the rules) and the report says so. Otherwise the journal is
 *    brought level with the outbox: entries it lacks or holds in an older state are written, and
 *    entries the outbox no longer has are removed (their removal never reached the journal
 *    because the app stopped first).
 * 5. Ask for persistent storage, and report whether it was granted.
 */

export interface DurableOpenOptions {
  /** Dexie's options (tests pass fake-indexeddb's indexedDB and IDBKeyRange). */
  readonly dexie?: ConstructorParameters<typeof Dexie>[1];
  /** Where to ask for persistent storage; default navigator.storage, null: do not ask. */
  readonly storage?: StorageLike | null;
  readonly mirror?: MirrorOptions;
  /** Diagnostics (never an entry's content). */
  readonly log?: (line: string) => void;
}

export interface DurabilityReport {
  /** Entries put back into the outbox from the journal. */
  readonly restored: number;
  readonly restoredBecause: 'outbox-empty' | 'database-unopenable' | null;
  /** The database could not be opened and was replaced (after its entries were confirmed in the journal). */
  readonly databaseRecreated: boolean;
  /** Restored records whose working copy could not be rebuilt (their changes are kept all the same). */
  readonly failedRebuilds: number;
  /** 'unavailable': the journal could not be read; the mirror keeps trying to write it. */
  readonly journal: 'ok' | 'unavailable';
  /** What reading the journal found and skipped (e.g. a torn last line after a crash). */
  readonly journalNotes: readonly string[];
  /** Whether the browser promised to keep this storage under pressure. */
  readonly persisted: boolean;
  /** What the UI should tell the user once (empty: nothing), each said with the UI's `t` (messages.ts). */
  readonly messages: readonly DurabilityText[];
}

export type DurableOpenResult =
  | { readonly kind: 'ready'; readonly db: FieldbookDb; readonly mirror: JournalMirror; readonly report: DurabilityReport }
  | {
    /** The database cannot be opened and could not safely be replaced; nothing was deleted. */
    readonly kind: 'unavailable';
    /** Why, and what the user can do: said with the UI's `t`. */
    readonly message: DurabilityText;
    /** Unsynced changes the journal holds (offer to export them: exportJournal). */
    readonly pending: number;
    readonly report: DurabilityReport;
  };

export const restoredSentence = (count: number): DurabilityText => textOf('durability.restored', { count });

const errorText = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export async function openDurableCache(profileId: string, bridge: JournalBridge, options: DurableOpenOptions = {}): Promise<DurableOpenResult> {
  const log = options.log ?? (() => undefined);
  const port = journalPort(bridge, profileId);
  const name = databaseName(profileId);

  let journal: { entries: JournalEntry[]; notes: string[] } | null = null;
  try {
    journal = await port.read();
  } catch (error) {
    log(`durability: the journal of ${profileId} could not be read: ${errorText(error)}`);
  }

  let db = new FieldbookDb(name, options.dexie);
  let recreated = false;
  try {
    await db.open();
  } catch (openError) {
    log(`durability: the database ${name} cannot be opened: ${errorText(openError)}`);
    db.close();
    const secured = journal ? await secureSalvage(port, name, options, journal, log) : null;
    const unavailable = (why: string): DurableOpenResult => {
      const pending = journal?.entries.length ?? 0;
      const message = journal ? textOf('durability.unavailable.safe', { why, count: pending }) : textOf('durability.unavailable.unchecked', { why });
      return { kind: 'unavailable', message, pending, report: report({ journal: journal ? 'ok' : 'unavailable', journalNotes: journal?.notes ?? [], messages: [message] }) };
    };
    if (!secured) return unavailable(openError instanceof Error ? openError.name : 'unknown error');
    journal = secured;
    try {
      await new FieldbookDb(name, options.dexie).delete();
      db = new FieldbookDb(name, options.dexie);
      await db.open();
      recreated = true;
    } catch (error) {
      log(`durability: the database ${name} could not be recreated: ${errorText(error)}`);
      return unavailable(error instanceof Error ? error.name : 'unknown error');
    }
  }

  const mirror = attachMirror(db, port, options.mirror);
  let restored = 0;
  let failedRebuilds = 0;
  const outbox = (await db.outbox.toArray()) as QueuedEntry[];
  if (!journal) {
    // Nothing to compare with: write the whole outbox (upserts are idempotent).
    mirror.enqueue(outbox.map((entry) => ({ seq: entry.seq as number, entry: toJournalEntry(entry) })));
  } else if (outbox.length === 0 && journal.entries.length > 0) {
    ({ restored, failedRebuilds } = await restoreEntries(db, journal.entries, log));
    log(`durability: restored ${restored} outbox entr${restored === 1 ? 'y' : 'ies'} of ${profileId} from the journal`);
  } else {
    const records = differences(outbox, journal.entries);
    if (records.length) {
      log(`durability: the journal of ${profileId} lagged the outbox by ${records.length} change(s); writing them now`);
      mirror.enqueue(records);
    }
  }

  const persisted = options.storage === null ? false : await requestPersistence(options.storage);
  const notes: DurabilityText[] = [];
  if (recreated) notes.push(textOf('durability.databaseRecreated'));
  if (restored) notes.push(restoredSentence(restored));
  if (failedRebuilds) notes.push(textOf('durability.failedRebuilds', { count: failedRebuilds }));
  if (!journal) notes.push(textOf('durability.journalUnreadable'));
  return {
    kind: 'ready',
    db,
    mirror,
    report: report({
      restored,
      restoredBecause: restored ? (recreated ? 'database-unopenable' : 'outbox-empty') : null,
      databaseRecreated: recreated,
      failedRebuilds,
      journal: journal ? 'ok' : 'unavailable',
      journalNotes: journal?.notes ?? [],
      persisted,
      messages: notes,
    }),
  };
}

function report(parts: Partial<DurabilityReport>): DurabilityReport {
  return {
    restored: 0, restoredBecause: null, databaseRecreated: false, failedRebuilds: 0, journal: 'ok', journalNotes: [], persisted: false, messages: [],
    ...parts,
  };
}

/** What the journal must be told so that it equals the outbox. */
export function differences(outbox: readonly QueuedEntry[], journal: readonly JournalEntry[]): JournalRecord[] {
  const unmatched = new Map(journal.map((entry) => [entry.seq, entry]));
  const records: JournalRecord[] = [];
  for (const entry of outbox) {
    const copy = toJournalEntry(entry);
    const known = unmatched.get(copy.seq);
    unmatched.delete(copy.seq);
    if (!known || !sameEntry(known, copy)) records.push({ seq: copy.seq, entry: copy });
  }
  for (const seq of unmatched.keys()) records.push(removalOf(seq, 'reconciled'));
  return records;
}

/**
 * Makes sure the journal holds every entry of an unopenable database's outbox: returns the
 * journal read back after writing what it lacked, or null when that cannot be confirmed.
 */
async function secureSalvage(
  port: JournalPort,
  name: string,
  options: DurableOpenOptions,
  journal: { entries: JournalEntry[]; notes: string[] },
  log: (line: string) => void,
): Promise<{ entries: JournalEntry[]; notes: string[] } | null> {
  const factory = (options.dexie?.indexedDB as IDBFactory | undefined) ?? globalThis.indexedDB;
  if (!factory) return null;
  const salvaged = await salvageOutbox(name, factory);
  if (salvaged === null) {
    log(`durability: the outbox of ${name} cannot be read either; the database is left as it is`);
    return null;
  }
  try {
    const entries = salvaged.map(toJournalEntry);
    const known = new Map(journal.entries.map((entry) => [entry.seq, entry]));
    const missing = entries.filter((entry) => !sameEntry(known.get(entry.seq) ?? ({} as JournalEntry), entry));
    if (missing.length) await port.append(missing.map((entry) => ({ seq: entry.seq, entry })));
    const after = await port.read();
    const held = new Map(after.entries.map((entry) => [entry.seq, entry]));
    const confirmed = entries.every((entry) => {
      const copy = held.get(entry.seq);
      return copy !== undefined && sameEntry(copy, entry);
    });
    if (!confirmed) {
      log(`durability: the journal does not hold every entry of ${name} after writing them; the database is left as it is`);
      return null;
    }
    log(`durability: ${entries.length} outbox entr${entries.length === 1 ? 'y' : 'ies'} of ${name} confirmed in the journal (${missing.length} written now)`);
    return after;
  } catch (error) {
    log(`durability: the outbox of ${name} could not be secured in the journal: ${errorText(error)}`);
    return null;
  }
}

/**
 * For an 'unavailable' database, once the user agreed (after being offered an export of the
 * journal): deletes the database and opens it again, restoring the journal's entries. Refused
 * when the journal cannot be read (then it could not restore anything).
 */
export async function resetDatabase(profileId: string, bridge: JournalBridge, confirmation: { confirm: true }, options: DurableOpenOptions = {}): Promise<DurableOpenResult> {
  if (confirmation.confirm !== true) throw new Error('resetDatabase needs the user\'s confirmation');
  await journalPort(bridge, profileId).read();
  await new FieldbookDb(databaseName(profileId), options.dexie).delete();
  return openDurableCache(profileId, bridge, options);
}
