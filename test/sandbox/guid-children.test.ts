import * as v from 'valibot';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPath, routes, schemas } from '../../shared/api';
import { coverage, fixtureChildren, fixtureCustomer, uncovered, unknownGuid, useSandbox } from './helpers';

// Addresses, direct-debit mandates and credit insurances: children with server-assigned GUIDs.
const ctx = useSandbox({ customers: 10 });
const customerGuid = 'c0ffee00-0000-4000-8000-000000000002';

beforeAll(() => {
  ctx.sandbox.store.insertCustomer(fixtureCustomer(customerGuid), {}, fixtureChildren());
});

describe('addresses', () => {
  let addressGuid = '';

  it('creates an address with a composed full address; 400 when it ends before it starts', async () => {
    const reply = await ctx.client.call('createAddress', { customerGuid }, {
      body: { addressType: 'INVOICE', street: 'Kungsgatan', houseNo: '12', houseNoExtension: 'B', zipCode: '411 19', city: 'Göteborg', countryCode: 'SE', defaultAddress: true },
    });
    expect(reply.status).toBe(201);
    const address = v.parse(routes.createAddress.result, reply.body);
    addressGuid = address.addressGuid;
    expect(address.fullAddress).toBe('Kungsgatan 12 B, 411 19 Göteborg, SE');
    expect(address.lastUpdatedAt).toBeTruthy();
    expect(reply.headers.get('location')).toBe(ctx.sandbox.basePath + buildPath('getAddress', { customerGuid, addressGuid }));

    const bad = await ctx.client.call('createAddress', { customerGuid }, { body: { validFrom: '2026-02-01T00:00:00Z', validTo: '2026-01-01T00:00:00Z' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('validTo');
  });

  it('lists addresses, 404 for an unknown customer', async () => {
    const reply = await ctx.client.call('listAddresses', { customerGuid });
    expect(v.parse(schemas.listEnvelope(routes.listAddresses.result), reply.body).total).toBe(1);
    expect((await ctx.client.call('listAddresses', { customerGuid: unknownGuid })).status).toBe(404);
  });

  it('gets an address (GUID case-insensitive), 404 for an unknown one', async () => {
    expect((await ctx.client.call('getAddress', { customerGuid, addressGuid: addressGuid.toUpperCase() })).body.addressGuid).toBe(addressGuid);
    expect((await ctx.client.call('getAddress', { customerGuid, addressGuid: unknownGuid })).status).toBe(404);
  });

  it('updates an address and keeps one default address', async () => {
    const second = await ctx.client.call('createAddress', { customerGuid }, { body: { street: 'Ågatan', city: 'Lund', defaultAddress: true } });
    const reply = await ctx.client.call('updateAddress', { customerGuid, addressGuid }, { body: { houseNo: '14', defaultAddress: true } });
    expect(reply.status).toBe(204);
    const list = (await ctx.client.call('listAddresses', { customerGuid }, { query: { filter: 'defaultAddress eq true' } })).body;
    expect(list.value.map((a: { addressGuid: string }) => a.addressGuid)).toEqual([addressGuid]);
    expect(list.value[0].fullAddress).toBe('Kungsgatan 14 B, 411 19 Göteborg, SE');
    expect((await ctx.client.call('getAddress', { customerGuid, addressGuid: second.body.addressGuid })).body.defaultAddress).toBe(false);

    const bad = await ctx.client.call('updateAddress', { customerGuid, addressGuid }, { body: { fullAddress: 'typed' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('fullAddress');
  });

  it('deletes an address, then 404', async () => {
    expect((await ctx.client.call('deleteAddress', { customerGuid, addressGuid })).status).toBe(204);
    expect((await ctx.client.call('deleteAddress', { customerGuid, addressGuid })).status).toBe(404);
  });
});

describe('direct-debit mandates', () => {
  let mandateGuid = '';

  it('creates a mandate: bankAccountNo is the sending (payer) account', async () => {
    const reply = await ctx.client.call('createMandate', { customerGuid }, {
      body: { directDebitMandateType: 1, receivingBankAccountNo: '5050-1055', sendingBankAccountClass: 9, sendingBankAccountNo: '8327-9 123456789', referenceNo: 'R-1' },
    });
    expect(reply.status).toBe(201);
    const mandate = v.parse(routes.createMandate.result, reply.body);
    mandateGuid = mandate.mandateGuid;
    expect(mandate).toMatchObject({ directDebitMandateType: 1, bankAccountNo: '8327-9 123456789', referenceNo: 'R-1', closedAt: null });
  });

  it('requires the type and a non-empty receiving account', async () => {
    const reply = await ctx.client.call('createMandate', { customerGuid }, { body: { receivingBankAccountNo: '  ' } });
    expect(reply.status).toBe(400);
    expect(Object.keys(reply.body.errors).sort()).toEqual(['directDebitMandateType', 'receivingBankAccountNo']);
    const six = await ctx.client.call('createMandate', { customerGuid }, { body: { directDebitMandateType: 6, receivingBankAccountNo: '1' } });
    expect(six.body.errors).toHaveProperty('directDebitMandateType');
  });

  it('lists and gets mandates; 404 for unknown ones', async () => {
    const list = await ctx.client.call('listMandates', { customerGuid });
    expect(list.body).toMatchObject({ total: 1, value: [{ mandateGuid }] });
    expect((await ctx.client.call('listMandates', { customerGuid: unknownGuid })).status).toBe(404);
    expect((await ctx.client.call('getMandate', { customerGuid, directDebitGuid: mandateGuid })).body.mandateGuid).toBe(mandateGuid);
    expect((await ctx.client.call('getMandate', { customerGuid, directDebitGuid: unknownGuid })).status).toBe(404);
  });

  it('has no update or delete: 405 with Allow', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const reply = await ctx.client.call('getMandate', { customerGuid, directDebitGuid: mandateGuid }, { method, body: {} });
      expect(reply.status).toBe(405);
      expect(reply.headers.get('allow')).toBe('GET');
    }
  });
});

describe('credit insurances', () => {
  let insuranceGuid = '';

  it('creates an insurance named after the tenant company; 400 for an unknown code', async () => {
    const [code, name] = Object.entries(ctx.sandbox.tenant.insuranceCompanies)[0] as [string, string];
    const reply = await ctx.client.call('createCreditInsurance', { customerGuid }, {
      body: { insuranceCompanyReferenceCode: code, insuranceCompanyNumber: 'P-9', amount: 50000, currencyCode: ctx.sandbox.tenant.currencies[0], paymentTerm: 30 },
    });
    expect(reply.status).toBe(201);
    const insurance = v.parse(routes.createCreditInsurance.result, reply.body);
    insuranceGuid = insurance.insuranceGuid;
    expect(insurance).toMatchObject({ insuranceCompanyName: name, amount: 50000, paymentTerm: 30 });
    expect(insurance.insuranceDate).toBeTruthy();

    const bad = await ctx.client.call('createCreditInsurance', { customerGuid }, { body: { insuranceCompanyReferenceCode: code.toLowerCase() } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toHaveProperty('insuranceCompanyReferenceCode');
  });

  it('lists and gets insurances; 404 for unknown ones', async () => {
    expect((await ctx.client.call('listCreditInsurances', { customerGuid })).body.total).toBe(1);
    expect((await ctx.client.call('listCreditInsurances', { customerGuid: unknownGuid })).status).toBe(404);
    expect((await ctx.client.call('getCreditInsurance', { customerGuid, insuranceGuid })).status).toBe(200);
    expect((await ctx.client.call('getCreditInsurance', { customerGuid, insuranceGuid: unknownGuid })).status).toBe(404);
  });

  it('updates an insurance; the company cannot change; currencies follow the tenant', async () => {
    expect((await ctx.client.call('updateCreditInsurance', { customerGuid, insuranceGuid }, { body: { note: 'Renewed', amount: null } })).status).toBe(204);
    expect((await ctx.client.call('getCreditInsurance', { customerGuid, insuranceGuid })).body).toMatchObject({ note: 'Renewed', amount: null, paymentTerm: 30 });
    const company = await ctx.client.call('updateCreditInsurance', { customerGuid, insuranceGuid }, { body: { insuranceCompanyReferenceCode: 'COFACE' } });
    expect(company.body.errors).toHaveProperty('insuranceCompanyReferenceCode');
    const currency = await ctx.client.call('updateCreditInsurance', { customerGuid, insuranceGuid }, { body: { currencyCode: 'JPY' } });
    expect(currency.body.errors).toHaveProperty('currencyCode');
  });

  it('deletes an insurance, then 404', async () => {
    expect((await ctx.client.call('deleteCreditInsurance', { customerGuid, insuranceGuid })).status).toBe(204);
    expect((await ctx.client.call('deleteCreditInsurance', { customerGuid, insuranceGuid })).status).toBe(404);
  });

  it('exercised each of these operations with a success and a client error', () => {
    expect(uncovered(ctx.sandbox, coverage.guids)).toEqual([]);
  });
});
