import { describe, expect, it } from 'vitest';
import type { CustomersApi, OperationName } from '../../shared/api';
import { createAddress, createCustomer, updateCustomer } from '../../renderer/src/outbox';
import { drainOutbox } from '../../renderer/src/sync/push';
import { apiOf, arrived, openDb, syncedFixture, useSandbox } from './outbox-fixtures';

// The app dies mid-drain. On the next start (a new database instance) the entry left in
// `sending` is checked against the server before anything else is sent for that record.

const sandbox = useSandbox();

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
    expect(await drainOutbox(after, apiOf(s))).toMatchObject({ sent: 2, remaining: 0 });
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
    expect(await drainOutbox(after, apiOf(s))).toMatchObject({ sent: 1, remaining: 0 });
    expect(arrived(s, 'updateCustomer')).toBe(1);
    expect((await after.customers.get(guid))?.email).toBe('applied@example.se');
  });
});
