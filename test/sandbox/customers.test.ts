import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { buildPath, routes, schemas } from '../../shared/api';
import { coverage, uncovered, unknownGuid, useSandbox } from './helpers';

const ctx = useSandbox({ customers: 40 });

function anyCustomerGuid(): string {
  const first = ctx.sandbox.store.ordered()[0];
  if (!first) throw new Error('no seeded customers');
  return first.customer.customerGuid;
}

describe('customers', () => {
  it('lists customers in the envelope, validated by the shared schema', async () => {
    const reply = await ctx.client.call('listCustomers', {}, { query: { top: 5 } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const page = v.parse(schemas.listEnvelope(routes.listCustomers.result), reply.body);
    expect(page).toMatchObject({ count: 5, skip: 0, total: 40 });
  });

  it('rejects $top over 100 on the list', async () => {
    const reply = await ctx.client.call('listCustomers', {}, { query: { top: 101 } });
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(reply.body.errors).toHaveProperty('$top');
  });

  it('creates a person: derived full name, LEGAL default address, regDate, Location, no write-only fields', async () => {
    const { channels, currencies } = ctx.sandbox.tenant;
    const reply = await ctx.client.call('createCustomer', {}, {
      body: {
        firstname: 'Anna', middlename: 'Maria', lastname: 'Svensson', juridicalType: 0, email: 'anna@example.se',
        street: 'Storgatan', houseNo: '1', zipCode: '111 22', city: 'Stockholm', countryCode: 'SE',
        preferredChannel: channels[0], currencyCode: currencies[0], clientReference: 'CRM-1',
      },
    });
    expect(reply.status).toBe(201);
    const customer = v.parse(routes.createCustomer.result, reply.body);
    expect(customer.fullName).toBe('Anna Maria Svensson');
    expect(customer.regDate).toMatch(/^\d{4}-\d{2}-\d{2}T/u);
    expect(customer.addresses).toHaveLength(1);
    expect(customer.addresses?.[0]).toMatchObject({ addressType: 'LEGAL', defaultAddress: true, fullAddress: 'Storgatan 1, 111 22 Stockholm, SE' });
    expect(reply.body).not.toHaveProperty('clientReference');
    expect(reply.headers.get('location')).toBe(ctx.sandbox.basePath + buildPath('getCustomer', { guid: customer.customerGuid }));
    // Write-only fields are kept, just not returned.
    expect(ctx.sandbox.store.record(customer.customerGuid)?.clientReference).toBe('CRM-1');
    const read = await ctx.client.call('getCustomer', { guid: customer.customerGuid });
    expect(read.body).toEqual(reply.body);
  });

  it('accepts a client-assigned GUID once, then answers 409', async () => {
    const customerGuid = randomUUID();
    const body = { customerGuid, fullName: 'Offline AB', juridicalType: 1 };
    expect((await ctx.client.call('createCustomer', {}, { body })).status).toBe(201);
    const again = await ctx.client.call('createCustomer', {}, { body: { ...body, customerGuid: customerGuid.toUpperCase() } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 409, title: 'Conflict' });
  });

  it('names every invalid field: schema rules and tenant rules', async () => {
    const schema = await ctx.client.call('createCustomer', {}, { body: { juridicalType: 1, firstname: 'A', bogus: 1 } });
    expect(schema.status).toBe(400);
    expect(Object.keys(schema.body.errors)).toEqual(expect.arrayContaining(['bogus']));
    const names = await ctx.client.call('createCustomer', {}, { body: { juridicalType: 1, firstname: 'A', lastname: 'B' } });
    expect(names.body.errors).toHaveProperty('fullName');

    const tenant = await ctx.client.call('createCustomer', {}, {
      body: { fullName: 'X', preferredChannel: 'letter', invoiceChannel: 'FAX', currencyCode: 'XXX', parentCustomer: unknownGuid },
    });
    expect(tenant.status).toBe(400);
    expect(Object.keys(tenant.body.errors).sort()).toEqual(['currencyCode', 'invoiceChannel', 'parentCustomer', 'preferredChannel']);
  });

  it('accepts an existing parent customer (write-only)', async () => {
    const parent = anyCustomerGuid();
    const reply = await ctx.client.call('createCustomer', {}, { body: { fullName: 'Child AB', juridicalType: 1, parentCustomer: parent } });
    expect(reply.status).toBe(201);
    expect(reply.body).not.toHaveProperty('parentCustomer');
    expect(ctx.sandbox.store.record(reply.body.customerGuid)?.parentCustomer).toBe(parent);
  });

  it('gets a customer, and 404 for an unknown one', async () => {
    const guid = anyCustomerGuid();
    const reply = await ctx.client.call('getCustomer', { guid });
    expect(reply.status).toBe(200);
    expect(v.parse(routes.getCustomer.result, reply.body).customerGuid).toBe(guid);
    const missing = await ctx.client.call('getCustomer', { guid: unknownGuid });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, instance: expect.stringContaining(unknownGuid) });
  });

  it('updates: present fields set, null clears, absent keep; a derived full name follows the names', async () => {
    const created = await ctx.client.call('createCustomer', {}, {
      body: { firstname: 'Per', lastname: 'Ek', email: 'per@example.se', cellularPhone: '0701234567' },
    });
    const customerGuid = created.body.customerGuid as string;
    const update = await ctx.client.call('updateCustomer', { customerGuid }, { body: { lastname: 'Lind', email: null } });
    expect(update.status).toBe(204);
    expect(update.body).toBeUndefined();
    const read = (await ctx.client.call('getCustomer', { guid: customerGuid })).body;
    expect(read).toMatchObject({ lastname: 'Lind', fullName: 'Per Lind', email: null, cellularPhone: '0701234567' });
  });

  it('keeps an explicitly given full name when the names change', async () => {
    const created = await ctx.client.call('createCustomer', {}, { body: { fullName: 'Dr. P. Ek', firstname: 'Per', lastname: 'Ek' } });
    const customerGuid = created.body.customerGuid as string;
    await ctx.client.call('updateCustomer', { customerGuid }, { body: { lastname: 'Lind' } });
    expect((await ctx.client.call('getCustomer', { guid: customerGuid })).body.fullName).toBe('Dr. P. Ek');
  });

  it('rejects update fields the reference does not allow, and unknown customers', async () => {
    const guid = anyCustomerGuid();
    // fullName and address fields belong to the create only.
    for (const field of ['fullName', 'street', 'clientReference']) {
      const bad = await ctx.client.call('updateCustomer', { customerGuid: guid }, { body: { [field]: 'X' } });
      expect(bad.status).toBe(400);
      expect(bad.body.errors[field]).toEqual(['Is not a field of this request']);
    }
    const self = await ctx.client.call('updateCustomer', { customerGuid: guid }, { body: { parentCustomer: guid } });
    expect(self.body.errors).toHaveProperty('parentCustomer');
    const missing = await ctx.client.call('updateCustomer', { customerGuid: unknownGuid }, { body: { email: null } });
    expect(missing.status).toBe(404);
  });

  it('deletes a customer with its children; afterwards everything about it is 404', async () => {
    const guid = ctx.sandbox.store.ordered()[1]?.customer.customerGuid as string;
    expect((await ctx.client.call('listParameters', { customerGuid: guid })).status).toBe(200);
    expect((await ctx.client.call('deleteCustomer', { customerGuid: guid })).status).toBe(204);
    expect((await ctx.client.call('getCustomer', { guid })).status).toBe(404);
    expect((await ctx.client.call('listParameters', { customerGuid: guid })).status).toBe(404);
    expect((await ctx.client.call('deleteCustomer', { customerGuid: guid })).status).toBe(404);
  });

  it('serves the ledger summary of a seeded customer (generated on first access)', async () => {
    const reply = await ctx.client.call('getLedgerSummary', { guid: anyCustomerGuid() });
    expect(reply.status).toBe(200);
    v.parse(routes.getLedgerSummary.result, reply.body);
    expect((await ctx.client.call('getLedgerSummary', { guid: unknownGuid })).status).toBe(404);
  });

  it('serves accrued interest as a plain array with the list options', async () => {
    const guid = anyCustomerGuid();
    const reply = await ctx.client.call('listAccruedInterest', { guid }, { query: { orderby: 'loanGuid desc', top: 100 } });
    expect(reply.status).toBe(200);
    expect(Array.isArray(reply.body)).toBe(true);
    for (const row of reply.body) v.parse(routes.listAccruedInterest.result, row);
    const guids = (reply.body as { loanGuid: string }[]).map((r) => r.loanGuid.toLowerCase());
    expect(guids).toEqual([...guids].sort().reverse());
    expect((await ctx.client.call('listAccruedInterest', { guid: unknownGuid })).status).toBe(404);
    expect((await ctx.client.call('listAccruedInterest', { guid }, { query: { skip: -1 } })).status).toBe(400);
  });

  it('answers ping with {} but only with a credential', async () => {
    const reply = await ctx.client.call('ping', {});
    expect(reply).toMatchObject({ status: 200, body: {} });
    const anonymous = await ctx.client.call('ping', {}, { auth: 'none' });
    expect(anonymous.status).toBe(401);
  });

  it('exercised each customer-level operation with a success and a client error', () => {
    expect(uncovered(ctx.sandbox, coverage.customers)).toEqual([]);
  });
});
