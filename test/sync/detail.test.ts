import { describe, expect, it } from 'vitest';
import { fixtureChildren, fixtureCustomer } from '../sandbox/helpers';
import type { CustomerChildren } from '../../electron/sandbox';
import type { schemas } from '../../shared/api';
import { downloadDetail } from '../../renderer/src/sync/detail';
import { pullCustomers } from '../../renderer/src/sync/pull';
import { apiOf, newDb, outboxEntry, spyApi, useSyncSandbox } from './pull-harness';

const sandbox = useSyncSandbox({ customers: 40 });
const guid = 'c0ffee00-0000-4000-8000-000000000001';
const at = (n: number) => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function address(n: number, city: string): schemas.Address {
  return {
    addressGuid: at(n), addressType: 'POSTAL', fullName: null, street: 'Storgatan', houseNo: String(n), houseNoExtension: null,
    city, zipCode: '11122', stateCode: null, countryCode: 'SE', fullAddress: `Storgatan ${n}, 11122 ${city}, SE`,
    addressNotValidDate: null, defaultAddress: n === 1, validFrom: null, validTo: null, validatedAt: null, validOverride: null, lastUpdatedAt: null,
  };
}

/** More than one page (100) of parameters and of accrued interest, so both paging rules run. */
function children(): CustomerChildren {
  const base = fixtureChildren();
  return {
    ...base,
    parameters: Array.from({ length: 130 }, (_, i) => ({ name: `P${String(i).padStart(3, '0')}`, type: 'string', value: String(i), href: null })),
    mandates: [{ mandateGuid: at(50), directDebitMandateType: 1, referenceNo: 'M-1', bankAccountNo: '1234', requestedAt: null, approvedAt: null, signedDate: null, validfrom: null, validuntil: null, closedAt: null, links: [] }],
    creditInsurances: [{ insuranceGuid: at(60), insuranceDate: null, insuranceCompanyName: 'Atradius', insuranceCompanyNumber: '1', insuranceCompanyCustomerNumber: '2', note: null, endDate: null, currencyCode: 'SEK', amount: 1000, extraLimitAmount: null, extraLimitEndDate: null, paymentTerm: 30, graceDays: 5, links: [] }],
    accruedInterest: Array.from({ length: 230 }, (_, i) => ({ loanGuid: at(1000 + i), loanNo: `L-${i}`, fromDate: null, toDate: null, principal: i, interestRate: 5, accruedInterest: i / 10, currencyCode: 'SEK' })),
  };
}

function seed(): void {
  sandbox().store.insertCustomer(fixtureCustomer(guid, { addresses: [address(1, 'Stockholm'), address(2, 'Uppsala')] }), {}, children());
}

describe('downloadDetail', () => {
  it('stores the customer, every sub-resource, the ledger and accrued interest, with fetchedAt and bases', async () => {
    seed();
    const db = newDb();
    const now = new Date('2026-03-01T10:00:00Z');
    const report = await downloadDetail(db, apiOf(sandbox()), guid, { now: () => now });
    const stamp = now.toISOString();
    expect(report).toEqual({ customerGuid: guid, outcome: 'stored', fetchedAt: stamp });

    const server = sandbox().store.children(sandbox().store.record(guid)!);
    expect((await db.customers.get(guid))?.detailFetchedAt).toBe(stamp);
    expect(await db.addresses.where('customerGuid').equals(guid).toArray()).toHaveLength(2);
    expect((await db.addresses.get(at(2)))).toMatchObject({ id: at(2), serverId: at(2), city: 'Uppsala', fetchedAt: stamp });
    const parameters = await db.parameters.where('customerGuid').equals(guid).toArray();
    expect(parameters.map((p) => p.name).sort()).toEqual(server.parameters.map((p) => p.name).sort());
    expect(await db.extraFields.get([guid, 'Tags'])).toMatchObject({ value: ['vip'], fetchedAt: stamp });
    expect(await db.mandates.get(at(50))).toMatchObject({ referenceNo: 'M-1', serverId: at(50) });
    expect(await db.creditInsurances.get(at(60))).toMatchObject({ amount: 1000 });
    expect(await db.questions.where('customerGuid').equals(guid).count()).toBe(2);
    expect(await db.ledgers.get(guid)).toEqual({ customerGuid: guid, summary: server.ledger, fetchedAt: stamp });
    const interest = await db.accruedInterest.get(guid);
    expect(interest?.fetchedAt).toBe(stamp);
    expect(interest?.rows.map((r) => r.loanGuid).sort()).toEqual(server.accruedInterest.map((r) => r.loanGuid).sort());

    expect(await db.bases.get(['address', `${guid}/${at(1)}`])).toMatchObject({ record: { city: 'Stockholm' }, fetchedAt: stamp });
    expect(await db.bases.get(['parameter', `${guid}/P129`])).toMatchObject({ record: { value: '129' } });
    expect(await db.bases.get(['question', `${guid}/11111111-1111-4111-8111-111111111111`])).toBeDefined();
    expect(await db.bases.where('[entity+key]').between(['parameter', `${guid}/`], ['parameter', `${guid}/\uffff`]).count()).toBe(130);
  });

  it('keeps rows with queued entries and local edits, and drops rows the server no longer has', async () => {
    seed();
    const db = newDb();
    await downloadDetail(db, apiOf(sandbox()), guid);
    // Offline: a new address (no server GUID yet), an edit to P001, an edit to P002 (about to be deleted on the server).
    const localId = 'local-2b7c3a55-0000-4000-8000-000000000000';
    await db.outbox.bulkAdd([
      outboxEntry('address', 'create', guid, localId, { city: 'Malmö' }),
      outboxEntry('parameter', 'update', guid, 'P001', { value: 'mine' }),
      outboxEntry('parameter', 'update', guid, 'P002', { value: 'also mine' }),
    ]);
    await db.addresses.put({ ...address(9, 'Malmö'), addressGuid: '', id: localId, serverId: null, customerGuid: guid, fetchedAt: null });
    await db.parameters.update([guid, 'P001'], { value: 'mine' });
    await db.parameters.update([guid, 'P002'], { value: 'also mine' });
    // Meanwhile on the server: address 2 and parameters P002, P003 are gone; P001 gets a new type.
    const record = sandbox().store.record(guid)!;
    record.customer.addresses = record.customer.addresses!.filter((a) => a.addressGuid !== at(2));
    const server = sandbox().store.children(record);
    server.parameters = server.parameters.filter((p) => p.name !== 'P002' && p.name !== 'P003');
    server.parameters.find((p) => p.name === 'P001')!.type = 'number';

    await downloadDetail(db, apiOf(sandbox()), guid);
    expect(await db.addresses.get(at(2)), 'gone from the server, nothing queued').toBeUndefined();
    expect(await db.bases.get(['address', `${guid}/${at(2)}`])).toBeUndefined();
    expect(await db.addresses.get(localId), 'created offline, not yet synced').toMatchObject({ serverId: null, city: 'Malmö' });
    expect(await db.parameters.get([guid, 'P001'])).toMatchObject({ value: 'mine', type: 'number' });
    expect(await db.parameters.get([guid, 'P002']), 'queued edit keeps it').toMatchObject({ value: 'also mine' });
    expect(await db.parameters.get([guid, 'P003'])).toBeUndefined();
    expect(await db.parameters.where('customerGuid').equals(guid).count()).toBe(129);
  });

  it('keeps the pull’s bookkeeping, and removes a customer the server deleted', async () => {
    seed();
    const db = newDb();
    const pull = await pullCustomers(db, apiOf(sandbox()), { scope: '' });
    await downloadDetail(db, apiOf(sandbox()), guid);
    expect((await db.customers.get(guid))?.passId).toBe(pull.passId);

    sandbox().store.deleteCustomer(guid);
    expect(await downloadDetail(db, apiOf(sandbox()), guid)).toMatchObject({ outcome: 'gone' });
    expect(await db.customers.get(guid)).toBeUndefined();
    expect(await db.parameters.where('customerGuid').equals(guid).count()).toBe(0);
    expect(await db.accruedInterest.get(guid)).toBeUndefined();
  });

  it('writes nothing when cancelled mid-download', async () => {
    seed();
    const db = newDb();
    const controller = new AbortController();
    const { api } = spyApi(apiOf(sandbox()), (_operation, n) => {
      if (n === 3) controller.abort();
    });
    await expect(downloadDetail(db, api, guid, { signal: controller.signal })).rejects.toThrow();
    expect(await db.customers.count()).toBe(0);
    expect(await db.parameters.count()).toBe(0);
  });
});
