import { describe, expect, it } from 'vitest';
import {
  createAddress, createCreditInsurance, createCustomer, createExtraField, createMandate, createParameter, deleteAddress,
  deleteCreditInsurance, deleteParameter, InvalidInputError, isLocalId, NotInCacheError, respondToQuestion, updateAddress,
  updateCreditInsurance, updateExtraField, updateParameter,
} from '../../renderer/src/outbox';
import { settleEntry } from '../../renderer/src/outbox/settle';
import { cachedFixture, openDb, questionGuids } from './outbox-fixtures';

// Local writes of sub-resources: local ids, per-item parameters, folding, the embedded addresses, re-keying.

describe('addresses', () => {
  it('gets a local id and no server id, and shows in the customer (city index included)', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await db.customers.update(guid, { addresses: [] });
    await db.bases.update(['customer', guid], { 'record.addresses': [] });
    await updateAddressFreeCustomer(db, guid);
    const id = await createAddress(db, guid, { addressType: 'INVOICE', street: 'Kungsgatan', city: 'Göteborg', defaultAddress: true });
    expect(isLocalId(id)).toBe(true);
    expect(await db.addresses.get(id)).toMatchObject({ id, serverId: null, customerGuid: guid, city: 'Göteborg', addressGuid: id });
    const customer = await db.customers.get(guid);
    expect(customer?.addresses?.map((a) => a.city)).toEqual(['Göteborg']);
    expect(customer?.sortCity).toBe('göteborg');
    expect((await db.outbox.toArray())[0]).toMatchObject({ entity: 'address', op: 'create', entityKey: `address:${guid}/${id}` });
  });

  it('folds an update into its create, and a delete of it removes both', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    const id = await createAddress(db, guid, { street: 'Ågatan', city: 'Lund' });
    await updateAddress(db, guid, id, { houseNo: '3' });
    expect((await db.outbox.toArray()).map((e) => [e.op, e.body])).toEqual([['create', { street: 'Ågatan', city: 'Lund', houseNo: '3' }]]);
    await deleteAddress(db, guid, id);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.addresses.get(id)).toBeUndefined();
    expect((await db.customers.get(guid))?.addresses?.map((a) => a.city)).toEqual(['Uppsala']);
  });

  it('checks the update as a whole: an end before the start is refused and nothing changes', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    const address = 'a0000000-0000-4000-8000-000000000001';
    await updateAddress(db, guid, address, { validFrom: '2026-06-01T00:00:00Z' });
    const error = await updateAddress(db, guid, address, { validTo: '2026-01-01T00:00:00Z' }).catch((e: unknown) => e);
    expect((error as InvalidInputError).fieldErrors).toHaveProperty('validTo');
    expect((await db.outbox.toArray()).map((e) => e.body)).toEqual([{ validFrom: '2026-06-01T00:00:00Z' }]);
  });

  it('a synced address edit shows in the embedded copy; its delete removes it there', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    const address = 'a0000000-0000-4000-8000-000000000001';
    await updateAddress(db, guid, address, { city: 'Enköping' });
    expect((await db.customers.get(guid))?.sortCity).toBe('enköping');
    await deleteAddress(db, guid, address);
    expect((await db.outbox.toArray()).map((e) => e.op)).toEqual(['delete']);
    expect((await db.customers.get(guid))?.addresses).toEqual([]);
  });
});

async function updateAddressFreeCustomer(db: ReturnType<typeof openDb>, guid: string): Promise<void> {
  expect((await db.customers.get(guid))?.addresses).toEqual([]);
}

describe('parameters and extra fields', () => {
  it('queues one create per parameter, keyed by name; a taken name is refused', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    expect(await createParameter(db, guid, { name: ' Segment ', type: 'string', value: 'SME' })).toBe('Segment');
    await createParameter(db, guid, { name: 'Limit', value: '5000' });
    expect((await db.outbox.toArray()).map((e) => [e.op, e.id, e.body])).toEqual([
      ['create', 'Segment', { name: 'Segment', type: 'string', value: 'SME' }],
      ['create', 'Limit', { name: 'Limit', value: '5000' }],
    ]);
    const error = await createParameter(db, guid, { name: 'risk CLASS', value: 'A' }).catch((e: unknown) => e);
    expect((error as InvalidInputError).fieldErrors).toHaveProperty('name');
    expect(await createParameter(db, guid, { name: '' }).catch((e: unknown) => (e as InvalidInputError).fieldErrors)).toHaveProperty('name');
  });

  it('updates and deletes a synced parameter; a delete replaces the pending update', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await updateParameter(db, guid, 'Risk class', { value: 'C' });
    expect(await db.parameters.get([guid, 'Risk class'])).toMatchObject({ value: 'C' });
    await deleteParameter(db, guid, 'Risk class');
    expect((await db.outbox.toArray()).map((e) => [e.op, e.entityKey])).toEqual([['delete', `parameter:${guid}/risk class`]]);
    expect(await db.parameters.get([guid, 'Risk class'])).toBeUndefined();
  });

  it('extra fields: create and update, values checked', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await createExtraField(db, guid, { name: 'Hobbies', value: ['sailing'] });
    await updateExtraField(db, guid, 'Tags', { value: ['vip', 'north'] });
    expect(await db.extraFields.get([guid, 'Tags'])).toMatchObject({ value: ['vip', 'north'] });
    await expect(updateExtraField(db, guid, 'Tags', { value: 'x' as never })).rejects.toBeInstanceOf(InvalidInputError);
    expect(await db.outbox.count()).toBe(2);
  });
});

describe('mandates, credit insurances, questions', () => {
  it('a mandate shows the paying account as the server will', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    const id = await createMandate(db, guid, { directDebitMandateType: 1, receivingBankAccountNo: '5050-1055', sendingBankAccountNo: '1234-5678' });
    expect(await db.mandates.get(id)).toMatchObject({ bankAccountNo: '1234-5678', mandateGuid: id, serverId: null });
    await expect(createMandate(db, guid, { directDebitMandateType: 6 as never, receivingBankAccountNo: '' })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('credit insurance create, update and delete', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    const id = await createCreditInsurance(db, guid, { insuranceCompanyReferenceCode: 'ATRADIUS', amount: 500, currencyCode: 'EUR' });
    await updateCreditInsurance(db, guid, id, { amount: 750 });
    expect((await db.outbox.toArray()).map((e) => e.body)).toEqual([{ insuranceCompanyReferenceCode: 'ATRADIUS', amount: 750, currencyCode: 'EUR' }]);
    const synced = 'c1000000-0000-4000-8000-000000000001';
    await updateCreditInsurance(db, guid, synced, { note: 'raised' });
    await deleteCreditInsurance(db, guid, synced);
    expect((await db.outbox.toArray()).map((e) => e.op)).toEqual(['create', 'delete']);
    await expect(updateCreditInsurance(db, guid, id, { amount: -1 })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('answers a question (a later answer replaces an unsent one) and postpones another', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await respondToQuestion(db, guid, questionGuids.fixed, { response: 'NO', note: 'first thought' });
    await respondToQuestion(db, guid, questionGuids.fixed, { response: 'YES', note: null });
    await respondToQuestion(db, guid, questionGuids.postponable, { postponeTo: '2026-03-01T09:00:00Z' });
    expect((await db.outbox.toArray()).map((e) => [e.id, e.body])).toEqual([
      [questionGuids.fixed, { response: 'YES', note: null }],
      [questionGuids.postponable, { postponeTo: '2026-03-01T09:00:00Z' }],
    ]);
    expect(await db.questions.get(questionGuids.fixed)).toMatchObject({ answeredLocally: true });
    expect(await db.questions.get(questionGuids.postponable)).toMatchObject({ processAt: '2026-03-01T09:00:00Z' });
    await expect(respondToQuestion(db, guid, questionGuids.fixed, { note: 'neither' })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it('children of an unknown customer are refused', async () => {
    const db = openDb();
    await expect(createAddress(db, 'c0000000-0000-4000-8000-00000000dead', { city: 'X' })).rejects.toBeInstanceOf(NotInCacheError);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('local id → server id', () => {
  it('re-keys the row, records the mapping and rewrites the entries that refer to the local id', async () => {
    const db = openDb();
    const guid = await createCustomer(db, { fullName: 'Offline AB', juridicalType: 1 });
    const local = await createAddress(db, guid, { street: 'Hamngatan', city: 'Luleå' });
    await db.outbox.filter((e) => e.op === 'create').modify({ state: 'sending' }); // both creates on the wire
    await updateAddress(db, guid, local, { houseNo: '7' }); // appended after the create
    const [, create] = await db.outbox.orderBy('seq').toArray();
    const serverId = 'b0000000-0000-4000-8000-000000000009';
    await settleEntry(db, create!, { addressGuid: serverId, street: 'Hamngatan', city: 'Luleå', fullAddress: 'Hamngatan, Luleå' });

    expect(await db.idMap.get(local)).toEqual({ localId: local, serverId, entity: 'address' });
    expect(await db.addresses.get(local)).toBeUndefined();
    expect(await db.addresses.get(serverId)).toMatchObject({ id: serverId, serverId, houseNo: '7', fullAddress: 'Hamngatan, Luleå' });
    const rest = await db.outbox.filter((e) => e.entity === 'address').toArray();
    expect(rest.map((e) => [e.op, e.id, e.entityKey])).toEqual([['update', serverId, `address:${guid}/${serverId}`]]);
    // The UI may still hold the local id.
    await updateAddress(db, guid, local, { houseNo: '8' });
    expect((await db.addresses.get(serverId))?.houseNo).toBe('8');
  });
});
