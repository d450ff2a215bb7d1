import { describe, expect, it } from 'vitest';
import type { CustomersApi, OperationName } from '../../shared/api';
import { createAddress, createCustomer, updateCustomer } from '../../renderer/src/outbox';
import { drainOutbox } from '../../renderer/src/sync/push';
import { apiOf, arrived, openDb, syncedFixture, useSandbox } from './outbox-fixtures';

// The app dies mid-drain. On the next start (a new database instance) the entry left in
// `sending` is checked against the server before anything else is sent for that record, once
// the request it stood for can no longer be on its way (DrainOptions.inFlightGraceMs).

const sandbox = useSandbox();
/** A restart after the in-flight grace: the dead drain's request has certainly ended. */
const later = { now: () => Date.now() + 61_000 };

/** The real client, but the process "dies" right after the server answered `operation`. */
function crashingApi(api: CustomersApi, operation: OperationName): CustomersApi {
  return {
    call: (async (op: OperationName, ...args: unknown[]) => {
      const result = await (api.call as (o: OperationName, ...a: unknown[]) => Promise<unknown>)(op, ...args);
      if (op === operation) throw new Error('the app crashed');
      return result;
    }) as CustomersApi['call'],
  };
}

describe('a crash mid-drain', () => {
  it('after the server applied a create: adopted on restart, not duplicated', async () => {
    const s = sandbox();
    const name = `crash-${crypto.randomUUID()}`;
    const before = openDb(name);
    const guid = await syncedFixture(s, before);
    await createAddress(before, guid, { street: 'Kraschgatan', city: 'Växjö' });
    await updateCustomer(before, guid, { email: 'after-crash@example.se' });
    await expect(drainOutbox(before, crashingApi(apiOf(s), 'createAddress'), { concurrency: 1 })).rejects.toThrow('the app crashed');
    expect((await before.outbox.toArray()).find((e) => e.entity === 'address')?.state).toBe('sending');
    before.close();

    const after = openDb(name);
    expect(await drainOutbox(after, apiOf(s), later)).toMatchObject({ sent: 2, remaining: 0 });
    expect(arrived(s, 'createAddress')).toBe(1);
    expect(s.store.record(guid)!.customer.addresses!.filter((a) => a.street === 'Kraschgatan')).toHaveLength(1);
    expect(s.store.record(guid)?.customer.email).toBe('after-crash@example.se');
    const adopted = s.store.record(guid)!.customer.addresses!.find((a) => a.street === 'Kraschgatan')!;
    expect(await after.addresses.get(adopted.addressGuid)).toMatchObject({ serverId: adopted.addressGuid });
  });

  it('before the request left: found not applied on restart, sent once', async () => {
    const s = sandbox();
    const name = `crash-${crypto.randomUUID()}`;
    const before = openDb(name);
    const guid = await createCustomer(before, { fullName: 'Never Sent AB', juridicalType: 1 });
    await before.outbox.toCollection().modify({ state: 'sending', attempts: 1 });
    before.close();

    const after = openDb(name);
    expect(await drainOutbox(after, apiOf(s))).toMatchObject({ sent: 1, remaining: 0 });
    expect(arrived(s, 'getCustomer')).toBe(1); // looked first
    expect(arrived(s, 'createCustomer')).toBe(1);
    expect(s.store.record(guid)).toBeDefined();
  });

  it('after the server applied an update: recognised by its values, not sent again', async () => {
    const s = sandbox();
    const name = `crash-${crypto.randomUUID()}`;
    const before = openDb(name);
    const guid = await syncedFixture(s, before);
    await updateCustomer(before, guid, { email: 'applied@example.se' });
    await expect(drainOutbox(before, crashingApi(apiOf(s), 'updateCustomer'))).rejects.toThrow('the app crashed');
    before.close();

    const after = openDb(name);
    expect(await drainOutbox(after, apiOf(s), later)).toMatchObject({ sent: 1, remaining: 0 });
    expect(arrived(s, 'updateCustomer')).toBe(1);
    expect((await after.customers.get(guid))?.email).toBe('applied@example.se');
  });

  it('when only the renderer restarted and the request lands late: waits, then adopts it (no duplicate)', async () => {
    // Regression (found by the chaos test): requests run in the main process, which outlives a
    // renderer reload. The new renderer looked at once, found nothing (the request was still on
    // a slow network), sent the create again, and then the first one landed too.
    const s = sandbox();
    const name = `crash-${crypto.randomUUID()}`;
    const before = openDb(name);
    const guid = await syncedFixture(s, before);
    await createAddress(before, guid, { street: 'Sengatan', city: 'Kalix' });
    let land: () => void = () => undefined;
    const landed = new Promise<void>((resolve) => (land = resolve));
    // The renderer dies while main's request is on its way: the request is sent only later.
    const slow: CustomersApi = {
      call: (async (op: OperationName, ...args: unknown[]) => {
        if (op !== 'createAddress') return (apiOf(s).call as (o: OperationName, ...a: unknown[]) => Promise<unknown>)(op, ...args);
        void landed.then(() => (apiOf(s).call as (o: OperationName, ...a: unknown[]) => Promise<unknown>)(op, ...args));
        throw new Error('the renderer reloaded');
      }) as CustomersApi['call'],
    };
    const t0 = Date.now();
    await expect(drainOutbox(before, slow, { now: () => t0 })).rejects.toThrow('the renderer reloaded');
    before.close();

    const after = openDb(name);
    expect(await drainOutbox(after, apiOf(s), { now: () => t0 + 1_000 })).toMatchObject({ sent: 0, retryLater: 1, remaining: 1 });
    expect(arrived(s, 'createAddress')).toBe(0);
    land();
    await expect.poll(() => arrived(s, 'createAddress')).toBe(1);
    await expect.poll(() => s.store.record(guid)!.customer.addresses!.filter((a) => a.street === 'Sengatan').length).toBe(1);

    expect(await drainOutbox(after, apiOf(s), { now: () => t0 + 61_000 })).toMatchObject({ sent: 1, remaining: 0 });
    expect(arrived(s, 'createAddress')).toBe(1);
    expect(s.store.record(guid)!.customer.addresses!.filter((a) => a.street === 'Sengatan')).toHaveLength(1);
  });
});
