import { describe, expect, it } from 'vitest';
import { ApiError, type CustomersApi } from '../../shared/api';
import { recordOpened } from '../../renderer/src/sync/briefcase';
import { createSyncEngine, type PushOutcome } from '../../renderer/src/sync/engine';
import { createSyncStatus, lastSyncedAtKey, type SyncPhase } from '../../renderer/src/sync/status';
import { apiOf, enableLiveQueries, newDb, spyApi, useSyncSandbox } from './pull-harness';

enableLiveQueries();
const sandbox = useSyncSandbox({ customers: 80 });

interface FakePush extends PushOutcome {
  sent: number;
}

describe('createSyncEngine', () => {
  it('pushes, then pulls, then refreshes the briefcase, showing each phase, and records when it synced', async () => {
    const db = newDb();
    const status = createSyncStatus(db);
    const phases: SyncPhase[] = [];
    const unsubscribe = status.subscribe((s) => {
      if (phases.at(-1) !== s.phase) phases.push(s.phase);
    });
    const order: string[] = [];
    const { api, counts } = spyApi(apiOf(sandbox()), (operation) => void order.push(operation));
    const opened = sandbox().store.ordered()[4]!.customer.customerGuid;
    await recordOpened(db, opened);
    const engine = createSyncEngine({
      db, api, status, scope: '', pageSize: 50,
      now: () => new Date('2026-06-01T12:00:00Z'),
      drainOutbox: async (): Promise<FakePush> => {
        order.push('push');
        return { sent: 0, paused: null };
      },
    });

    const report = await engine.syncNow();
    expect(report).toMatchObject({ outcome: 'synced', push: { sent: 0 }, pull: { stored: 80 }, briefcase: { stored: [opened] }, lastSyncedAt: '2026-06-01T12:00:00.000Z' });
    expect(order[0]).toBe('push');
    expect(order.indexOf('getCustomer')).toBeGreaterThan(order.lastIndexOf('listCustomers'));
    expect(counts.getCustomer).toBe(1);
    expect(phases).toEqual(['idle', 'pushing', 'pulling', 'downloading', 'idle']);
    expect(status.get()).toMatchObject({ connectivity: 'online', progress: null, lastError: null });
    expect((await db.meta.get(lastSyncedAtKey))?.value).toBe('2026-06-01T12:00:00.000Z');
    expect(await db.customers.count()).toBe(80);
    unsubscribe();
  });

  it('stops after a push that needs re-authentication, without reading anything', async () => {
    const db = newDb();
    const status = createSyncStatus(db);
    const { api, counts } = spyApi(apiOf(sandbox()));
    const engine = createSyncEngine({ db, api, status, scope: '', drainOutbox: async () => ({ paused: 'reauth' as const }) });
    const report = await engine.syncNow();
    expect(report).toMatchObject({ outcome: 'paused', paused: 'reauth', pull: null });
    expect(counts).toEqual({});
    expect(status.get()).toMatchObject({ connectivity: 'unauthorized', phase: 'idle' });
    expect(status.get().lastError).toEqual({ key: 'sync.paused.reauth' });
    expect(await db.meta.get(lastSyncedAtKey)).toBeUndefined();
  });

  it('reports a lost network as offline, keeps no half-state, and one call at a time', async () => {
    const db = newDb();
    const status = createSyncStatus(db);
    const offline: CustomersApi = {
      call: async () => {
        throw new ApiError({ kind: 'network', message: 'The server could not be reached.' });
      },
    };
    let pushes = 0;
    const engine = createSyncEngine({ db, api: offline, status, scope: '', drainOutbox: async () => (pushes++, { paused: null }) });
    const [a, b] = [engine.syncNow(), engine.syncNow()];
    expect(a).toBe(b);
    expect(await a).toMatchObject({ outcome: 'failed', failure: { kind: 'network' }, message: { key: 'sync.failed.network' } });
    expect(pushes).toBe(1);
    expect(status.get()).toMatchObject({ connectivity: 'offline', phase: 'idle', progress: null });
    expect(engine.isRunning()).toBe(false);
  });

  it('reports a cancelled sync as cancelled', async () => {
    const db = newDb();
    const controller = new AbortController();
    const { api } = spyApi(apiOf(sandbox()), (operation, n) => {
      if (operation === 'listCustomers' && n === 2) controller.abort();
    });
    const engine = createSyncEngine({ db, api, scope: '', pageSize: 10, drainOutbox: async () => ({ paused: null }) });
    expect(await engine.syncNow({ signal: controller.signal })).toMatchObject({ outcome: 'cancelled', pull: null });
  });
});
