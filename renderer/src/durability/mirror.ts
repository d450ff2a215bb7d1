import type { Transaction } from 'dexie';
import type { JournalRecord, JournalRemovalReason } from '../../../shared/ipc';
import type { FieldbookDb } from '../cache/db';
import type { OutboxEntry } from '../cache/records';
import type { QueuedEntry } from '../outbox/queue';
import { removalOf, upsertOf } from './entry';
import { textOf, type DurabilityText } from './messages';
import type { JournalPort } from './port';

/*
 * Mirrors every change of the outbox into the main process's journal.
 *
 * WHY TABLE HOOKS, not a wrapper around the outbox's write functions: the outbox is changed from
 * many places (the local writes, discard/retry/edit, conflict resolution, and every step of
 * push: markSending, setState, settleEntry, the re-keying `modify`), and code written later will
 * change it from more. Dexie's `creating`/`updating`/`deleting` hooks see every one of those,
 * whoever makes it and however (add, put, bulkPut, Collection.modify, Collection.delete,
 * Table.clear), with the entry's full new state. A wrapper would see only the calls it wraps.
 *
 * The changes of one IndexedDB transaction are collected (the last state of each seq wins) and
 * queued only when that transaction COMPLETES: an aborted transaction changed nothing, so it
 * sends nothing. Queued changes go to main one call at a time, in commit order, so the journal
 * replays in the order the outbox changed. A failed call is kept and retried with back-off,
 * merged with newer changes (newer wins), and the failure is surfaced in `status`; nothing is
 * ever dropped. If the app stops before a change reached the journal, the next start compares
 * the journal with the outbox and writes the difference (open.ts).
 *
 * A removal says why: an entry deleted while `sending` was settled by push ('synced'), any other
 * was discarded or replaced ('discarded'); clearCache marks its own transaction ('cleared').
 */

export type JournalMirrorState = 'saved' | 'saving' | 'retrying';

export interface JournalMirrorStatus {
  /** saved: the journal holds every committed outbox change; saving: a write is under way; retrying: a write failed. */
  readonly state: JournalMirrorState;
  /** Outbox changes not yet confirmed in the journal. */
  readonly unsaved: number;
  /** Why the last write failed, while retrying: for the user, said with the UI's `t` (messages.ts). */
  readonly lastError: DurabilityText | null;
  readonly lastSavedAt: string | null;
}

export interface JournalMirrorStatusStore {
  subscribe(listener: (status: JournalMirrorStatus) => void): () => void;
  get(): JournalMirrorStatus;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface MirrorOptions {
  /** Back-off after the n-th failed write (ms); default 250 ms doubling to 30 s. */
  readonly retryDelayMs?: (failures: number) => number;
  readonly timers?: Timers;
  readonly now?: () => Date;
}

export interface JournalMirror {
  readonly port: JournalPort;
  readonly status: JournalMirrorStatusStore;
  /** Queues records made outside a transaction (the start-up comparison with the journal). */
  enqueue(records: readonly JournalRecord[]): void;
  /**
   * Resolves once every outbox change committed (or in a transaction still running) when it was
   * called is in the journal; rejects if the next write fails (the mirror keeps retrying).
   */
  flush(): Promise<void>;
  /** Removals made in this transaction get `reason` (clearCache uses 'cleared'). */
  markRemovals(transaction: Transaction, reason: JournalRemovalReason): void;
  /** Stops mirroring (the hooks are removed; what is queued is still written). */
  detach(): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

const defaultDelay = (failures: number): number => Math.min(30_000, 250 * 2 ** Math.max(0, failures - 1));

const mirrors = new WeakMap<FieldbookDb, JournalMirror>();

/** The mirror attached to a database, if any (clearCache and exportPendingChanges use it). */
export const mirrorOf = (db: FieldbookDb): JournalMirror | undefined => mirrors.get(db);

export function attachMirror(db: FieldbookDb, port: JournalPort, options: MirrorOptions = {}): JournalMirror {
  const existing = mirrors.get(db);
  if (existing) return existing;
  const timers = options.timers ?? realTimers;
  const delay = options.retryDelayMs ?? defaultDelay;
  const now = options.now ?? (() => new Date());

  /** Batches of transactions still running, by their IndexedDB transaction. */
  const open = new Map<IDBTransaction, Map<number, JournalRecord>>();
  const reasons = new WeakMap<IDBTransaction, JournalRemovalReason>();
  let pending = new Map<number, JournalRecord>();
  let inflight: Map<number, JournalRecord> | null = null;
  let timer: unknown;
  let failures = 0;
  let waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  let status: JournalMirrorStatus = { state: 'saved', unsaved: 0, lastError: null, lastSavedAt: null };
  const listeners = new Set<(status: JournalMirrorStatus) => void>();
  function setStatus(patch: Partial<JournalMirrorStatus>): void {
    const unsaved = pending.size + (inflight?.size ?? 0);
    status = { ...status, unsaved, ...patch };
    for (const listener of [...listeners]) listener(status);
  }

  function batchOf(transaction: Transaction): Map<number, JournalRecord> {
    const idb = transaction.idbtrans;
    const batch = open.get(idb);
    if (batch) return batch;
    const created = new Map<number, JournalRecord>();
    open.set(idb, created);
    idb.addEventListener('complete', () => {
      open.delete(idb);
      if (created.size) queue(created.values());
      else settleWaiters();
    });
    idb.addEventListener('abort', () => {
      open.delete(idb);
      settleWaiters();
    });
    return created;
  }

  function queue(records: Iterable<JournalRecord>): void {
    for (const record of records) {
      pending.delete(record.seq);
      pending.set(record.seq, record);
    }
    setStatus(status.state === 'retrying' ? {} : { state: 'saving' });
    schedule(0);
  }

  function schedule(ms: number): void {
    if (inflight || timer !== undefined) return;
    timer = timers.setTimeout(() => {
      timer = undefined;
      void pump();
    }, ms);
  }

  function settleWaiters(error?: unknown): void {
    if (error === undefined && (open.size || pending.size || inflight)) return;
    const settled = waiters;
    waiters = [];
    for (const waiter of settled) {
      if (error === undefined) waiter.resolve();
      else waiter.reject(error);
    }
  }

  async function pump(): Promise<void> {
    if (inflight) return;
    if (pending.size === 0) {
      settleWaiters();
      return;
    }
    const sending = pending;
    pending = new Map();
    inflight = sending;
    setStatus(status.state === 'retrying' ? {} : { state: 'saving' });
    let failure: unknown;
    try {
      await port.append([...sending.values()]);
    } catch (error) {
      failure = error;
    }
    inflight = null;
    if (failure === undefined) {
      failures = 0;
      setStatus({ state: pending.size ? 'saving' : 'saved', lastError: null, lastSavedAt: now().toISOString() });
      if (pending.size) void pump();
      else settleWaiters();
      return;
    }
    // Kept, under anything newer of the same entry.
    const merged = new Map(sending);
    for (const [seq, record] of pending) {
      merged.delete(seq);
      merged.set(seq, record);
    }
    pending = merged;
    failures++;
    const message = failure instanceof Error ? failure.message : String(failure);
    setStatus({ state: 'retrying', lastError: textOf('durability.journalRetrying', { message }) });
    settleWaiters(failure);
    schedule(delay(failures));
  }

  function reasonOf(transaction: Transaction, removed: OutboxEntry | undefined): JournalRemovalReason {
    return reasons.get(transaction.idbtrans) ?? (removed?.state === 'sending' ? 'synced' : 'discarded');
  }

  function creating(this: { onsuccess?: (key: number | undefined) => void }, _key: number | undefined, entry: OutboxEntry, transaction: Transaction): void {
    const batch = batchOf(transaction);
    this.onsuccess = (key) => {
      if (typeof key === 'number') batch.set(key, upsertOf({ ...(entry as QueuedEntry), seq: key }));
    };
  }
  function updating(this: { onsuccess?: (updated: OutboxEntry) => void }, _mods: object, key: number | undefined, _entry: OutboxEntry, transaction: Transaction): void {
    const batch = batchOf(transaction);
    this.onsuccess = (updated) => {
      if (typeof key === 'number') batch.set(key, upsertOf({ ...(updated as QueuedEntry), seq: key }));
    };
  }
  function deleting(this: { onsuccess?: () => void }, key: number | undefined, entry: OutboxEntry | undefined, transaction: Transaction): void {
    const batch = batchOf(transaction);
    const reason = reasonOf(transaction, entry);
    this.onsuccess = () => {
      if (typeof key === 'number') batch.set(key, removalOf(key, reason));
    };
  }

  db.outbox.hook('creating', creating);
  db.outbox.hook('updating', updating);
  db.outbox.hook('deleting', deleting);

  const mirror: JournalMirror = {
    port,
    status: {
      subscribe(listener) {
        listeners.add(listener);
        listener(status);
        return () => void listeners.delete(listener);
      },
      get: () => status,
    },
    enqueue: (records) => queue(records),
    flush() {
      if (!open.size && !pending.size && !inflight) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiters.push({ resolve, reject });
        // Skip a back-off wait: the caller wants to know now.
        if (timer !== undefined && !inflight) {
          timers.clearTimeout(timer);
          timer = undefined;
          void pump();
        }
      });
    },
    markRemovals(transaction, reason) {
      reasons.set(transaction.idbtrans, reason);
    },
    detach() {
      db.outbox.hook('creating').unsubscribe(creating);
      db.outbox.hook('updating').unsubscribe(updating);
      db.outbox.hook('deleting').unsubscribe(deleting);
      mirrors.delete(db);
    },
  };
  mirrors.set(db, mirror);
  return mirror;
}
