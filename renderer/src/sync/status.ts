import { liveQuery, type Observable } from 'dexie';
import type { FieldbookDb } from '../cache/db';
import { errorDetail, syncTextOf, type SyncText } from './messages';

/*
 * What the sync indicator shows, as a tiny observable with Svelte's store contract (a
 * subscriber is called at once with the current value), so a component can use `$status`.
 * The counts are read from the outbox and the conflicts table through Dexie's liveQuery, so
 * they follow every write, in this window or another, and cannot drift from the queue itself.
 * The engine sets the phase and progress; the main process's connectivity events set
 * `connectivity`.
 */

export type Connectivity = 'online' | 'offline' | 'unauthorized' | 'unknown';
export type SyncPhase = 'idle' | 'pushing' | 'pulling' | 'downloading';

export interface SyncStatus {
  connectivity: Connectivity;
  phase: SyncPhase;
  progress: { done: number; total: number } | null;
  /** Entries still to send (pending, being sent, or waiting behind another). */
  pending: number;
  conflicts: number;
  /** Entries the server refused for good: the user edits or discards them. */
  attention: number;
  lastSyncedAt: string | null;
  /** What went wrong last, as a catalogue key: the indicator says it in the user's language. */
  lastError: SyncText | null;
}

type Counts = Pick<SyncStatus, 'pending' | 'conflicts' | 'attention' | 'lastSyncedAt'>;
export type StatusPatch = Partial<Pick<SyncStatus, 'connectivity' | 'phase' | 'progress' | 'lastError'>>;

export interface SyncStatusStore {
  subscribe(listener: (status: SyncStatus) => void): () => void;
  get(): SyncStatus;
  set(patch: StatusPatch): void;
}

/** Where the engine records the end of the last successful sync (shown as "synced 5 min ago"). */
export const lastSyncedAtKey = 'sync.lastSyncedAt';

export async function readCounts(db: FieldbookDb): Promise<Counts> {
  const [pending, attention, conflicts, last] = await Promise.all([
    db.outbox.where('state').anyOf('pending', 'sending', 'waiting').count(),
    db.outbox.where('state').equals('attention').count(),
    db.conflicts.count(),
    db.meta.get(lastSyncedAtKey),
  ]);
  return { pending, attention, conflicts, lastSyncedAt: typeof last?.value === 'string' ? last.value : null };
}

export interface StatusOptions {
  /** Replaces Dexie's liveQuery (a test may drive the counts by hand). */
  observe?: ((query: () => Promise<Counts>) => Observable<Counts>) | undefined;
}

const initial: SyncStatus = {
  connectivity: 'unknown', phase: 'idle', progress: null, pending: 0, conflicts: 0, attention: 0, lastSyncedAt: null, lastError: null,
};

const same = (a: SyncStatus, b: SyncStatus): boolean =>
  (Object.keys(a) as (keyof SyncStatus)[]).every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));

/** The counts are watched while anyone is subscribed (Svelte subscribes on mount, unsubscribes on destroy). */
export function createSyncStatus(db: FieldbookDb, options: StatusOptions = {}): SyncStatusStore {
  const observe = options.observe ?? liveQuery;
  const listeners = new Set<(status: SyncStatus) => void>();
  let status = initial;
  let watch: { unsubscribe(): void } | null = null;

  const update = (patch: Partial<SyncStatus>): void => {
    const next = { ...status, ...patch };
    if (same(next, status)) return;
    status = next;
    for (const listener of [...listeners]) listener(status);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      listener(status);
      watch ??= observe(() => readCounts(db)).subscribe({
        next: (counts) => update(counts),
        error: (error: unknown) => update({ lastError: syncTextOf('sync.queueUnreadable', { detail: errorDetail(error) }) }),
      });
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          watch?.unsubscribe();
          watch = null;
        }
      };
    },
    get: () => status,
    set: (patch) => update(patch),
  };
}
