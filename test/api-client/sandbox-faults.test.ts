import { describe, expect, it, vi } from 'vitest';
import { startSandbox } from '../../electron/sandbox';
import { failureFrom, guid } from './helpers';
import { clientOf, useSandbox } from './sandbox-helpers';

/*
 * The sandbox's fault injection against the client: throttling, server faults, latency beyond
 * the timeout, connections dropped after the commit, refused connections, and the 4xx kinds.
 * Delays are asserted as what the client asked its injected sleep for, never as time taken.
 */

const sandbox = useSandbox();
const firstCustomer = (): string => sandbox().store.ordered()[0]?.customer.customerGuid ?? '';

describe('reads are retried', () => {
  it('waits out the Retry-After of a 429, then succeeds', async () => {
    sandbox().faults.set({ throttleRate: 1, retryAfterSeconds: 2 });
    const delays: number[] = [];
    // The sleep lifts the throttle, as time would: the retry then gets through.
    const sleep = async (ms: number) => {
      delays.push(ms);
      sandbox().faults.set({ throttleRate: 0 });
    };
    const { client } = clientOf(sandbox(), { sleep });
    await expect(client.ops.getCustomer({ guid: firstCustomer() })).resolves.toMatchObject({ customerGuid: firstCustomer() });
    expect(delays).toEqual([2000]);
    expect(sandbox().stats.get().byOperationStatus.getCustomer).toEqual({ '429': 1, '200': 1 });
  });

  it('gives up with rate-limited after maxAttempts, carrying retryAfterMs', async () => {
    sandbox().faults.set({ throttleRate: 1, retryAfterSeconds: 3 });
    const { client, delays } = clientOf(sandbox());
    expect(await failureFrom(client.ops.ping({}))).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterMs: 3000 });
    expect(delays).toEqual([3000, 3000]);
  });

  it('retries seeded 5xx faults until every read succeeds', async () => {
    sandbox().faults.set({ errorRateBeforeCommit: 0.4, seed: 7 });
    const { client, delays } = clientOf(sandbox(), { retry: { maxAttempts: 8, baseDelayMs: 10, maxDelayMs: 100 } });
    for (let skip = 0; skip < 20; skip++) await client.ops.listCustomers({}, undefined, { skip, top: 1 });
    const { faults, byOperationStatus } = sandbox().stats.get();
    expect(faults.errors).toBeGreaterThan(0);
    expect(delays).toHaveLength(faults.errors);
    expect(byOperationStatus.listCustomers?.['200']).toBe(20);
  });

  it('gives up with server after maxAttempts', async () => {
    sandbox().faults.set({ errorRateBeforeCommit: 1, errorStatus: 502 });
    const { client, delays } = clientOf(sandbox());
    expect(await failureFrom(client.ops.ping({}))).toMatchObject({ kind: 'server', status: 502 });
    expect(delays).toHaveLength(2);
    expect(sandbox().stats.get().byOperation.ping).toBe(3);
  });
});

describe('timeouts', () => {
  it('a read slower than the timeout is timeout, after its retries', async () => {
    sandbox().faults.set({ latencyMs: 400 });
    const { client, delays } = clientOf(sandbox(), { timeoutMs: 100 });
    expect((await failureFrom(client.ops.ping({}))).kind).toBe('timeout');
    expect(delays).toHaveLength(2);
  });

  it('a write slower than the timeout is unknown-outcome, sent once, and in fact committed', async () => {
    sandbox().faults.set({ latencyMs: 300 });
    const { client, delays } = clientOf(sandbox(), { timeoutMs: 50 });
    const customerGuid = firstCustomer();
    const failure = await failureFrom(client.ops.createExtraField({ customerGuid }, { name: 'Slow', value: ['1'] }));
    expect(failure.kind).toBe('unknown-outcome');
    expect(delays).toEqual([]);
    expect(sandbox().stats.get().byOperation.createExtraField).toBe(1);
    sandbox().faults.set({ latencyMs: 0 });
    await vi.waitFor(async () => expect((await client.ops.getExtraField({ customerGuid, name: 'Slow' })).value).toEqual(['1']));
  });
});

describe('unknown outcome', () => {
  it('a write whose connection drops after the commit fails as unknown-outcome, yet re-reading shows it committed', async () => {
    const customerGuid = firstCustomer();
    sandbox().faults.set({ dropRateAfterCommit: 1 });
    const { client } = clientOf(sandbox());
    const failure = await failureFrom(client.ops.createParameters({ customerGuid }, [{ name: 'Dropped', value: 'yes' }]));
    expect(failure).toMatchObject({ kind: 'unknown-outcome', operation: 'createParameters' });
    expect(sandbox().stats.get().byOperation.createParameters).toBe(1);
    sandbox().faults.set({ dropRateAfterCommit: 0 });
    expect((await client.ops.getParameter({ customerGuid, name: 'Dropped' })).value).toBe('yes');
  });

  it('a dropped read is network, retried', async () => {
    sandbox().faults.set({ dropRateAfterCommit: 1 });
    const { client, delays } = clientOf(sandbox());
    expect((await failureFrom(client.ops.ping({}))).kind).toBe('network');
    expect(delays).toHaveLength(2);
  });

  it('a refused connection on a write is network: it certainly was not processed', async () => {
    const gone = await startSandbox({ customers: 1 });
    const { client } = clientOf(gone);
    await client.ops.ping({}); // holds a token, so the write itself meets the closed port
    await gone.close();
    const failure = await failureFrom(client.ops.deleteCustomer({ customerGuid: guid(1) }));
    expect(failure.kind).toBe('network');
    expect(failure.message).toContain('ECONNREFUSED');
  });
});

describe('4xx kinds', () => {
  it('a 400 names the field: a tenant rule, an answer not offered, a bad $filter', async () => {
    const { client } = clientOf(sandbox());
    const currency = await failureFrom(client.ops.updateCustomer({ customerGuid: firstCustomer() }, { currencyCode: 'XTS' }));
    expect(currency).toMatchObject({ kind: 'validation', status: 400 });
    expect(currency.fieldErrors).toHaveProperty('currencyCode');

    const filter = await failureFrom(client.ops.listCustomers({}, undefined, { filter: 'fullName eq' }));
    expect(filter.kind).toBe('validation');
    expect(filter.fieldErrors).toHaveProperty('$filter');
  });

  it('the server checks bodies too (client-side checking off)', async () => {
    const { client } = clientOf(sandbox(), { validateBodies: false });
    // @ts-expect-error: a field the reference does not allow
    const failure = await failureFrom(client.ops.updateCustomer({ customerGuid: firstCustomer() }, { fullName: 'Renamed' }));
    expect(failure).toMatchObject({ kind: 'validation', status: 400, fieldErrors: { fullName: ['Is not a field of this request'] } });
  });

  it('404 is not-found and 409 is conflict', async () => {
    const { client } = clientOf(sandbox());
    expect(await failureFrom(client.ops.getCustomer({ guid: guid(424242) }))).toMatchObject({ kind: 'not-found', status: 404 });
    const existing = firstCustomer();
    const again = await failureFrom(client.ops.createCustomer({}, { customerGuid: existing, fullName: 'Twin AB' }));
    expect(again).toMatchObject({ kind: 'conflict', status: 409 });
    expect(again.problem?.detail).toContain(existing);
  });
});
