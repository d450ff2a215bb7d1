import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureCustomer, useSandbox, type Client } from './helpers';

const ctx = useSandbox({ customers: 120 });

async function allGuids(client: Client, orderby?: string): Promise<string[]> {
  const guids: string[] = [];
  for (let skip = 0; ; skip += 100) {
    const page = (await client.call('listCustomers', {}, { query: { skip, top: 100, ...(orderby ? { orderby } : {}) } })).body;
    guids.push(...page.value.map((c: { customerGuid: string }) => c.customerGuid));
    if (skip + 100 >= page.total) return guids;
  }
}

describe('list paging', () => {
  it('defaults to $top 25 and $skip 0, and reports count, skip and total', async () => {
    const first = (await ctx.client.call('listCustomers', {})).body;
    expect(first).toMatchObject({ count: 25, skip: 0, total: 120 });
    const last = (await ctx.client.call('listCustomers', {}, { query: { skip: 110, top: 100 } })).body;
    expect(last).toMatchObject({ count: 10, skip: 110, total: 120 });
    const past = (await ctx.client.call('listCustomers', {}, { query: { skip: 500 } })).body;
    expect(past).toMatchObject({ count: 0, skip: 500, total: 120, value: [] });
    const none = (await ctx.client.call('listCustomers', {}, { query: { top: 0 } })).body;
    expect(none).toMatchObject({ count: 0, total: 120 });
  });

  it.each([
    ['$top', { extra: { $top: '101' } }],
    ['$top', { extra: { $top: 'abc' } }],
    ['$top', { extra: { $top: '-1' } }],
    ['$skip', { extra: { $skip: '-1' } }],
    ['$skip', { extra: { $skip: '1.5' } }],
    ['$skip', { extra: { $skip: '' } }],
    ['$orderBy', { extra: { $orderBy: 'fullName', $OrderBy: 'x' } }],
    ['$count', { extra: { $count: 'true' } }],
  ])('rejects a bad %s with a 400 naming it', async (option, { extra }) => {
    const reply = await ctx.client.call('listCustomers', {}, { extra });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/u);
    expect(Object.keys(reply.body.errors).map((k) => k.toLowerCase())).toContain(option.toLowerCase());
  });

  it('matches option names case-insensitively', async () => {
    const reply = await ctx.client.call('listCustomers', {}, { extra: { $TOP: '3' } });
    expect(reply.body.count).toBe(3);
  });

  it('sorts stably: the GUID breaks ties, and property names match case-insensitively', async () => {
    const byJuridical = await allGuids(ctx.client, 'JURIDICALTYPE desc');
    const records = ctx.sandbox.store.ordered().map((r) => r.customer);
    const expected = [...records]
      .sort((a, b) => (b.juridicalType ?? -1) - (a.juridicalType ?? -1) || (a.customerGuid.toLowerCase() < b.customerGuid.toLowerCase() ? -1 : 1))
      .map((c) => c.customerGuid);
    expect(byJuridical).toEqual(expected);
  });
});

describe('$filter and $orderby errors', () => {
  it('names the offending token and its position', async () => {
    const reply = await ctx.client.call('listCustomers', {}, { query: { filter: "fullName eq 'x' andd email eq null" } });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toContain("'andd'");
    expect(reply.body.detail).toContain('position 16');
    expect(reply.body).toMatchObject({ token: 'andd', position: 16, errors: { $filter: [expect.stringContaining('andd')] } });
  });

  it.each([
    ['unknown property', { filter: "nickname eq 'x'" }, '$filter', 'nickname'],
    ['type mismatch', { filter: "juridicalType eq 'company'" }, '$filter', "'company'"],
    ['unterminated string', { filter: "fullName eq 'x" }, '$filter', "'x"],
    ['unknown function', { filter: "substringof('a', fullName)" }, '$filter', 'substringof'],
    ['unknown property in $orderby', { orderby: 'shoeSize desc' }, '$orderby', 'shoeSize'],
    ['bad direction', { orderby: 'fullName sideways' }, '$orderby', 'sideways'],
  ])('400 for %s', async (_what, query, option, token) => {
    const reply = await ctx.client.call('listCustomers', {}, { query });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toHaveProperty([option]);
    expect(reply.body.detail).toContain(token);
  });

  it('applies filters to child lists with their own fields', async () => {
    const guid = ctx.sandbox.store.ordered()[0]?.customer.customerGuid as string;
    const ok = await ctx.client.call('listMandates', { customerGuid: guid }, { query: { filter: 'directDebitMandateType ge 1', orderby: 'validfrom desc' } });
    expect(ok.status).toBe(200);
    const wrong = await ctx.client.call('listMandates', { customerGuid: guid }, { query: { filter: "fullName eq 'x'" } });
    expect(wrong.status).toBe(400);
  });
});

describe('paging while the data changes', () => {
  it('sees inserts and deletes made between pages (offset paging over the live data)', async () => {
    const store = ctx.sandbox.store;
    const page1 = (await ctx.client.call('listCustomers', {}, { query: { top: 10 } })).body;
    expect(page1.total).toBe(120);

    // A customer sorting first (by GUID) and the deletion of one on page 1 shift page 2 by net zero...
    store.insertCustomer(fixtureCustomer('00000000-0000-4000-8000-00000000abcd'));
    store.deleteCustomer(page1.value[3].customerGuid);
    const page2 = (await ctx.client.call('listCustomers', {}, { query: { skip: 10, top: 10 } })).body;
    expect(page2.total).toBe(120);
    expect(page2.value[0].customerGuid).toBe(store.ordered()[10]?.customer.customerGuid);

    // ...and one more insert shows up in the total and in the first page straight away.
    store.insertCustomer(fixtureCustomer(randomUUID(), { fullName: 'Inserted Mid-walk' }));
    const filtered = (await ctx.client.call('listCustomers', {}, { query: { filter: "fullName eq 'inserted mid-walk'" } })).body;
    expect(filtered.total).toBe(1);
    expect((await ctx.client.call('listCustomers', {}, { query: { top: 1 } })).body.value[0].customerGuid).toBe('00000000-0000-4000-8000-00000000abcd');
  });
});
