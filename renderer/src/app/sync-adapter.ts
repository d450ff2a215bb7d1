import type { CustomersApi } from '../../../shared/api';
import type { BridgeClient } from '../../../shared/ipc';
import type { ConnectionProfile } from '../../../shared/profiles';
import type { FieldbookDb } from '../cache/db';
import type { ConflictRecord } from '../cache/records';
import { queryCustomers } from '../customers/list-query';
import {
  prepareCustomersForOffline, prepareForOffline, recordOpened, setKeptOffline,
  type DownloadOptions, type DownloadReport,
} from '../sync/briefcase';
import { resolveConflict as settleConflict, type ConflictChoice } from '../sync/conflicts';
import { downloadDetail } from '../sync/detail';
import { createSyncEngine } from '../sync/engine';
import { drainOutbox } from '../sync/push';
import { createSyncScheduler } from '../sync/scheduler';
import { createSyncStatus, type SyncStatus, type SyncStatusStore } from '../sync/status';

/*
 * Every call the UI makes into the sync engine goes through this file, so the screens depend
 * on a handful of functions rather than on the engine's modules (which were being written at
 * the same time), and the engine's wiring (status, scheduler, connectivity events) lives in
 * one place.
 */

export type { ConflictChoice, DownloadReport, SyncStatus };

/**
 * Why the app cannot sign in, for the re-authentication banner: main said the credential is
 * missing or refused (auth.changed), or a sync paused on a 401. Null when signing in works (or
 * nothing says otherwise).
 */
export type AuthProblem = 'needs-credentials' | 'rejected' | 'paused' | null;

/** The Svelte store contract (so a component reads `$auth`), without pulling in svelte/store. */
export interface ValueStore<T> {
  subscribe(listener: (value: T) => void): () => void;
  get(): T;
}

function valueStore<T>(initial: T): ValueStore<T> & { set(value: T): void } {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      listener(value);
      return () => void listeners.delete(listener);
    },
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      for (const listener of [...listeners]) listener(value);
    },
  };
}

export interface SyncControl {
  readonly status: SyncStatusStore;
  /** Whether the active profile can sign in; the re-authentication banner follows it. */
  readonly auth: ValueStore<AuthProblem>;
  readonly api: CustomersApi;
  /** Asks for a sync now; runs after the current one if one is going. */
  syncNow(): void;
  stop(): Promise<void>;
}

/** How often a sync runs by itself while the app is open. */
const SYNC_INTERVAL_MS = 5 * 60_000;
/** Full detail older than this is downloaded again when a customer is opened online. */
const DETAIL_STALE_MS = 15 * 60_000;

export function startSync(db: FieldbookDb, bridge: BridgeClient, profile: ConnectionProfile): SyncControl {
  const status = createSyncStatus(db);
  const auth = valueStore<AuthProblem>(null);
  const engine = createSyncEngine({ db, api: bridge.api, scope: profile.downloadScope, drainOutbox, status });
  // A change that failed while offline waits out a back-off; when that wait ends, sync again
  // rather than leaving it until the next interval (the user sees "1 change waiting" until then).
  let followUp: ReturnType<typeof setTimeout> | undefined;
  const scheduler = createSyncScheduler({
    run: async (signal) => {
      const report = await engine.syncNow({ signal });
      clearTimeout(followUp);
      const next = report.push?.nextAttemptAt;
      if (next != null) followUp = setTimeout(() => scheduler.trigger('interval'), Math.max(0, next - Date.now()) + 50);
    },
    intervalMs: SYNC_INTERVAL_MS,
  });
  /** The user asked, or the network came back: what waits out a back-off is tried now. */
  const syncWaitingNow = (reason: 'manual' | 'reconnect'): void => {
    void wakeWaitingEntries(db).finally(() => scheduler.trigger(reason));
  };

  const offConnectivity = bridge.on('connectivity.changed', (report) => {
    const before = status.get().connectivity;
    status.set({ connectivity: report.state });
    if (report.state === 'online' && before !== 'online') syncWaitingNow('reconnect');
  });
  const offAuth = bridge.on('auth.changed', (change) => {
    if (change.profileId !== profile.id) return;
    if (change.state !== 'ok') {
      auth.set(change.state);
      status.set({ connectivity: 'unauthorized' });
      return;
    }
    // Signing in works again (typically: the user saved a new secret): send what waited for it now.
    const wasBlocked = auth.get() !== null || status.get().connectivity === 'unauthorized';
    auth.set(null);
    if (wasBlocked) {
      status.set({ connectivity: 'unknown' });
      scheduler.trigger('manual');
    }
  });
  // A sync that paused on a 401 says so through the status; the banner needs no event for it.
  const offPaused = status.subscribe((current) => {
    if (current.connectivity === 'unauthorized' && auth.get() === null) auth.set('paused');
    if (current.connectivity === 'online' && auth.get() !== null) auth.set(null);
  });
  void bridge.connectivity.check().then((result) => {
    if (result.ok) status.set({ connectivity: result.value.state });
    else status.set({ connectivity: 'offline' });
  });
  scheduler.start();
  scheduler.trigger('start');

  return {
    status,
    auth,
    api: bridge.api,
    syncNow: () => syncWaitingNow('manual'),
    stop: async () => {
      clearTimeout(followUp);
      offConnectivity();
      offAuth();
      offPaused();
      await scheduler.stop();
    },
  };
}

/**
 * Pending entries waiting out a back-off become due now. Only 'pending' ones: an entry marked
 * 'sending' may still be on the wire from before a reload and keeps its grace period.
 */
async function wakeWaitingEntries(db: FieldbookDb): Promise<void> {
  const now = Date.now();
  await db.outbox.where('state').equals('pending').modify((entry) => {
    if (entry.notBefore > now) entry.notBefore = 0;
  });
}

export type DetailRefresh = 'fresh' | 'downloaded' | 'offline' | 'failed';

/**
 * A customer was opened: it joins the briefcase's recently opened, and when online and its full
 * detail is missing or older than DETAIL_STALE_MS, the detail is downloaded now.
 */
export async function customerOpened(
  db: FieldbookDb,
  sync: SyncControl,
  customerGuid: string,
  detailFetchedAt: string | null,
  signal?: AbortSignal,
): Promise<{ refresh: DetailRefresh; message?: string }> {
  await recordOpened(db, customerGuid);
  const fresh = detailFetchedAt !== null && Date.now() - Date.parse(detailFetchedAt) < DETAIL_STALE_MS;
  if (fresh) return { refresh: 'fresh' };
  if (sync.status.get().connectivity !== 'online') return { refresh: 'offline' };
  try {
    await downloadDetail(db, sync.api, customerGuid, { signal });
    return { refresh: 'downloaded' };
  } catch (error) {
    return { refresh: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

export function keepOffline(db: FieldbookDb, customerGuid: string, kept: boolean): Promise<void> {
  return setKeptOffline(db, customerGuid, kept);
}

/** One conflict, or undefined when it is settled (or never existed). */
export function conflictById(db: FieldbookDb, id: number): Promise<ConflictRecord | undefined> {
  return db.conflicts.get(id);
}

/** Settles a conflict with a choice per field; its change is then sent at the next sync (asked for now). */
export async function resolveConflict(db: FieldbookDb, sync: SyncControl, id: number, choices: Record<string, ConflictChoice>): Promise<void> {
  await settleConflict(db, id, choices);
  sync.syncNow();
}

/**
 * What "Prepare for offline" downloads: the customers the list shows for this search and
 * filter (OData text; '' for none), the same rule as the list itself.
 */
export interface OfflineSelection {
  search: string;
  filter: string;
}

/** How many cached customers a selection holds (a filter that does not parse throws its ODataError). */
export async function countForOffline(db: FieldbookDb, selection: OfflineSelection): Promise<number> {
  const { total } = await queryCustomers(db, { search: selection.search, filter: selection.filter || null, limit: 0 });
  return total;
}

/**
 * Downloads full detail for every customer of a selection and keeps it in the briefcase. A
 * filter alone goes to the engine as OData; a search (which has no OData form) goes as the
 * GUIDs the list finds for it.
 */
export async function prepareOffline(db: FieldbookDb, sync: SyncControl, selection: OfflineSelection, options: DownloadOptions = {}): Promise<DownloadReport> {
  if (!selection.search.trim()) return prepareForOffline(db, sync.api, selection.filter, options);
  const filter = selection.filter || null;
  const { total } = await queryCustomers(db, { search: selection.search, filter, limit: 0 });
  const { rows } = await queryCustomers(db, { search: selection.search, filter, limit: total });
  return prepareCustomersForOffline(db, sync.api, rows.map((row) => row.customerGuid), options);
}
