import { describe, expect, it } from 'vitest';
import { fixtureCustomer, useSandbox } from './helpers';

// A seeded id source makes the GUIDs the sandbox hands out repeatable (the chaos suite replays
// seeds with it); without one they are random.
let n = 0;
const ctx = useSandbox({ customers: 3, newId: () => `5eed0000-0000-4000-8000-${String(++n).padStart(12, '0')}` });
const customerGuid = 'c0ffee00-0000-4000-8000-000000000009';

describe('the sandbox with a seeded id source', () => {
  it('gives new customers, addresses, mandates the next id from it', async () => {
    ctx.sandbox.store.insertCustomer(fixtureCustomer(customerGuid));
    const customer = await ctx.client.call('createCustomer', {}, { body: { juridicalType: 1, fullName: 'Seeded AB' } });
    const address = await ctx.client.call('createAddress', { customerGuid }, { body: { street: 'Ågatan', city: 'Lund' } });
    const mandate = await ctx.client.call('createMandate', { customerGuid }, {
      body: { directDebitMandateType: 1, receivingBankAccountNo: '5050-1055', sendingBankAccountNo: '1234-5678' },
    });
    expect([customer.status, address.status, mandate.status]).toEqual([201, 201, 201]);
    expect([customer.body.customerGuid, address.body.addressGuid, mandate.body.mandateGuid]).toEqual([
      '5eed0000-0000-4000-8000-000000000001',
      '5eed0000-0000-4000-8000-000000000002',
      '5eed0000-0000-4000-8000-000000000003',
    ]);
  });
});
