import { randomUUID } from 'node:crypto';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { operationNames, type schemas } from '../../shared/api';
import { failureFrom } from './helpers';
import { clientOf, succeeded, useSandbox } from './sandbox-helpers';

/*
 * Every one of the 36 operations through the client against the real sandbox, each result
 * parsed by the route's schema and typed by the route table. The log lines prove coverage.
 */

const sandbox = useSandbox();

describe('all 36 operations against the sandbox', () => {
  it('runs each operation and parses its result', async () => {
    const { client, logs } = clientOf(sandbox());
    const { ops } = client;
    const tenant = sandbox().tenant;

    expect(await ops.ping({})).toEqual({});

    // Customers, with a client-assigned GUID as the sync engine creates them offline.
    const customerGuid = randomUUID();
    const created = await ops.createCustomer({}, { customerGuid, firstname: 'Anna', lastname: 'Berg', email: 'anna@example.se', city: 'Umeå' });
    expectTypeOf(created).toEqualTypeOf<schemas.Customer>();
    expect(created.customerGuid).toBe(customerGuid);
    const fetched = await ops.getCustomer({ guid: customerGuid });
    expect(fetched.fullName).toBe('Anna Berg');
    const page = await client.call('listCustomers', {}, undefined, { filter: `customerGuid eq '${customerGuid}'`, top: 5 });
    expectTypeOf(page.value).toEqualTypeOf<schemas.Customer[]>();
    expect(page).toMatchObject({ count: 1, total: 1 });
    expect(await ops.updateCustomer({ customerGuid }, { email: 'anna.berg@example.se' })).toBeUndefined();
    expect((await ops.getCustomer({ guid: customerGuid })).email).toBe('anna.berg@example.se');

    // Parameters: a name with a space and a slash travels URL-encoded.
    const name = 'credit limit/SEK';
    expect((await ops.createParameters({ customerGuid }, [{ name, type: 'number', value: '5000' }])).name).toBe(name);
    expect((await ops.getParameter({ customerGuid, name })).value).toBe('5000');
    expect((await ops.listParameters({ customerGuid })).value.map((p) => p.name)).toContain(name);
    await ops.updateParameter({ customerGuid, name }, [{ value: '6000' }]);
    expect((await ops.getParameter({ customerGuid, name })).value).toBe('6000');
    await ops.deleteParameter({ customerGuid, name });
    expect((await failureFrom(ops.getParameter({ customerGuid, name }))).kind).toBe('not-found');

    // Addresses.
    const address = await ops.createAddress({ customerGuid }, { addressType: 'DELIVERY', street: 'Storgatan', houseNo: '1', city: 'Umeå', countryCode: 'SE' });
    const { addressGuid } = address;
    expect((await ops.getAddress({ customerGuid, addressGuid })).street).toBe('Storgatan');
    expect((await ops.listAddresses({ customerGuid })).total).toBe(2);
    await ops.updateAddress({ customerGuid, addressGuid }, { addressType: 'DELIVERY', street: 'Kungsgatan' });
    expect((await ops.getAddress({ customerGuid, addressGuid })).street).toBe('Kungsgatan');
    await ops.deleteAddress({ customerGuid, addressGuid });

    // Extra fields.
    await ops.createExtraField({ customerGuid }, { name: 'Tags', value: ['a', 'b'] });
    expect((await ops.getExtraField({ customerGuid, name: 'Tags' })).value).toEqual(['a', 'b']);
    expect((await ops.listExtraFields({ customerGuid })).value).toHaveLength(1);
    await ops.updateExtraField({ customerGuid, name: 'Tags' }, { value: ['c'] });
    expect((await ops.getExtraField({ customerGuid, name: 'Tags' })).value).toEqual(['c']);
    await ops.deleteExtraField({ customerGuid, name: 'Tags' });

    // Direct-debit mandates (create and read only).
    const mandate = await ops.createMandate({ customerGuid }, { directDebitMandateType: 1, receivingBankAccountNo: '5050-1055' });
    expect((await ops.getMandate({ customerGuid, directDebitGuid: mandate.mandateGuid })).directDebitMandateType).toBe(1);
    expect((await ops.listMandates({ customerGuid })).value.map((m) => m.mandateGuid)).toContain(mandate.mandateGuid);

    // Credit insurances.
    const [code] = Object.keys(tenant.insuranceCompanies);
    const insurance = await ops.createCreditInsurance({ customerGuid }, { insuranceCompanyReferenceCode: code, amount: 10_000, currencyCode: tenant.currencies[0] });
    const { insuranceGuid } = insurance;
    expect(insurance.insuranceCompanyName).toBe(tenant.insuranceCompanies[code ?? '']);
    await ops.updateCreditInsurance({ customerGuid, insuranceGuid }, { note: 'Checked' });
    expect((await ops.getCreditInsurance({ customerGuid, insuranceGuid })).note).toBe('Checked');
    expect((await ops.listCreditInsurances({ customerGuid })).total).toBe(1);
    await ops.deleteCreditInsurance({ customerGuid, insuranceGuid });

    // Custom service actions, with and without the async flag.
    const echoed = await ops.invokeCustomerService({ customerGuid, serviceDefinition: 'SendReminder' }, { channel: 'email' });
    expect(echoed).toMatchObject({ customerGuid, received: { channel: 'email' }, async: false });
    expect(await ops.invokeService({ serviceDefinition: 'RecalculateInterest' }, {}, { async: true })).toMatchObject({ status: 'Queued', async: true });

    await ops.deleteCustomer({ customerGuid });
    expect((await failureFrom(ops.getCustomer({ guid: customerGuid }))).kind).toBe('not-found');

    // Read-only data and questions come from the seed.
    const seeded = sandbox().store.ordered().map((r) => ({ record: r, children: sandbox().store.children(r) }));
    const withLedger = seeded[0]?.record.customer.customerGuid ?? '';
    const ledger = await ops.getLedgerSummary({ guid: withLedger });
    expectTypeOf(ledger).toEqualTypeOf<schemas.LedgerSummary>();
    const interest = await ops.listAccruedInterest({ guid: withLedger }, undefined, { top: 5 });
    expect(Array.isArray(interest)).toBe(true);

    const asked = seeded.find((s) => s.children.questions.some((q) => (q.responses ?? []).length > 0));
    if (!asked) throw new Error('the seed has no question with responses');
    const askedGuid = asked.record.customer.customerGuid;
    const questions = await ops.listQuestions({ customerGuid: askedGuid });
    const question = questions.value.find((q) => (q.responses ?? []).length > 0);
    const actionGuid = question?.actionGuid ?? '';
    expect((await ops.getQuestion({ customerGuid: askedGuid, actionGuid })).actionGuid).toBe(actionGuid);
    await ops.respondToQuestion({ customerGuid: askedGuid, actionGuid }, { response: question?.responses?.[0]?.code });
    expect((await failureFrom(ops.getQuestion({ customerGuid: askedGuid, actionGuid }))).kind).toBe('not-found');

    expect([...succeeded(logs)].sort()).toEqual([...operationNames].sort());
    expect(operationNames).toHaveLength(36);
  });
});
