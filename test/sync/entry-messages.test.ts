import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import type { ApiFailure, CustomersApi, OperationName } from '../../shared/api';
import { journalEntrySchema } from '../../shared/ipc';
import type { OutboxEntry } from '../../renderer/src/cache/records';
import { fromJournalEntry, toJournalEntry } from '../../renderer/src/durability/entry';
import { en, type Catalogue, type MessageKey } from '../../renderer/src/i18n/en';
import { sv } from '../../renderer/src/i18n/sv';
import { createAddress, createParameter, EntryStateError, respondToQuestion, updateAddress, updateCustomer } from '../../renderer/src/outbox';
import type { QueuedEntry } from '../../renderer/src/outbox/queue';
import { failureReport, problemLine, statusesOf, statusWords } from '../../renderer/src/pending/describe';
import type { MessageParams, Words } from '../../renderer/src/pending/words';
import { ConflictClosedError, resolveConflict } from '../../renderer/src/sync/conflicts';
import { drainOutbox } from '../../renderer/src/sync/push';
import { apiOf, openDb, questionGuids, syncedFixture, useSandbox } from './outbox-fixtures';

/*
 * Why a change did not go, as the Pending changes page says it, in the user's language. Push and
 * reconcile store their reason in the entry as an English sentence (the entry is persisted in
 * IndexedDB and in main's journal, so that stays as it was); the page recognises it and says the
 * catalogue's sentence instead, with what the server itself said kept apart as the detail.
 *
 * Each reason here is produced by the real push against the sandbox over HTTP, then read as
 * the page reads it (pending/describe.ts, in Swedish and English); and each is read again from
 * an entry of the old shape, word for word as users' databases and journals hold them.
 */

const sandbox = useSandbox();

function wordsOf(catalogue: Catalogue, locale: string): Words {
  const plural = new Intl.PluralRules(locale);
  return {
    t(key: MessageKey, params?: MessageParams): string {
      const message = catalogue[key] as string | { one: string; other: string };
      const text = typeof message === 'string' ? message : plural.select(Number(params?.['count'] ?? 0)) === 'one' ? message.one : message.other;
      return text.replace(/\{(\w+)\}/gu, (whole, name: string) => (params?.[name] === undefined ? whole : String(params[name])));
    },
    time: (ms) => new Date(ms).toISOString().slice(11, 16),
  };
}
const swedish = wordsOf(sv, 'sv');
const english = wordsOf(en, 'en');

/** The reason as the page shows it for an entry that needs attention (the box under it) or is still to go (its line). */
function shown(entry: OutboxEntry, words: Words): string {
  const failure = entry.lastFailure as ApiFailure;
  return entry.state === 'attention' ? failureReport(entry.entity, failure, words).title : problemLine(failure, words)!.reason;
}

/** The only entry of the outbox, after its round trip through the journal's schema: the stored shape did not grow. */
async function onlyEntry(db: ReturnType<typeof openDb>): Promise<OutboxEntry> {
  const entries = await db.outbox.toArray();
  expect(entries).toHaveLength(1);
  const journaled = toJournalEntry(entries[0] as QueuedEntry);
  expect(v.safeParse(journalEntrySchema, journaled).success).toBe(true);
  expect(fromJournalEntry(journaled)).toEqual(entries[0]);
  return entries[0]!;
}

/** The real client, but `operation` is refused with a 503 before the server does anything (every attempt). */
function unavailable(api: CustomersApi, operation: OperationName): CustomersApi {
  const s = sandbox();
  return {
    call: (async (op: OperationName, ...args: unknown[]) => {
      const fail = op === operation;
      if (fail) s.faults.set({ errorRateBeforeCommit: 1, errorStatus: 503 });
      try {
        return await (api.call as (o: OperationName, ...a: unknown[]) => Promise<unknown>)(op, ...args);
      } finally {
        if (fail) s.faults.set({ errorRateBeforeCommit: 0 });
      }
    }) as CustomersApi['call'],
  };
}

describe('why a change did not go, from the real push, in the user\'s language', () => {
  it('a record deleted on the server after it was edited', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await updateAddress(db, guid, 'a0000000-0000-4000-8000-000000000001', { houseNo: '3' });
    s.store.deleteCustomer(guid);
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ attention: 1 });
    const entry = await onlyEntry(db);
    // Stored as it always was: English, for the logs and exports.
    expect(entry.lastFailure).toEqual({
      kind: 'not-found',
      message: 'This address was deleted on the server after you edited it; your changes are kept here: discard them, or re-create it',
    });
    expect(shown(entry, swedish)).toBe('Posten togs bort på servern efter att du ändrade den. Dina ändringar finns kvar här: släng dem eller skapa posten igen.');
    expect(shown(entry, english)).toBe('This was deleted on the server after you changed it. Your changes are kept here: discard them, or create it again.');
  });

  it('a create whose customer is gone: the reason in Swedish, the server\'s own words as the detail', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await createAddress(db, guid, { city: 'Ingenstans' });
    s.store.deleteCustomer(guid);
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ attention: 1 });
    const entry = await onlyEntry(db);
    expect(entry.lastFailure).toMatchObject({ kind: 'not-found', status: 404, message: 'Its customer no longer exists on the server, so this cannot be saved there' });
    const report = failureReport(entry.entity, entry.lastFailure!, swedish);
    expect(report.title).toBe('Kunden finns inte längre på servern, så det här kan inte sparas där.');
    expect(report.status).toBe(404);
    // What the sandbox answered (its problem document), word for word, apart from the reason.
    const problem = entry.lastFailure!.problem!;
    expect(problem.title).toBeTruthy();
    expect(report.detail).toContain(problem.title);
    expect(report.detail).not.toContain('Its customer no longer exists');
  });

  it('an answer to a question someone else closed', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await respondToQuestion(db, guid, questionGuids.fixed, { response: 'NO' });
    await apiOf(s).call('respondToQuestion', { customerGuid: guid, actionGuid: questionGuids.fixed }, { response: 'YES' });
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ attention: 1 });
    const entry = await onlyEntry(db);
    expect(entry.lastFailure).toMatchObject({ kind: 'not-found', message: 'The question is no longer open on the server (someone else answered or removed it)' });
    expect(shown(entry, swedish)).toBe('Frågan är inte längre öppen på servern: någon annan har besvarat eller tagit bort den.');
    expect(shown(entry, english)).toBe('The question is no longer open on the server: someone else answered or removed it.');
  });

  it('a parameter whose name someone else took with other values', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await createParameter(db, guid, { name: 'Segment', value: 'SME' });
    await apiOf(s).call('createParameters', { customerGuid: guid }, [{ name: 'Segment', value: 'Enterprise' }]);
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ attention: 1 });
    const entry = await onlyEntry(db);
    expect(entry.lastFailure).toEqual({
      kind: 'conflict',
      message: 'A parameter named \'Segment\' already exists on the server with other values; rename yours or discard it',
    });
    expect(shown(entry, swedish)).toBe('Namnet ”Segment” är redan upptaget på servern, med andra värden: byt namn på ditt eller släng det.');
    expect(shown(entry, english)).toBe('The name “Segment” is already taken on the server, with other values: rename yours or discard it.');
  });

  it('a change not sent because its values break the rules, with each field\'s reason in Swedish', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await updateCustomer(db, guid, { email: 'ny@example.se' });
    // An entry queued under looser rules (an older version): the merged body fails the check before sending.
    await db.outbox.toCollection().modify((entry) => {
      entry.body = { email: 'inte en adress' };
    });
    expect(await drainOutbox(db, apiOf(s))).toMatchObject({ attention: 1 });
    const entry = await onlyEntry(db);
    expect(entry.lastFailure).toMatchObject({ kind: 'validation', message: expect.stringMatching(/^Not sent: email: /u) });
    const report = failureReport(entry.entity, entry.lastFailure!, swedish);
    expect(report.title).toBe('Inte skickad: några värden följer inte serverns regler.');
    expect(report.detail).toBeNull();
    expect(report.fieldErrors).toEqual([{ field: 'email', label: 'E-post', messages: [sv['validation.email']] }]);
    expect(s.store.record(guid)?.customer.email).toBe('ada@example.se');
  });

  it('the app stopped while a change was being sent, and the look that followed failed: it is still being checked', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await updateCustomer(db, guid, { email: 'efter-krasch@example.se' });
    await db.outbox.toCollection().modify({ state: 'sending', attempts: 1 });
    expect(await drainOutbox(db, unavailable(apiOf(s), 'getCustomer'))).toMatchObject({ retryLater: 1 });
    const entry = await onlyEntry(db);
    expect(entry).toMatchObject({ state: 'sending', lastFailure: { kind: 'unknown-outcome', message: 'The app stopped while this change was being sent' } });
    const status = statusesOf([entry], Date.now(), false).get(entry.seq!)!;
    expect(statusWords(status, swedish).text).toBe('Kontrollerar om den kom fram');
    expect(problemLine(entry.lastFailure, swedish)).toEqual({ reason: 'Appen stängdes medan ändringen skickades.', server: null });
  });

  it('a failure of the API client is said by its kind, with the server\'s status and words apart', async () => {
    const s = sandbox();
    const db = openDb();
    const guid = await syncedFixture(s, db);
    await updateCustomer(db, guid, { email: 'senare@example.se' });
    expect(await drainOutbox(db, unavailable(apiOf(s), 'getCustomer'))).toMatchObject({ retryLater: 1 });
    const entry = await onlyEntry(db);
    expect(entry.lastFailure).toMatchObject({ kind: 'server', status: 503, message: expect.stringMatching(/^Could not /u) });
    const line = problemLine(entry.lastFailure, swedish)!;
    expect(line.reason).toBe('Servern fick ett fel.');
    expect(line.server).toMatch(/^HTTP 503(: .+)?$/u);
    expect(line.server ?? '').not.toContain('Could not');
  });
});

describe('entries stored before this version read the same', () => {
  const at = '2026-03-01T10:00:00.000Z';
  const old = (fields: Partial<OutboxEntry> & Pick<OutboxEntry, 'entity' | 'op' | 'state' | 'lastFailure'>): OutboxEntry => ({
    seq: 7, customerGuid: 'c', id: 'x', entityKey: `${fields.entity}:c/x`, body: {}, attempts: 1, notBefore: 0, createdAt: at, updatedAt: at, ...fields,
  });
  // Exactly as 0.1.0 wrote them into IndexedDB and the journal.
  const cases: [OutboxEntry, string][] = [
    [old({ entity: 'mandate', op: 'update', state: 'attention', lastFailure: { kind: 'not-found', message: 'This direct-debit mandate was deleted on the server after you edited it; your changes are kept here: discard them, or re-create it' } }),
      'Posten togs bort på servern efter att du ändrade den. Dina ändringar finns kvar här: släng dem eller skapa posten igen.'],
    [old({ entity: 'customer', op: 'update', state: 'attention', lastFailure: { kind: 'not-found', operation: 'getCustomer', message: 'This customer was deleted on the server after you edited it; your changes are kept here: discard them, or re-create it' } }),
      'Posten togs bort på servern efter att du ändrade den. Dina ändringar finns kvar här: släng dem eller skapa posten igen.'],
    [old({ entity: 'address', op: 'create', state: 'attention', lastFailure: { kind: 'not-found', status: 404, message: 'Its customer no longer exists on the server, so this cannot be saved there', problem: { title: 'Not Found', status: 404, detail: 'No customer 42' } } }),
      'Kunden finns inte längre på servern, så det här kan inte sparas där.'],
    [old({ entity: 'question', op: 'respond', state: 'attention', lastFailure: { kind: 'not-found', operation: 'respondToQuestion', message: 'The question is no longer open on the server (someone else answered or removed it)' } }),
      'Frågan är inte längre öppen på servern: någon annan har besvarat eller tagit bort den.'],
    [old({ entity: 'extraField', op: 'create', state: 'attention', lastFailure: { kind: 'conflict', message: 'A extra field named \'Hobby\'s\' already exists on the server with other values; rename yours or discard it' } }),
      'Namnet ”Hobby\'s” är redan upptaget på servern, med andra värden: byt namn på ditt eller släng det.'],
    [old({ entity: 'customer', op: 'update', state: 'attention', lastFailure: { kind: 'validation', message: 'Not sent: email: Must be an e-mail address', fieldErrors: { email: ['Must be an e-mail address'] } } }),
      'Inte skickad: några värden följer inte serverns regler.'],
    [old({ entity: 'customer', op: 'update', state: 'sending', lastFailure: { kind: 'unknown-outcome', message: 'The app stopped while this change was being sent' } }),
      'Appen stängdes medan ändringen skickades.'],
    [old({ entity: 'customer', op: 'update', state: 'pending', lastFailure: { kind: 'network', operation: 'getCustomer', message: 'Could not get a customer: the server could not be reached (ECONNREFUSED).' } }),
      'Servern gick inte att nå.'],
  ];

  it.each(cases)('%#: said in Swedish, and kept as it was in the journal', (entry, swedishReason) => {
    expect(shown(entry, swedish)).toBe(swedishReason);
    expect(v.safeParse(journalEntrySchema, toJournalEntry(entry as QueuedEntry)).success).toBe(true);
  });

  it('the server\'s own words stay as the detail; a failure of a kind this version does not know shows its own message', () => {
    const [, , gone] = cases;
    expect(failureReport(gone![0].entity, gone![0].lastFailure!, swedish)).toMatchObject({ status: 404, detail: 'Not Found: No customer 42' });
    const future = old({ entity: 'customer', op: 'update', state: 'attention', lastFailure: { kind: 'teleported', message: 'Gone to another tenant' } as unknown as ApiFailure });
    expect(shown(future, swedish)).toBe('Gone to another tenant');
  });
});

describe('a conflict settled meanwhile', () => {
  it('refuses to be resolved again with a reason the conflict view says in the user\'s language', async () => {
    const db = openDb();
    const s = sandbox();
    const guid = await syncedFixture(s, db);
    await updateCustomer(db, guid, { email: 'mine@example.se' });
    const [entry] = await db.outbox.toArray();
    const id = (await db.conflicts.add({
      entityKey: entry!.entityKey, entity: 'customer', customerGuid: guid, outboxSeq: entry!.seq!, detectedAt: '2026-03-01T10:00:00.000Z',
      fields: [{ field: 'email', base: 'ada@example.se', theirs: 'theirs@example.se', yours: 'mine@example.se' }], theirs: {},
    })) as number;
    // Its change is pending again (resolved in another window): not in conflict any more.
    const refusal = await resolveConflict(db, id, { email: 'yours' }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConflictClosedError);
    expect(refusal).toBeInstanceOf(EntryStateError);
    expect((refusal as Error).message).toBe('This conflict is no longer open');
    const { text } = refusal as ConflictClosedError;
    expect(swedish.t(text.key, text.params)).toBe('Konflikten är inte längre öppen: den har lösts, eller så har ändringen slängts.');
    expect(english.t(text.key, text.params)).toBe('This conflict is no longer open: it was resolved, or its change was discarded.');
    await expect(resolveConflict(db, 999, {}).catch((error: unknown) => error)).resolves.toBeInstanceOf(ConflictClosedError);
  });
});
