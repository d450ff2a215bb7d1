import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { useSandbox } from './helpers';

const ctx = useSandbox({ customers: 20 });

afterEach(async () => {
  await ctx.client.admin('reset');
});

/** Waits (by polling the admin stats, not the clock) until the server holds `n` requests. */
async function untilInFlight(n: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await ctx.client.admin('stats')).body.inFlight >= n) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`never saw ${n} requests in flight`);
}

describe('fault injection', () => {
  it('delays requests: a slow request started first finishes after a fast one started later', async () => {
    await ctx.client.login();
    await ctx.client.admin('setFaults', { latencyMs: 400 });
    const order: string[] = [];
    const slow = ctx.client.call('ping', {}).then((r) => order.push(`slow ${r.status}`));
    await untilInFlight(1);
    await ctx.client.admin('setFaults', { latencyMs: 0 });
    await ctx.client.call('ping', {}).then((r) => order.push(`fast ${r.status}`));
    await slow;
    expect(order).toEqual(['fast 200', 'slow 200']);
    expect(ctx.sandbox.stats.get().faults.delayed).toBe(1);
  });

  it('dropRateAfterCommit 1: the fetch fails, yet the write happened (exactly once)', async () => {
    const customerGuid = randomUUID();
    ctx.sandbox.faults.set({ dropRateAfterCommit: 1 });
    await expect(ctx.client.call('createCustomer', {}, { body: { customerGuid, fullName: 'Dropped AB' } })).rejects.toThrow();
    ctx.sandbox.faults.set({ dropRateAfterCommit: 0 });
    const read = await ctx.client.call('getCustomer', { guid: customerGuid });
    expect(read).toMatchObject({ status: 200, body: { fullName: 'Dropped AB' } });
    const stats = ctx.sandbox.stats.get();
    expect(stats.byOperation.createCustomer).toBe(1);
    expect(stats.byOperationStatus.createCustomer).toEqual({ dropped: 1 });
  });

  it('errorRateBeforeCommit 1: 5xx and nothing changed', async () => {
    const before = ctx.sandbox.store.snapshot();
    await ctx.client.admin('setFaults', { errorRateBeforeCommit: 1 });
    const reply = await ctx.client.call('createCustomer', {}, { body: { fullName: 'Never AB' } });
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({ status: 503 });
    const guid = ctx.sandbox.store.ordered()[0]?.customer.customerGuid as string;
    expect((await ctx.client.call('deleteCustomer', { customerGuid: guid })).status).toBe(503);
    expect(ctx.sandbox.store.snapshot()).toEqual(before);
    await ctx.client.admin('setFaults', { errorStatus: 500 });
    expect((await ctx.client.call('ping', {})).status).toBe(500);
  });

  it('throttleRate 1: 429 with Retry-After, but the token and admin endpoints still work', async () => {
    await ctx.client.admin('setFaults', { throttleRate: 1, retryAfterSeconds: 7 });
    const reply = await ctx.client.call('ping', {}, { auth: { bearer: await ctx.client.login() } });
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('7');
    expect((await ctx.client.admin('getFaults')).status).toBe(200);
  });

  it('replays the same faults from the same seed', async () => {
    await ctx.client.login();
    const run = async (): Promise<number[]> => {
      await ctx.client.admin('setFaults', { seed: 42, errorRateBeforeCommit: 0.3, throttleRate: 0.2 });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await ctx.client.call('ping', {})).status);
      return statuses;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([200, 429, 503]));
    expect(await run()).toEqual(first);
  });
});

describe('the admin endpoints', () => {
  it('reads and sets the fault settings', async () => {
    const initial = await ctx.client.admin('getFaults');
    expect(initial.body).toMatchObject({ latencyMs: 0, errorRateBeforeCommit: 0, dropRateAfterCommit: 0, throttleRate: 0, expireTokens: false });
    const set = await ctx.client.admin('setFaults', { latencyMs: 5, throttleRate: 0.5 });
    expect(set.body).toMatchObject({ latencyMs: 5, throttleRate: 0.5, errorRateBeforeCommit: 0 });
    expect(ctx.sandbox.faults.get()).toEqual(set.body);
  });

  it('validates the body: 400 naming the field', async () => {
    const range = await ctx.client.admin('setFaults', { throttleRate: 2 });
    expect(range.status).toBe(400);
    expect(range.body.errors).toHaveProperty('throttleRate');
    const unknown = await ctx.client.admin('setFaults', { throttle: 1 });
    expect(unknown.body.errors).toHaveProperty('throttle');
    const type = await ctx.client.admin('setFaults', { latencyMs: '10' });
    expect(type.body.errors).toHaveProperty('latencyMs');
    expect(ctx.sandbox.faults.get().throttleRate).toBe(0);
  });

  it('resets data, faults and stats', async () => {
    const guid = ctx.sandbox.store.ordered()[0]?.customer.customerGuid as string;
    await ctx.client.call('deleteCustomer', { customerGuid: guid });
    await ctx.client.admin('setFaults', { latencyMs: 3 });
    expect((await ctx.client.admin('reset')).status).toBe(204);
    expect(ctx.sandbox.store.snapshot()).toEqual({ customers: [], deleted: [] });
    expect((await ctx.client.call('getCustomer', { guid })).status).toBe(200);
    expect(ctx.sandbox.faults.get().latencyMs).toBe(0);
    expect((await ctx.client.admin('stats')).body.byOperation).toEqual({ getCustomer: 1 });
  });
});
