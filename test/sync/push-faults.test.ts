import { describe, expect, it } from 'vitest';
import { createAddress, createCustomer, updateCustomer } from '../../renderer/src/outbox';
import { backoffDelay, nextAttemptAt } from '../../renderer/src/sync/backoff';
import { drainOutbox } from '../../renderer/src/sync/push';
import { apiOf, arrived, openDb, syncedFixture, useSandbox } from './outbox-fixtures';

// Transient failures: back off (never sooner than Retry-After), keep everything, succeed later.

const sandbox = useSandbox();
const t0 = 1_800_000_000_000;

describe('back-off', () => {
  it('is capped, exponential and fully jittered', () => {
    expect(backoffDelay(1, () => 0.999)).toBe(1998);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
    expect(backoffDelay(30, () => 0.999)).toBe(299_700);
    expect(backoffDelay(5, () => 0)).toBe(0);
    expect(nextAttemptAt(t0, 1, () => 0.5, 60_000)).toBe(t0 + 60_000);
  });
});

describe('transient failures', () => {
  it('429: notBefore honours Retry-After; the entry waits, then goes', async () => {
    const s = sandbox();
    const db = openDb();
    const api = apiOf(s);
    const guid = await createCustomer(db, { fullName: 'Throttled AB', juridicalType: 1 });
    s.faults.set({ throttleRate: 1, retryAfterSeconds: 120 });
    let now = t0;
    const result = await drainOutbox(db, api, { now: () => now, random: () => 0 });
    expect(result).toMatchObject({ sent: 0, retryLater: 1, nextAttemptAt: t0 + 120_000 });
    expect((await db.outbox.toArray())[0]).toMatchObject({ state: 'pending', attempts: 1, notBefore: t0 + 120_000, lastFailure: { kind: 'rate-limited' } });

    s.faults.reset();
    now = t0 + 119_000;
    expect(await drainOutbox(db, api, { now: () => now })).toMatchObject({ sent: 0, retryLater: 1 });
    expect(arrived(s, 'createCustomer')).toBe(1);
    now = t0 + 120_000;
    expect(await drainOutbox(db, api, { now: () => now })).toMatchObject({ sent: 1, retryLater: 0, remaining: 0 });
    expect(s.store.record(guid)).toBeDefined();
  });

  it('a 5xx before commit: reconciled (not applied), retried later, then sent exactly once', async () => {
    const s = sandbox();
    const db = openDb();
    const api = apiOf(s);
    const guid = await syncedFixture(s, db);
    const address = await createAddress(db, guid, { street: 'Felgatan', city: 'Borås' });
    await updateCustomer(db, guid, { email: 'retry@example.se' });
    s.faults.set({ errorRateBeforeCommit: 1 });
    let now = t0;
    const first = await drainOutbox(db, api, { now: () => now, random: () => 0.5 });
    expect(first).toMatchObject({ sent: 0, retryLater: 2, paused: null });
    const entries = await db.outbox.orderBy('seq').toArray();
    // The create's outcome is still unknown (its check could not read either): it stays `sending`.
    expect(entries.map((e) => [e.op, e.state, e.lastFailure?.kind])).toEqual([
      ['create', 'sending', 'unknown-outcome'],
      ['update', 'pending', 'server'],
    ]);
    expect(entries.every((e) => e.notBefore > now)).toBe(true);

    s.faults.reset();
    now = t0 + 10 * 60_000;
    expect(await drainOutbox(db, api, { now: () => now })).toMatchObject({ sent: 2, remaining: 0 });
    const addresses = s.store.record(guid)!.customer.addresses!;
    expect(addresses.filter((a) => a.street === 'Felgatan')).toHaveLength(1);
    expect(s.store.record(guid)?.customer.email).toBe('retry@example.se');
    expect(await db.idMap.get(address)).toBeDefined();
  });

  it('an unreachable server: nothing is lost, everything goes once it is back', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await createCustomer(db, { fullName: 'Offline AB', juridicalType: 1 });
    const unreachable = apiOf({ ...s, url: 'http://127.0.0.1:1/demo/APIGW' } as typeof s);
    const result = await drainOutbox(db, unreachable, { now: () => t0 });
    expect(result.sent).toBe(0);
    expect((await db.outbox.toArray())[0]).toMatchObject({ state: 'pending', attempts: 1 });
    expect(await drainOutbox(db, apiOf(s), { now: () => t0 + 3_600_000 })).toMatchObject({ sent: 1 });
    expect(s.store.record(guid)).toBeDefined();
  });
});
