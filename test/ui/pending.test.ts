import { describe, expect, it } from 'vitest';
import type { ApiFailure } from '../../shared/api/errors';
import type { ConflictRecord, OutboxEntry } from '../../renderer/src/cache/records';
import { updateCustomer } from '../../renderer/src/outbox';
import { recordConflict } from '../../renderer/src/outbox/settle';
import { choicesToSend, conflictRows, defaultChoices } from '../../renderer/src/pending/conflict';
import {
  actionsFor, describeEntry, discardedWith, failureReport, groupByCustomer, statusesOf, statusWords, type EntryStatus,
} from '../../renderer/src/pending/describe';
import { bodyOfForm, checkBody, editableFields, fieldsOfOperation, formOf } from '../../renderer/src/pending/edit';
import { readPending } from '../../renderer/src/pending/read';
import { inSentence } from '../../renderer/src/pending/words';
import { resolveConflict } from '../../renderer/src/sync/conflicts';
import { cachedFixture, openDb } from '../sync/outbox-fixtures';
import { english } from './english';

// The Pending changes page and the conflict view, as plain logic: the words the user reads, the
// state each change is in, what each action is offered for, and what Resolve sends.

const anna = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const bo = '9b2c7e4a-1111-4222-8333-444455556666';
const names = new Map([[anna, 'Anna Lindqvist'], [bo, 'Bo Ek']]);
const at = '2026-03-01T10:00:00.000Z';

let nextSeq = 1;
function entry(fields: Partial<OutboxEntry> & Pick<OutboxEntry, 'entity' | 'op'>): OutboxEntry & { seq: number } {
  const customerGuid = fields.customerGuid ?? anna;
  const id = fields.id ?? customerGuid;
  const key = fields.entity === 'customer' ? `customer:${customerGuid}` : `${fields.entity}:${customerGuid}/${id}`;
  return {
    seq: nextSeq++, customerGuid, id, entityKey: key, body: null, state: 'pending', attempts: 0, notBefore: 0, lastFailure: null,
    createdAt: at, updatedAt: at, ...fields,
  } as OutboxEntry & { seq: number };
}

const sentence = (e: OutboxEntry, recordLabels?: Map<string, string>) => describeEntry(e, { names, ...(recordLabels ? { recordLabels } : {}) }, english).sentence;

describe('what a queued change does, in words', () => {
  it('names the customer and the fields an update sets, in the labels of the detail screen', () => {
    expect(sentence(entry({ entity: 'customer', op: 'update', body: { email: 'a@b.se', cellularPhone: '070' } })))
      .toBe('Update customer Anna Lindqvist: e-mail, mobile phone');
    // Acronyms keep their capitals inside the sentence.
    expect(sentence(entry({ entity: 'customer', op: 'update', body: { vatNumber: 'SE1', glnNumber: '1' } })))
      .toBe('Update customer Anna Lindqvist: VAT number, GLN');
    expect(sentence(entry({ entity: 'customer', op: 'create', body: { fullName: 'Anna Lindqvist' } }))).toBe('New customer Anna Lindqvist');
    expect(sentence(entry({ entity: 'customer', op: 'delete' }))).toBe('Delete customer Anna Lindqvist');
  });

  it('names the child record: its natural key, its label, or what its create body says', () => {
    expect(sentence(entry({ entity: 'address', op: 'create', id: 'local-1', body: { street: 'Storgatan', houseNo: '1', city: 'Lund' } })))
      .toBe('Add address “Storgatan 1, Lund” to Anna Lindqvist');
    expect(sentence(entry({ entity: 'parameter', op: 'update', id: 'Risk class', body: { value: 'A', href: null } })))
      .toBe('Update parameter “Risk class” of Anna Lindqvist: value, link');
    const address = entry({ entity: 'address', op: 'delete', id: 'a1' });
    expect(sentence(address, new Map([[address.entityKey, 'Storgatan 1, Uppsala']]))).toBe('Remove address “Storgatan 1, Uppsala” from Anna Lindqvist');
    expect(sentence(entry({ entity: 'creditInsurance', op: 'create', id: 'local-2', customerGuid: bo, body: { insuranceCompanyReferenceCode: 'COFACE' } })))
      .toBe('Add credit insurance “COFACE” to Bo Ek');
    expect(sentence(entry({ entity: 'mandate', op: 'create', id: 'local-3', body: {} }))).toBe('Add direct-debit mandate to Anna Lindqvist');
  });

  it('says what an answer to a question does', () => {
    expect(sentence(entry({ entity: 'question', op: 'respond', id: 'q1', body: { response: 'YES' } }))).toBe('Answer a question about Anna Lindqvist: “YES”');
    expect(sentence(entry({ entity: 'question', op: 'respond', id: 'q1', body: { postponeTo: '2026-04-01T00:00:00Z' } }))).toBe('Postpone a question about Anna Lindqvist');
  });

  it('never shows a blank name or a camelCase field', () => {
    expect(sentence(entry({ entity: 'customer', op: 'update', customerGuid: 'abcdef12-0000-4000-8000-000000000000', body: { someNewField: 1 } })))
      .toBe('Update customer abcdef12…: some new field');
    expect(inSentence('E-mail')).toBe('e-mail');
    expect(inSentence('NACE code')).toBe('NACE code');
  });
});

describe('where a queued change stands', () => {
  const now = Date.parse('2026-03-01T14:00:00Z');
  const words = (status: EntryStatus | undefined) => (status ? statusWords(status, english).text : 'missing');

  it('pending, retrying at a time after N attempts, waiting for its parent, or behind the change before it', () => {
    const create = entry({ entity: 'customer', op: 'create', customerGuid: bo, id: bo, body: { fullName: 'Bo Ek' } });
    const child = entry({ entity: 'address', op: 'create', customerGuid: bo, id: 'local-9', body: { city: 'Umeå' } });
    const backing = entry({ entity: 'customer', op: 'update', body: { email: 'x@y.se' }, attempts: 3, notBefore: Date.parse('2026-03-01T14:05:00Z') });
    const behind = entry({ entity: 'customer', op: 'update', body: { email: 'z@y.se' } });
    const tried = entry({ entity: 'parameter', op: 'update', id: 'Risk class', body: { value: 'A' }, attempts: 2, notBefore: now - 1 });
    const statuses = statusesOf([child, create, backing, behind, tried], now, false);
    expect(words(statuses.get(create.seq))).toBe('Pending');
    expect(words(statuses.get(child.seq))).toBe('Waiting for the customer to be created');
    expect(words(statuses.get(backing.seq))).toBe('Retrying at 14:05 after 3 attempts');
    expect(words(statuses.get(behind.seq))).toBe('Waiting for the change before it');
    expect(words(statuses.get(tried.seq))).toBe('Pending, tried 2 times');
  });

  it('sending while a sync runs, otherwise checked before it is sent again; conflict and attention wait for the user', () => {
    const sending = entry({ entity: 'customer', op: 'update', customerGuid: bo, id: bo, state: 'sending', body: { email: 'x@y.se' } });
    const conflict = entry({ entity: 'parameter', op: 'update', id: 'P', state: 'conflict', body: { value: 'x' } });
    const attention = entry({ entity: 'extraField', op: 'update', id: 'Tags', state: 'attention', body: { value: ['x'] } });
    expect(words(statusesOf([sending], now, true).get(sending.seq))).toBe('Sending…');
    expect(words(statusesOf([sending], now, false).get(sending.seq))).toBe('Checking whether it arrived');
    const statuses = statusesOf([conflict, attention], now, false);
    expect(statusWords(statuses.get(conflict.seq)!, english)).toEqual({ text: 'Conflict: choose the values', tone: 'danger' });
    expect(statusWords(statuses.get(attention.seq)!, english)).toEqual({ text: 'Needs attention', tone: 'warning' });
  });

  it('a customer delete waits for the changes to its details', () => {
    const child = entry({ entity: 'parameter', op: 'update', id: 'P', body: { value: 'x' } });
    const remove = entry({ entity: 'customer', op: 'delete' });
    expect(words(statusesOf([child, remove], now, false).get(remove.seq))).toBe('Waiting for the changes to its details');
  });

  it('offers only the actions that can work in that state', () => {
    const pending = entry({ entity: 'customer', op: 'update', body: { email: 'x@y.se' } });
    expect(actionsFor(pending, { kind: 'pending', attempts: 0 })).toEqual({ retry: false, edit: true, discard: true, resolve: false });
    expect(actionsFor(pending, { kind: 'attention' })).toEqual({ retry: true, edit: true, discard: true, resolve: false });
    expect(actionsFor(pending, { kind: 'sending' })).toEqual({ retry: false, edit: false, discard: false, resolve: false });
    expect(actionsFor(pending, { kind: 'conflict' })).toEqual({ retry: false, edit: false, discard: true, resolve: true });
    // A delete has no body to edit.
    expect(actionsFor(entry({ entity: 'customer', op: 'delete' }), { kind: 'attention' }).edit).toBe(false);
  });
});

describe('the server\'s answer to a refused change', () => {
  it('says why in the catalogue\'s words, keeps the server\'s own words as the detail, and each field error under the field\'s label', () => {
    const failure: ApiFailure = {
      kind: 'validation', status: 400, message: 'The server refused the change',
      problem: { title: 'One or more validation errors occurred.', detail: 'See errors.', status: 400, errors: { email: ['Must be an e-mail address'] } },
    };
    expect(failureReport('customer', failure, english)).toEqual({
      title: 'The server did not accept these values.',
      detail: 'One or more validation errors occurred. See errors.',
      status: 400,
      // A schema's message the forms know is said as the forms say it.
      fieldErrors: [{ field: 'email', label: 'E-mail', messages: ['Not an e-mail address, e.g. anna@example.se'] }],
    });
    // Without a problem, no server words; a parameter's item index is not a field; a message nobody knows stays as it came.
    expect(failureReport('parameter', { kind: 'conflict', message: 'Taken', fieldErrors: { '0.name': ['Is taken'], '': ['Whole'] } }, english))
      .toMatchObject({ title: 'It conflicts with what is on the server.', detail: null, fieldErrors: [{ label: 'Name', messages: ['Is taken'] }, { label: 'The change as a whole' }] });
  });
});

describe('grouping and discarding', () => {
  it('keeps the global order: groups in the order of their first change, changes in order within', () => {
    const a1 = entry({ entity: 'customer', op: 'update', body: { email: 'a' } });
    const b1 = entry({ entity: 'customer', op: 'update', customerGuid: bo, id: bo, body: { email: 'b' } });
    const a2 = entry({ entity: 'parameter', op: 'update', id: 'P', body: { value: 'x' } });
    const groups = groupByCustomer([a2, b1, a1].map((e) => ({ entry: e })));
    expect(groups.map((g) => [g.customerGuid, g.items.map((i) => i.entry.seq)])).toEqual([[anna, [a1.seq, a2.seq]], [bo, [b1.seq]]]);
  });

  it('discarding a create takes the later changes of the same record with it, nothing else', () => {
    const create = entry({ entity: 'address', op: 'create', id: 'local-5', body: { city: 'Lund' } });
    const later = entry({ entity: 'address', op: 'update', id: 'local-5', body: { city: 'Malmö' } });
    const other = entry({ entity: 'address', op: 'update', id: 'a-other', body: { city: 'Ystad' } });
    expect(discardedWith(create, [create, later, other]).map((e) => e.seq)).toEqual([later.seq]);
    expect(discardedWith(later, [create, later, other])).toEqual([]);
  });
});

describe('the conflict view', () => {
  const conflict: Pick<ConflictRecord, 'entity' | 'fields'> = {
    entity: 'customer',
    fields: [
      { field: 'email', base: 'ada@example.se', theirs: 'theirs@example.se', yours: 'mine@example.se' },
      { field: 'underAged', base: null, theirs: true, yours: false },
    ],
  };

  it('starts every field at "yours" and always sends a choice for every field', () => {
    expect(defaultChoices(conflict)).toEqual({ email: 'yours', underAged: 'yours' });
    expect(choicesToSend(conflict, {})).toEqual({ email: 'yours', underAged: 'yours' });
    expect(choicesToSend(conflict, { underAged: 'base', notInConflict: 'theirs' } as never)).toEqual({ email: 'yours', underAged: 'base' });
  });

  it('shows the three values of each row in words', () => {
    expect(conflictRows(conflict, english)).toEqual([
      { field: 'email', label: 'E-mail', values: { base: 'ada@example.se', theirs: 'theirs@example.se', yours: 'mine@example.se' } },
      { field: 'underAged', label: 'Under age', values: { base: null, theirs: 'Yes', yours: 'No' } },
    ]);
  });

  it('what Resolve sends settles the conflict in the outbox: "yours" by default, "theirs" drops the field', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await updateCustomer(db, guid, { email: 'mine@example.se', workPhone: '08-1' });
    const [queued] = await db.outbox.toArray();
    const theirs = { ...(await db.bases.get(['customer', guid]))!.record, email: 'theirs@example.se', workPhone: '08-9' };
    await recordConflict(db, queued!, [
      { field: 'email', base: 'ada@example.se', theirs: 'theirs@example.se', yours: 'mine@example.se' },
      { field: 'workPhone', base: null, theirs: '08-9', yours: '08-1' },
    ], theirs);
    const [record] = await db.conflicts.toArray();
    await resolveConflict(db, record!.id!, choicesToSend(record!, { workPhone: 'theirs' }));
    expect(await db.conflicts.count()).toBe(0);
    expect((await db.outbox.toArray())[0]).toMatchObject({ state: 'pending', body: { email: 'mine@example.se' } });
    expect((await db.outbox.toArray())[0]?.body).not.toHaveProperty('workPhone');
    db.close();
  });
});

describe('editing a queued body', () => {
  it('offers the body\'s fields, typed from the operation\'s schema, and maps them back', () => {
    const update = entry({ entity: 'customer', op: 'update', body: { email: 'bad', juridicalType: 1, underAged: true } });
    const fields = editableFields(update);
    expect(fields.map((f) => [f.name, f.kind])).toEqual([['email', 'text'], ['juridicalType', 'choice'], ['underAged', 'boolean']]);
    expect(fields[1]?.options).toEqual([0, 1]);
    const values = formOf(update, fields);
    expect(values).toEqual({ email: 'bad', juridicalType: '1', underAged: 'true' });
    expect(checkBody(update, bodyOfForm(update, fields, values))).toEqual({ email: ['Must be an e-mail address, e.g. anna@example.se'] });
    const fixed = bodyOfForm(update, fields, { email: 'anna@example.se', juridicalType: '0', underAged: '' });
    expect(fixed).toEqual({ email: 'anna@example.se', juridicalType: 0, underAged: null });
    expect(checkBody(update, fixed)).toEqual({});
  });

  it('reads numbers as the user writes them, lists one value a line, and keeps a record\'s key read-only', () => {
    const insurance = entry({ entity: 'creditInsurance', op: 'update', id: 'i1', body: { amount: 1000, endDate: null } });
    const fields = editableFields(insurance);
    expect(fields.map((f) => f.kind)).toEqual(['number', 'datetime']);
    expect(bodyOfForm(insurance, fields, { amount: '1 500,50', endDate: '' })).toEqual({ amount: 1500.5, endDate: null });
    expect(checkBody(insurance, { amount: 'lots', endDate: null })).toHaveProperty('amount');

    const tags = entry({ entity: 'extraField', op: 'create', id: 'Tags', body: { name: 'Tags', value: ['a'] } });
    const tagFields = editableFields(tags);
    expect(tagFields).toMatchObject([{ name: 'name', readOnly: true }, { name: 'value', kind: 'list' }]);
    expect(bodyOfForm(tags, tagFields, { name: 'Renamed', value: 'a\n\n b \n' })).toEqual({ name: 'Tags', value: ['a', 'b'] });
  });

  it('an answer shows all three of its fields; an update can add any of its update fields', () => {
    const answer = entry({ entity: 'question', op: 'respond', id: 'q', body: { response: 'YES' } });
    expect(editableFields(answer).map((f) => f.name)).toEqual(['response', 'note', 'postponeTo']);
    expect(checkBody(answer, { response: null, note: null, postponeTo: null })).toEqual({ response: ['Choose a response or a date to postpone to'] });
    const parameter = entry({ entity: 'parameter', op: 'update', id: 'P', body: { value: 'x' } });
    expect(fieldsOfOperation(parameter).map((f) => f.name)).toEqual(['type', 'value', 'href']);
    expect(checkBody(parameter, { value: 'x'.repeat(5000) })).toEqual({ value: ['Must be at most 4000 characters'] });
  });
});

describe('reading the queue for the page', () => {
  it('finds the names of customers and labels of records, also for one deleted on this computer', async () => {
    const db = openDb();
    const guid = await cachedFixture(db);
    await updateCustomer(db, guid, { email: 'new@example.se' });
    await db.outbox.add({
      entity: 'address', op: 'delete', customerGuid: guid, id: 'a0000000-0000-4000-8000-000000000001',
      entityKey: `address:${guid}/a0000000-0000-4000-8000-000000000001`, body: null, state: 'pending', attempts: 0, notBefore: 0,
      lastFailure: null, createdAt: at, updatedAt: at,
    });
    await db.customers.delete(guid); // the working copy is gone: the last server version still names it
    const snapshot = await readPending(db);
    expect(snapshot.names.get(guid.toLowerCase())).toBe('Ada Lindqvist');
    const [update, remove] = snapshot.entries;
    const context = { names: snapshot.names, recordLabels: snapshot.recordLabels };
    expect(describeEntry(update!, context, english).sentence).toBe('Update customer Ada Lindqvist: e-mail');
    expect(describeEntry(remove!, context, english).sentence).toBe('Remove address “Storgatan 1, Uppsala” from Ada Lindqvist');
    db.close();
  });
});
