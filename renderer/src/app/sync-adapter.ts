import type { CustomersApi } from '../../../shared/api';
import type { BridgeClient } from '../../../shared/ipc';
import type { ConnectionProfile } from '../../../shared/profiles';
import type { FieldbookDb } from '../cache/db';
import { recordOpened, setKeptOffline } from '../sync/briefcase';
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

export type { SyncStatus };

export interface SyncControl {
  readonly status: SyncStatusStore;
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
  const engine = createSyncEngine({ db, api: bridge.api, scope: profile.downloadScope, drainOutbox, status });
  const scheduler = createSyncScheduler({
    run: async (signal) => {
      await engine.syncNow({ signal });
    },
    intervalMs: SYNC_INTERVAL_MS,
  });

  const offConnectivity = bridge.on('connectivity.changed', (report) => {
    const before = status.get().connectivity;
    status.set({ connectivity: report.state });
    if (report.state === 'online' && before !== 'online') scheduler.trigger('reconnect');
  });
  const offAuth = bridge.on('auth.changed', (change) => {
    if (change.state !== 'ok') status.set({ connectivity: 'unauthorized' });
  });
  void bridge.connectivity.check().then((result) => {
    if (result.ok) status.set({ connectivity: result.value.state });
    else status.set({ connectivity: 'offline' });
  });
  scheduler.start();
  scheduler.trigger('start');

  return {
    status,
    api: bridge.api,
    syncNow: () => scheduler.trigger('manual'),
    stop: async () => {
      offConnectivity();
      offAuth();
      await scheduler.stop();
    },
  };
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
