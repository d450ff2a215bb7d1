import { describe, expect, it } from 'vitest';
import type { OperationName } from '../../shared/api';
import {
  createAddress, createCreditInsurance, createCustomer, createExtraField, createMandate, createParameter, deleteCreditInsurance,
  deleteParameter, respondToQuestion, updateCustomer, updateExtraField,
} from '../../renderer/src/outbox';
import { drainOutbox } from '../../renderer/src/sync/push';
import type { FieldbookDb } from '../../renderer/src/cache/db';
import { apiOf, arrived, droppingApi, openDb, questionGuids, syncedFixture, useSandbox } from './outbox-fixtures';

// The server commits the write, then the connection drops: the drain looks before sending again,
// and the server ends up with exactly one of everything.

const sandbox = useSandbox();
const t0 = 1_800_000_000_000;

type Queue = (db: FieldbookDb, guid: string) => Promise<unknown>;

type ListOf = 'listAddresses' | 'listParameters' | 'listExtraFields' | 'listMandates' | 'listCreditInsurances';

/** Counts, through the API's own list, the items of a customer that satisfy `match`. */
async function listed(list: ListOf, guid: string, match: (item: Record<string, unknown>) => boolean): Promise<number> {
  const page = await apiOf(sandbox()).call(list, { customerGuid: guid }, undefined, { top: 100 });
  return (page.value as Record<string, unknown>[]).filter(match).length;
}

const creates: [string, OperationName, Queue, ListOf, (item: Record<string, unknown>) => boolean][] = [
  ['address', 'createAddress', (db, g) => createAddress(db, g, { street: 'Dropgatan', city: 'Ystad' }), 'listAddresses', (a) => a['street'] === 'Dropgatan'],
  ['parameter', 'createParameters', (db, g) => createParameter(db, g, { name: 'Dropped', value: '1' }), 'listParameters', (p) => p['name'] === 'Dropped'],
  ['extra field', 'createExtraField', (db, g) => createExtraField(db, g, { name: 'Dropped', value: ['a', 'b'] }), 'listExtraFields', (f) => f['name'] === 'Dropped'],
  ['mandate', 'createMandate', (db, g) => createMandate(db, g, { directDebitMandateType: 3, receivingBankAccountNo: 'NL01', sendingBankAccountNo: 'NL99' }),
    'listMandates', (m) => m['bankAccountNo'] === 'NL99'],
  ['credit insurance', 'createCreditInsurance', (db, g) => createCreditInsurance(db, g, { insuranceCompanyReferenceCode: 'COFACE', amount: 77, note: 'dropped' }),
    'listCreditInsurances', (c) => c['note'] === 'dropped'],
];

function childrenOf(guid: string) {
  const s = sandbox();
  return s.store.children(s.store.record(guid)!);
}

describe('a dropped answer to a create', () => {
  it('customer: found by its client GUID and adopted, not sent again', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await createCustomer(db, { fullName: 'Dropped AB', juridicalType: 1 });
    const result = await drainOutbox(db, droppingApi(s, apiOf(s), 'createCustomer'));
    expect(result).toMatchObject({ sent: 1, remaining: 0 });
    expect(s.stats.get().faults.dropped).toBe(1);
    expect(arrived(s, 'createCustomer')).toBe(1);
    expect((await apiOf(s).call('listCustomers', {}, undefined, { filter: `customerGuid eq '${guid}'` })).total).toBe(1);
    expect((await db.customers.get(guid))?.localOnly).toBeUndefined();
  });

  it('customer, when every request drops until the network heals: reconciled by the next drain', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await createCustomer(db, { fullName: 'Flaky Wi-Fi AB', juridicalType: 1 });
    s.faults.set({ dropRateAfterCommit: 1 });
    expect(await drainOutbox(db, apiOf(s), { now: () => t0 })).toMatchObject({ sent: 0, retryLater: 1 });
    expect((await db.outbox.toArray())[0]?.state).toBe('sending');
    s.faults.reset();
    expect(await drainOutbox(db, apiOf(s), { now: () => t0 + 3_600_000 })).toMatchObject({ sent: 1, remaining: 0 });
    expect(arrived(s, 'createCustomer')).toBe(1);
    expect(s.store.record(guid)).toBeDefined();
  });

  it.each(creates)('%s: matched in the list by content and adopted', async (_, operation, queue, list, match) => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    const id = await queue(db, guid);
    expect(await drainOutbox(db, droppingApi(s, apiOf(s), operation))).toMatchObject({ sent: 1, remaining: 0 });
    expect(s.stats.get().faults.dropped).toBe(1);
    expect(arrived(s, operation)).toBe(1);
    expect(await listed(list, guid, match)).toBe(1);
    if (typeof id === 'string' && id.startsWith('local-')) expect(await db.idMap.get(id)).toBeDefined();
  });

  it('two identical creates both dropped: each adopts its own, nothing duplicated', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await createAddress(db, guid, { street: 'Tvillinggatan', city: 'Eksjö' });
    await createAddress(db, guid, { street: 'Tvillinggatan', city: 'Eksjö' });
    expect(await drainOutbox(db, droppingApi(s, apiOf(s), 'createAddress', 2), { concurrency: 1 })).toMatchObject({ sent: 2 });
    expect(arrived(s, 'createAddress')).toBe(2);
    expect(s.store.record(guid)!.customer.addresses!.filter((a) => a.street === 'Tvillinggatan')).toHaveLength(2);
    expect(new Set((await db.idMap.toArray()).map((m) => m.serverId)).size).toBe(2);
  });
});

describe('a dropped answer to an update, a delete, a response', () => {
  it.each<[string, OperationName, Queue, (guid: string) => unknown, unknown]>([
    ['customer update', 'updateCustomer', (db, g) => updateCustomer(db, g, { email: 'dropped@example.se' }),
      (g) => sandbox().store.record(g)?.customer.email, 'dropped@example.se'],
    ['extra-field update', 'updateExtraField', (db, g) => updateExtraField(db, g, 'Tags', { value: ['dropped'] }),
      (g) => childrenOf(g).extraFields[0]?.value, ['dropped']],
    ['parameter delete', 'deleteParameter', (db, g) => deleteParameter(db, g, 'Risk class'), (g) => childrenOf(g).parameters.length, 0],
    ['credit-insurance delete', 'deleteCreditInsurance', (db, g) => deleteCreditInsurance(db, g, 'c1000000-0000-4000-8000-000000000001'),
      (g) => childrenOf(g).creditInsurances.length, 0],
    ['answer', 'respondToQuestion', (db, g) => respondToQuestion(db, g, questionGuids.fixed, { response: 'NO' }),
      (g) => childrenOf(g).questions.map((q) => q.actionGuid), [questionGuids.postponable]],
    ['postponement', 'respondToQuestion', (db, g) => respondToQuestion(db, g, questionGuids.postponable, { postponeTo: '2026-05-01T08:00:00Z' }),
      (g) => childrenOf(g).questions.find((q) => q.actionGuid === questionGuids.postponable)?.processAt, '2026-05-01T08:00:00Z'],
  ])('%s: re-read, found applied, not sent again', async (_, operation, queue, read, expected) => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await queue(db, guid);
    const result = await drainOutbox(db, droppingApi(s, apiOf(s), operation));
    expect(result).toMatchObject({ sent: 1, attention: 0, remaining: 0 });
    expect(s.stats.get().faults.dropped).toBe(1);
    expect(arrived(s, operation)).toBe(1);
    expect(read(guid)).toEqual(expected);
  });
});
