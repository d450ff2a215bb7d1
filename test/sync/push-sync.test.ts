import { describe, expect, it } from 'vitest';
import {
  createAddress, createCreditInsurance, createCustomer, createExtraField, createMandate, createParameter, deleteParameter,
  respondToQuestion, updateCreditInsurance, updateCustomer, updateExtraField, updateParameter, updateAddress,
} from '../../renderer/src/outbox';
import { drainOutbox } from '../../renderer/src/sync/push';
import { apiOf, openDb, questionGuids, syncedFixture, useSandbox } from './outbox-fixtures';

// Offline edits of every kind, drained to the real sandbox over HTTP: the server ends up with exactly them.

const sandbox = useSandbox();

describe('drainOutbox', () => {
  it('sends offline edits of every kind, children after their new customer, and caches the server versions', async () => {
    const s = sandbox();
    const db = openDb();
    const api = apiOf(s);
    const guid = await syncedFixture(s, db);

    await updateCustomer(db, guid, { email: 'ada.l@example.se', preferredChannel: 'LETTER' });
    await updateCustomer(db, guid, { lastname: 'Lind' });
    const address = await createAddress(db, guid, { addressType: 'INVOICE', street: 'Kungsgatan', houseNo: '12', city: 'Göteborg', countryCode: 'SE' });
    await updateAddress(db, guid, 'a0000000-0000-4000-8000-000000000001', { houseNo: '2' });
    await updateParameter(db, guid, 'Risk class', { value: 'A' });
    await createParameter(db, guid, { name: 'Segment', value: 'SME' });
    await createExtraField(db, guid, { name: 'Hobbies', value: ['sailing'] });
    await updateExtraField(db, guid, 'Tags', { value: ['vip', 'north'] });
    await createMandate(db, guid, { directDebitMandateType: 1, receivingBankAccountNo: '5050-1055', sendingBankAccountNo: '1234-5678' });
    await createCreditInsurance(db, guid, { insuranceCompanyReferenceCode: 'ATRADIUS', amount: 500, currencyCode: 'EUR' });
    await updateCreditInsurance(db, guid, 'c1000000-0000-4000-8000-000000000001', { note: 'raised' });
    await respondToQuestion(db, guid, questionGuids.fixed, { response: 'YES' });
    await respondToQuestion(db, guid, questionGuids.postponable, { postponeTo: '2026-03-01T09:00:00Z' });
    const fresh = await createCustomer(db, { fullName: 'Fjällbolaget AB', juridicalType: 1, city: 'Kiruna', email: 'info@fjall.se' });
    const freshAddress = await createAddress(db, fresh, { addressType: 'DELIVERY', street: 'Gruvvägen', city: 'Kiruna' });
    await createParameter(db, fresh, { name: 'Segment', value: 'Mining' });
    await deleteParameter(db, guid, 'Segment'); // a create never sent: gone without a trace

    const progress: [number, number][] = [];
    const result = await drainOutbox(db, api, { onProgress: (done, total) => progress.push([done, total]) });
    expect(result).toEqual({ sent: 14, conflicts: 0, attention: 0, retryLater: 0, paused: null, remaining: 0, nextAttemptAt: null });
    expect(progress.at(-1)).toEqual([14, 14]);

    const server = s.store.record(guid)!;
    expect(server.customer).toMatchObject({ email: 'ada.l@example.se', preferredChannel: 'LETTER', lastname: 'Lind', fullName: 'Ada Lind' });
    expect(server.customer.addresses?.map((a) => [a.street, a.houseNo])).toEqual([['Storgatan', '2'], ['Kungsgatan', '12']]);
    const children = s.store.children(server);
    expect(children.parameters.map((p) => [p.name, p.value])).toEqual([['Risk class', 'A']]);
    expect(children.extraFields).toEqual([{ name: 'Tags', value: ['vip', 'north'] }, { name: 'Hobbies', value: ['sailing'] }]);
    expect(children.mandates.map((m) => m.bankAccountNo)).toEqual(['1234-5678']);
    expect(children.creditInsurances.map((c) => [c.insuranceCompanyName, c.note])).toEqual([['Coface', 'raised'], ['Atradius', null]]);
    expect(children.questions.map((q) => [q.actionGuid, q.processAt])).toEqual([[questionGuids.postponable, '2026-03-01T09:00:00Z']]);
    const created = s.store.record(fresh)!;
    expect(created.customer.addresses?.map((a) => a.city)).toEqual(['Kiruna', 'Kiruna']);
    expect(s.store.children(created).parameters).toEqual([{ name: 'Segment', type: null, value: 'Mining', href: null }]);

    // The cache now holds the server's versions: ids mapped, derived fields in, nothing local-only.
    const kungsgatan = server.customer.addresses!.find((a) => a.street === 'Kungsgatan')!;
    expect(await db.idMap.get(address)).toMatchObject({ serverId: kungsgatan.addressGuid });
    expect(await db.addresses.get(kungsgatan.addressGuid)).toMatchObject({ fullAddress: 'Kungsgatan 12, Göteborg, SE', serverId: kungsgatan.addressGuid });
    expect(await db.customers.get(guid)).toMatchObject({ fullName: 'Ada Lind', sortName: 'ada lind' });
    expect((await db.customers.get(fresh))?.localOnly).toBeUndefined();
    expect((await db.customers.get(fresh))?.regDate).toBeTruthy();
    expect(await db.idMap.get(freshAddress)).toBeDefined();
    expect(await db.questions.get(questionGuids.fixed)).toBeUndefined();
    expect((await db.bases.get(['customer', guid]))?.record).toMatchObject({ lastname: 'Lind' });
  });

  it('auto-merges a field another client changed meanwhile', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await updateCustomer(db, guid, { email: 'mine@example.se' });
    s.store.updateCustomer(guid, { workPhone: '08-555 12 34' });
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 1, conflicts: 0 });
    expect(s.store.record(guid)?.customer).toMatchObject({ email: 'mine@example.se', workPhone: '08-555 12 34' });
    expect(await db.customers.get(guid)).toMatchObject({ email: 'mine@example.se', workPhone: '08-555 12 34' });
  });

  it('a refused entry needs attention with the server\'s field errors; other records still go', async () => {
    const s = sandbox();
    const db = openDb();
    const bad = await syncedFixture(s, db);
    const good = await syncedFixture(s, db);
    await updateCustomer(db, bad, { preferredChannel: 'PIGEON' });
    await updateCustomer(db, good, { email: 'fine@example.se' });
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 1, attention: 1, remaining: 1 });
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ state: 'attention', customerGuid: bad, lastFailure: { kind: 'validation', status: 400 } });
    expect(entry?.lastFailure?.fieldErrors?.['preferredChannel']?.[0]).toMatch(/LETTER/u);
    expect(s.store.record(good)?.customer.email).toBe('fine@example.se');
    expect((await db.customers.get(bad))?.preferredChannel).toBe('PIGEON'); // the user's value is kept
  });

  it('a record deleted on the server needs attention; a delete of one already gone is done', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await updateCustomer(db, guid, { email: 'late@example.se' });
    await deleteParameter(db, guid, 'Risk class');
    s.store.children(s.store.record(guid)!).parameters.length = 0;
    s.store.deleteCustomer(guid);
    const result = await drainOutbox(db, apiOf(s));
    expect(result).toMatchObject({ sent: 1, attention: 1 });
    const [entry] = await db.outbox.toArray();
    expect(entry?.lastFailure?.message).toMatch(/deleted on the server/u);
    expect((await db.customers.get(guid))?.email).toBe('late@example.se');
  });

  it('a create whose customer is gone needs attention', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await createAddress(db, guid, { city: 'Nowhere' });
    s.store.deleteCustomer(guid);
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 0, attention: 1 });
    expect((await db.outbox.toArray())[0]?.lastFailure?.message).toMatch(/customer no longer exists/u);
  });

  it('an expired token is refreshed by the client: the drain does not pause', async () => {
    const s = sandbox();
    const db = openDb();
    const api = apiOf(s);
    const guid = await syncedFixture(s, db);
    await api.call('ping', {});
    s.faults.set({ expireTokens: true });
    await updateCustomer(db, guid, { email: 'after-expiry@example.se' });
    expect(await drainOutbox(db, api)).toMatchObject({ sent: 1, paused: null });
    expect(s.stats.get().token['200']).toBeGreaterThanOrEqual(1);
  });

  it('a credential the server refuses pauses the drain with everything kept', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await updateCustomer(db, guid, { email: 'x@example.se' });
    await createCustomer(db, { fullName: 'Waits AB', juridicalType: 1 });
    const result = await drainOutbox(db, apiOf(s, 'wrong secret'), { concurrency: 1 });
    expect(result).toMatchObject({ sent: 0, paused: 'reauth', remaining: 2 });
    expect((await db.outbox.toArray()).map((e) => [e.state, e.attempts])).toEqual([['pending', 0], ['pending', 0]]);
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ sent: 2, paused: null, remaining: 0 });
  });

  it('a second drain joins the running one, and an aborted drain stops taking entries', async () => {
    const s = sandbox();
    const db = openDb();
    const api = apiOf(s);
    for (let i = 0; i < 3; i++) await createCustomer(db, { fullName: `Parallel ${i} AB`, juridicalType: 1 });
    const first = drainOutbox(db, api);
    expect(drainOutbox(db, api)).toBe(first);
    expect((await first).sent).toBe(3);

    for (let i = 0; i < 3; i++) await createCustomer(db, { fullName: `Aborted ${i} AB`, juridicalType: 1 });
    const controller = new AbortController();
    controller.abort();
    expect(await drainOutbox(db, api, { signal: controller.signal })).toMatchObject({ sent: 0, remaining: 3 });
  });
});
