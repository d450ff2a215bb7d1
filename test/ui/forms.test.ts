import { randomUUID } from 'node:crypto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { schemas } from '../../shared/api';
import type { OutboxEntry } from '../../renderer/src/cache/records';
import { toCachedCustomer } from '../../renderer/src/cache/customer-index';
import { FieldbookDb } from '../../renderer/src/cache/db';
import { changedFields, createBody, updateBody } from '../../renderer/src/forms/body';
import { schemaErrors } from '../../renderer/src/forms/check';
import { firstInvalid, formKeyOf, introducedErrors, messagesAt, serverRefusal, splitErrors, toFormKeys } from '../../renderer/src/forms/errors';
import { fromFormValue, initialValues, toFormValue, type FieldSpec } from '../../renderer/src/forms/fields';
import { localizeMessage } from '../../renderer/src/forms/messages';
import { noticeState } from '../../renderer/src/forms/notice-state';
import { saveChanges } from '../../renderer/src/forms/persist';
import { chainsOf, statusOf, statusOfChain } from '../../renderer/src/forms/record-status';
import { maxLengthOf } from '../../renderer/src/forms/schema-limits';
import {
  booleanOrNull, codeOrNull, dateToIso, enumOrNull, isoToDate, listOrNull, numberOrNull, sameFormValue, textOrNull,
} from '../../renderer/src/forms/values';
import {
  checkCustomerCreate, checkCustomerUpdate, customerCreateBody, customerFields, customerGroups, customerUpdateBody, editCustomerValues,
  newCustomerValues, personOnly,
} from '../../renderer/src/customers/edit/customer-form';
import { describeQueued } from '../../renderer/src/customers/edit/delete-words';
import { addressValues, checkAddressCreate, checkAddressUpdate, addressUpdateBody } from '../../renderer/src/customers/detail/edit/address-form';
import { checkExtraFieldCreate, extraFieldCreateBody, extraFieldUpdateBody, extraFieldValues } from '../../renderer/src/customers/detail/edit/extra-field-form';
import { checkInsuranceCreate, insuranceCreateBody, insuranceUpdateBody, insuranceValues } from '../../renderer/src/customers/detail/edit/insurance-form';
import { checkMandateCreate, mandateCreateBody, mandateValues } from '../../renderer/src/customers/detail/edit/mandate-form';
import { checkParameterCreate, checkParameterUpdate, parameterCreateBody, parameterUpdateBody, parameterValues } from '../../renderer/src/customers/detail/edit/parameter-form';
import { answerBody, checkAnswer, minimumPostponeDate } from '../../renderer/src/customers/detail/edit/question-form';
import { checkJson, formatJson } from '../../renderer/src/customers/detail/actions/json-text';
import { requestProblems, runService } from '../../renderer/src/customers/detail/actions/run';
import { ApiError, type CustomersApi } from '../../shared/api';
import { en } from '../../renderer/src/i18n/en';
import { updateCustomer } from '../../renderer/src/outbox';
import { baseKeyOf } from '../../renderer/src/outbox/keys';

/*
 * The editing screens' logic, without a browser: how typed text becomes a request body (dates,
 * numbers, emptied fields), which fields an edit sends, where every error is shown (the
 * schema's, the outbox's, the server's), and the JSON checker of the custom actions.
 */

/** The English catalogue as the forms' translate function: tests read the sentences the user reads. */
const t = (key: keyof typeof en, params: Record<string, string | number> = {}): string => {
  const message = en[key];
  const text = typeof message === 'string' ? message : Number(params['count']) === 1 ? message.one : message.other;
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) => String(params[name] ?? whole));
};

describe('values: what typed text means to the API', () => {
  it('empties to null and trims', () => {
    expect(textOrNull('')).toBeNull();
    expect(textOrNull('   ')).toBeNull();
    expect(textOrNull('  Anna ')).toBe('Anna');
    expect(codeOrNull(' sek ')).toBe('SEK');
    expect(codeOrNull('')).toBeNull();
  });

  it('sends a calendar date as midnight UTC and reads it back as the same day', () => {
    expect(dateToIso('1985-04-12')).toBe('1985-04-12T00:00:00Z');
    expect(dateToIso('')).toBeNull();
    // Not a day: passed through for the schema to refuse, never moved to another date.
    expect(dateToIso('2024-02-31')).toBe('2024-02-31');
    expect(isoToDate('1985-04-12T00:00:00Z')).toBe('1985-04-12');
    expect(isoToDate('2024-03-05T23:30:00-02:00')).toBe('2024-03-06');
    expect(isoToDate(null)).toBe('');
    expect(isoToDate('garbage')).toBe('');
    expect(schemas.isoDateTime.pipe).toBeDefined();
  });

  it('reads numbers with a decimal comma or point and thousands spaces; nonsense is NaN', () => {
    expect(numberOrNull('12 500,50')).toBe(12500.5);
    expect(numberOrNull('12\u00a0500.5')).toBe(12500.5);
    expect(numberOrNull('1,234.50')).toBe(1234.5);
    expect(numberOrNull('1.234,50')).toBe(1234.5);
    expect(numberOrNull('-3')).toBe(-3);
    expect(numberOrNull('')).toBeNull();
    expect(numberOrNull('12 kr')).toBeNaN();
  });

  it('tri-state booleans, enums and lists', () => {
    expect([booleanOrNull('true'), booleanOrNull('false'), booleanOrNull('')]).toEqual([true, false, null]);
    expect([enumOrNull('1'), enumOrNull('')]).toEqual([1, null]);
    expect(listOrNull(['a', '  ', ' b '])).toEqual(['a', 'b']);
    expect(listOrNull(['', ' '])).toBeNull();
    expect(sameFormValue('Anna', 'Anna  ')).toBe(true);
    expect(sameFormValue(['a'], ['a', 'b'])).toBe(false);
  });

  it('round-trips a record through the inputs', () => {
    const fields: FieldSpec[] = [
      { name: 'd', label: 'field.dateOfBirth', kind: 'date' },
      { name: 'n', label: 'insurance.amount', kind: 'decimal' },
      { name: 'b', label: 'field.underAged', kind: 'boolean' },
      { name: 'e', label: 'field.gender', kind: 'enum' },
      { name: 'l', label: 'extraField.values', kind: 'list' },
      { name: 'c', label: 'address.default', kind: 'check' },
    ];
    const record = { d: '2001-02-03T00:00:00Z', n: 12.5, b: false, e: 2, l: ['x', 'y'], c: null };
    const values = initialValues(fields, record);
    expect(values).toEqual({ d: '2001-02-03', n: '12.5', b: 'false', e: '2', l: ['x', 'y'], c: false });
    expect(fields.map((f) => fromFormValue(f, values[f.name]))).toEqual(['2001-02-03T00:00:00Z', 12.5, false, 2, ['x', 'y'], false]);
    expect(toFormValue(fields[0]!, undefined)).toBe('');
  });

  it('takes input limits from the shared schemas', () => {
    expect(maxLengthOf(schemas.customerCreate, 'firstname')).toBe(200);
    expect(maxLengthOf(schemas.customerCreate, 'zipCode')).toBe(20);
    expect(maxLengthOf(schemas.addressCreate, 'countryCode')).toBe(3);
    expect(maxLengthOf(schemas.customerCreate, 'dateOfBirth')).toBeUndefined();
  });
});

describe('bodies from form state', () => {
  it('a create sends only what was filled in, dates as ISO date-times', () => {
    const values = { ...newCustomerValues('person'), firstname: ' Anna ', lastname: 'Lindqvist', dateOfBirth: '1985-04-12', email: '', underAged: 'false', gender: '2' };
    expect(customerCreateBody('person', values)).toEqual({
      juridicalType: 0, firstname: 'Anna', lastname: 'Lindqvist', dateOfBirth: '1985-04-12T00:00:00Z', underAged: false, gender: 2,
    });
  });

  it("a company's create leaves out person-only fields even when something was typed in them before the switch", () => {
    const values = { ...newCustomerValues('company'), fullName: 'Kund AB', firstname: 'Anna', gender: '2', vatNumber: 'SE556677889901' };
    const body = customerCreateBody('company', values);
    expect(body).toEqual({ juridicalType: 1, fullName: 'Kund AB', vatNumber: 'SE556677889901' });
    const companyFields = customerGroups('create', 'company').flatMap((g) => g.fields.map((f) => f.name));
    expect(companyFields.filter((name) => personOnly.has(name))).toEqual([]);
    expect(customerGroups('create', 'person').flatMap((g) => g.fields.map((f) => f.name))).toEqual(expect.arrayContaining([...personOnly]));
  });

  it('create has clientReference, fullName, the main address and parentCustomer; edit has none of the create-only fields', () => {
    const create = customerFields('create', 'person').map((f) => f.name);
    const edit = customerFields('edit', 'person').filter((f) => !f.readOnly).map((f) => f.name);
    expect(create).toEqual(expect.arrayContaining(['clientReference', 'fullName', 'street', 'zipCode', 'city', 'countryCode', 'fullAddress', 'parentCustomer']));
    expect(edit).not.toEqual(expect.arrayContaining(['clientReference']));
    expect(edit.filter((f) => ['fullName', 'street', 'city', 'clientReference'].includes(f))).toEqual([]);
    // Every field of the update schema is editable (for a person: a company has no person-only ones); the full name is shown, fixed.
    expect(customerFields('edit', 'company').find((f) => f.name === 'fullName')).toMatchObject({ readOnly: true });
    expect(new Set(edit)).toEqual(new Set(schemas.customerUpdateFields));
  });

  it('an edit sends the changed fields only, an emptied one as null, and a date changed as ISO', () => {
    const customer = { juridicalType: 0, firstname: 'Anna', email: 'anna@example.se', dateOfBirth: '1985-04-12T00:00:00Z', cellularPhone: '070' };
    const initial = editCustomerValues(customer);
    const values = { ...initial, email: '', dateOfBirth: '1985-04-13', firstname: 'Anna ', homePhone: '018-12 34 56' };
    expect(customerUpdateBody('person', initial, values)).toEqual({ email: null, dateOfBirth: '1985-04-13T00:00:00Z', homePhone: '018-12 34 56' });
    expect(changedFields(customerFields('edit', 'person'), initial, initial)).toEqual([]);
  });

  it('a switch to company sends the type, never the hidden person fields', () => {
    const initial = editCustomerValues({ juridicalType: 0, firstname: 'Anna' });
    const values = { ...initial, juridicalType: '1', firstname: 'Changed while a person' };
    expect(customerUpdateBody('company', initial, values)).toEqual({ juridicalType: 1 });
  });

  it('sub-resources: parameters keep their name out of an update; extra fields drop blank values; insurances parse amounts', () => {
    const parameter = parameterValues({ name: 'RiskClass', type: 'int', value: '3', href: null });
    expect(parameterUpdateBody(parameter, { ...parameter, name: 'Renamed', value: '4' })).toEqual({ value: '4' });
    expect(parameterCreateBody({ ...parameterValues(), name: 'Segment', value: 'A' })).toEqual({ name: 'Segment', value: 'A' });

    const fresh = extraFieldValues();
    expect(fresh['value']).toEqual(['']);
    expect(extraFieldCreateBody({ ...fresh, name: 'Tags', value: ['a', ' ', 'b'] })).toEqual({ name: 'Tags', value: ['a', 'b'] });
    const existing = extraFieldValues({ name: 'Tags', value: ['a'] });
    expect(extraFieldUpdateBody(existing, { ...existing, value: [] })).toEqual({ value: null });
    expect(extraFieldUpdateBody(existing, existing)).toEqual({});

    const insurance = insuranceValues(undefined, { currencyCode: 'SEK' });
    expect(insuranceCreateBody({ ...insurance, insuranceCompanyReferenceCode: 'ATRADIUS', amount: '250 000,50', paymentTerm: '30', endDate: '2027-12-31' }))
      .toEqual({ insuranceCompanyReferenceCode: 'ATRADIUS', currencyCode: 'SEK', amount: 250000.5, paymentTerm: 30, endDate: '2027-12-31T00:00:00Z' });
    const stored = insuranceValues({ insuranceCompanyName: 'Atradius', amount: 1000, currencyCode: 'EUR', note: 'x' });
    expect(insuranceUpdateBody(stored, { ...stored, amount: '1500', note: '' })).toEqual({ amount: 1500, note: null });

    const address = addressValues({ street: 'Storgatan', defaultAddress: null, validFrom: '2020-01-01T00:00:00Z' });
    expect(addressUpdateBody(address, { ...address, defaultAddress: true, validFrom: '' })).toEqual({ defaultAddress: true, validFrom: null });

    expect(mandateCreateBody({ ...mandateValues(), directDebitMandateType: '1', receivingBankAccountNo: '5050-1055', sendingBankAccountClass: '9', signedDate: '2026-01-15' }))
      .toEqual({ directDebitMandateType: 1, receivingBankAccountNo: '5050-1055', sendingBankAccountClass: 9, signedDate: '2026-01-15T00:00:00Z' });
  });

  it('question answers: a response, or a postponement to a date; the note rides along', () => {
    expect(answerBody({ response: 'YES', note: '  ', postponeTo: '2030-01-01' }, false)).toEqual({ response: 'YES' });
    expect(answerBody({ response: '', note: 'Called twice', postponeTo: '2030-01-01' }, true)).toEqual({ postponeTo: '2030-01-01T00:00:00Z', note: 'Called twice' });
    expect(checkAnswer({ response: '', note: '', postponeTo: '' }, false)).toEqual({ response: ['Choose a response or a date to postpone to'] });
    expect(checkAnswer({ response: '', note: '', postponeTo: '' }, true)).toEqual({ postponeTo: ['Choose a response or a date to postpone to'] });
    expect(checkAnswer({ response: 'NO', note: '', postponeTo: '' }, false)).toEqual({});
    expect(minimumPostponeDate(new Date('2026-03-31T22:00:00Z'))).toBe('2026-04-01');
  });

  it('generic create/update helpers agree with createBody/updateBody', () => {
    const fields: FieldSpec[] = [{ name: 'a', label: 'field.email', kind: 'text' }, { name: 'b', label: 'field.email', kind: 'check' }];
    expect(createBody(fields, { a: '', b: false })).toEqual({ b: false });
    expect(updateBody(fields, { a: 'x', b: false }, { a: '', b: false })).toEqual({ a: null });
  });
});

describe('field errors: from the schema, the outbox and the server, onto the fields', () => {
  it('shows every field error at once, the cross-field rule too', () => {
    const values = { ...newCustomerValues('company'), email: 'not-an-address', currencyCode: 'kronor' };
    expect(checkCustomerCreate('company', values)).toEqual({
      email: ['Must be an e-mail address, e.g. anna@example.se'],
      currencyCode: ['Must be a three-letter ISO 4217 code, e.g. SEK'],
      // Only reported by the schema once the fields are valid: asked again without them. A company's name is simply required.
      fullName: ['Is required'],
    });
    // For a person, the schema's own words: a full name or a first and a last name.
    expect(checkCustomerCreate('person', { ...newCustomerValues('person'), firstname: 'Anna' })).toEqual({ fullName: ['Give a full name, or a first and a last name for a person'] });
    expect(checkCustomerCreate('person', { ...newCustomerValues('person'), firstname: 'Anna', lastname: 'Lind' })).toEqual({});
  });

  it('an edit is blocked by what it changes, not by a bad value the server sent that the user did not touch', () => {
    const initial = editCustomerValues({ juridicalType: 0, email: 'broken@', currencyCode: 'SEK' });
    expect(checkCustomerUpdate('person', initial, { ...initial, firstname: 'Anna' })).toEqual({});
    expect(checkCustomerUpdate('person', initial, { ...initial, email: 'still broken@' })).toEqual({ email: ['Must be an e-mail address, e.g. anna@example.se'] });
    expect(introducedErrors({ a: ['x'] }, { a: ['x', 'y'], b: ['z'] }, [])).toEqual({ a: ['y'], b: ['z'] });
  });

  it('sub-resources: address dates, parameter names (an array body), extra field values, mandates', () => {
    const address = { ...addressValues(), validFrom: '2026-05-01', validTo: '2026-04-01', countryCode: 'SWE1' };
    expect(checkAddressCreate(address)).toEqual({ countryCode: ['Must be at most 3 characters'], validTo: ['Valid to must not be before valid from'] });
    expect(checkAddressCreate({ ...address, countryCode: 'SE', validTo: '' })).toEqual({});
    const stored = addressValues({ validFrom: '2026-05-01T00:00:00Z' });
    expect(checkAddressUpdate(stored, { ...stored, validTo: '2026-01-01' })).toEqual({ validTo: ['Valid to must not be before valid from'] });

    // The API takes parameters as an array: its `0.name` errors land on the form's `name`.
    expect(checkParameterCreate(parameterValues())).toEqual({ name: ['Is required'] });
    expect(checkParameterCreate({ ...parameterValues(), name: '..' })).toEqual({ name: ["Name cannot be '.' or '..'"] });
    const parameter = parameterValues({ name: 'RiskClass', value: '3' });
    expect(checkParameterUpdate(parameter, { ...parameter, type: 'x'.repeat(51) })).toEqual({ type: ['Must be at most 50 characters'] });

    expect(checkExtraFieldCreate({ name: 'Tags', value: ['ok', 'x'.repeat(4001)] })).toEqual({ 'value.1': ['A value must be at most 4000 characters'] });
    // Left empty, they are missing from the body: "Is required" (the schema's own words for a missing key).
    expect(checkMandateCreate(mandateValues())).toEqual({ directDebitMandateType: ['Is required'], receivingBankAccountNo: ['Is required'] });
    expect(checkMandateCreate({ ...mandateValues(), directDebitMandateType: '6', receivingBankAccountNo: '  ' })).toEqual({
      directDebitMandateType: [expect.stringContaining('Direct-debit mandate type must be one of')],
      // Blank is trimmed to nothing: still missing.
      receivingBankAccountNo: ['Is required'],
    });
    expect(checkInsuranceCreate({ ...insuranceValues(), amount: 'lots', graceDays: '-2' })).toEqual({ amount: ['Must be a number'], graceDays: ['Must not be negative'] });
  });

  it("maps the server's field names onto the form's", () => {
    const fields = ['email', 'name', 'value'];
    expect(formKeyOf('$.Email', fields)).toBe('email');
    expect(formKeyOf('0.name', fields)).toBe('name');
    expect(formKeyOf('[0].Name', fields)).toBe('name');
    expect(formKeyOf('value.2', fields)).toBe('value.2');
    expect(formKeyOf('', fields)).toBe('');
    expect(formKeyOf('tenantRule', fields)).toBe('tenantRule');
    expect(toFormKeys({ Email: ['a'], '$.email': ['b', 'a'] }, fields)).toEqual({ email: ['a', 'b'] });
  });

  it('splits errors into those at a field of the form and the rest (for the summary), and finds the first invalid field', () => {
    const split = splitErrors({ email: ['bad'], 'value.1': ['long'], '': ['whole body'], fullName: ['hidden field'] }, ['value', 'email']);
    expect(split.atFields).toEqual({ email: ['bad'], 'value.1': ['long'] });
    expect(split.elsewhere).toEqual([{ field: '', messages: ['whole body'] }, { field: 'fullName', messages: ['hidden field'] }]);
    expect(firstInvalid(['firstname', 'email', 'value'], split.atFields)).toBe('email');
    expect(firstInvalid(['value', 'email'], split.atFields)).toBe('value');
    expect(messagesAt({ value: ['a'], 'value.0': ['b'] }, 'value', true)).toEqual(['a', 'b']);
  });

  it("puts the server's problem details of a refused entry at the fields, and says whether saving can correct it", () => {
    const entry = (seq: number, state: OutboxEntry['state'], extra: Partial<OutboxEntry> = {}): OutboxEntry => ({
      seq, entity: 'parameter', op: 'update', customerGuid: 'c', id: 'Risk', entityKey: 'parameter:c/risk', body: { value: 'x' }, state,
      attempts: 1, notBefore: 0, lastFailure: null, createdAt: '', updatedAt: '', ...extra,
    });
    const refused = entry(4, 'attention', {
      lastFailure: { kind: 'validation', status: 400, message: 'Not sent: 0.value: too long', fieldErrors: { '0.value': ['Must be at most 4000 characters'] }, problem: { detail: 'One or more validation errors occurred.' } },
    });
    expect(serverRefusal([refused], ['name', 'type', 'value', 'href'])).toEqual({
      seq: 4, op: 'update', failure: refused.lastFailure, fieldErrors: { value: ['Must be at most 4000 characters'] }, isLast: true,
    });
    expect(serverRefusal([refused, entry(5, 'pending')], ['value'])?.isLast).toBe(false);
    expect(serverRefusal([entry(6, 'pending')], ['value'])).toBeNull();
    // Problem details without the client's fieldErrors: their `errors` extension is used.
    expect(serverRefusal([entry(7, 'attention', { lastFailure: { kind: 'validation', message: 'Bad', problem: { errors: { Value: ['Nope'] } } } })], ['value'])?.fieldErrors)
      .toEqual({ value: ['Nope'] });
  });

  it("says the schema's messages in the user's language, and leaves unknown ones as they came", () => {
    expect(localizeMessage('Must be at most 50 characters', t)).toBe('At most 50 characters');
    expect(localizeMessage('Must be an e-mail address, e.g. anna@example.se', t)).toBe('Not an e-mail address, e.g. anna@example.se');
    expect(localizeMessage("'Risk' is already in use for this customer", t)).toBe('“Risk” is already in use for this customer');
    expect(localizeMessage('Gender must be one of 0 (Unknown), 1 (Male), 2 (Female)', t)).toBe('Choose one of the options');
    expect(localizeMessage('The tenant does not allow this channel', t)).toBe('The tenant does not allow this channel');
  });
});

describe('row states and save notices from the outbox', () => {
  const entry = (seq: number, entityKey: string, op: OutboxEntry['op'], state: OutboxEntry['state']): OutboxEntry => ({
    seq, entity: 'address', op, customerGuid: 'c', id: entityKey.split('/')[1] ?? '', entityKey, body: {}, state, attempts: 0, notBefore: 0, lastFailure: null, createdAt: '', updatedAt: '',
  });

  it('marks created-here rows, pending rows, and the most urgent state of a record', () => {
    const chains = chainsOf([entry(2, 'address:c/local-1', 'update', 'pending'), entry(1, 'address:c/local-1', 'create', 'pending'), entry(3, 'address:c/a2', 'update', 'attention')]);
    expect(statusOf(chains, 'address', 'c', 'local-1')).toEqual({ state: 'pending', localOnly: true, deleting: false });
    expect(statusOf(chains, 'address', 'c', 'a2')).toEqual({ state: 'attention', localOnly: false, deleting: false });
    expect(statusOf(chains, 'address', 'c', 'a3')).toEqual({ state: null, localOnly: false, deleting: false });
    expect(statusOfChain([entry(1, 'k', 'update', 'attention'), entry(2, 'k', 'update', 'conflict')]).state).toBe('conflict');
  });

  it('tells "will sync" from "synced" from "refused"', () => {
    expect(noticeState([entry(1, 'k', 'update', 'pending')], false)).toBe('queued');
    expect(noticeState([entry(1, 'k', 'update', 'sending')], true)).toBe('sending');
    expect(noticeState([], true)).toBe('synced');
    expect(noticeState([entry(1, 'k', 'update', 'attention')], true)).toBe('attention');
  });

  it('lists what a customer delete would discard, by name', () => {
    expect(describeQueued({ seq: 1, entity: 'parameter', op: 'update', customerGuid: 'c', id: 'RiskClass', state: 'pending' }, t)).toBe('Changed parameter “RiskClass”');
    expect(describeQueued({ seq: 2, entity: 'address', op: 'create', customerGuid: 'c', id: 'local-1', state: 'pending' }, t)).toBe('New address');
  });
});

describe('saving over a change the server refused', () => {
  const openDb = (): FieldbookDb => new FieldbookDb(`forms-${randomUUID()}`, { indexedDB, IDBKeyRange });

  async function cachedCustomer(db: FieldbookDb): Promise<string> {
    const customerGuid = randomUUID();
    const empty = Object.fromEntries(Object.keys(schemas.customer.entries).map((k) => [k, null]));
    const record = { ...empty, customerGuid, fullName: 'Ada Lindqvist', firstname: 'Ada', lastname: 'Lindqvist', juridicalType: 0, email: 'ada@example.se', addresses: [], links: [] };
    await db.bases.put({ entity: 'customer', key: baseKeyOf('customer', customerGuid, customerGuid), record, fetchedAt: '2026-01-01T00:00:00Z' });
    await db.customers.put(toCachedCustomer(record as schemas.Customer, { fetchedAt: '2026-01-01T00:00:00Z', detailFetchedAt: null, passId: 1 }));
    return customerGuid;
  }

  it('queues a normal edit, but corrects a refused last entry in place (so it is sent again, not stuck behind it)', async () => {
    const db = openDb();
    const guid = await cachedCustomer(db);
    const record = { entity: 'customer' as const, customerGuid: guid, id: guid };
    expect(await saveChanges(db, record, { email: 'x@example.se' }, () => updateCustomer(db, guid, { email: 'x@example.se' }))).toBe('queued');
    const [queued] = await db.outbox.toArray();
    await db.outbox.update(queued!.seq!, { state: 'attention', lastFailure: { kind: 'validation', message: 'Refused', fieldErrors: { email: ['Taken'] } } });

    expect(await saveChanges(db, record, { email: 'y@example.se', lastname: 'Lind' }, () => Promise.reject(new Error('must not queue behind')))).toBe('resent');
    const entries = await db.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ state: 'pending', lastFailure: null, body: { email: 'y@example.se', lastname: 'Lind' } });
    expect(await db.customers.get(guid)).toMatchObject({ email: 'y@example.se', lastname: 'Lind' });
    db.close();
  });
});

describe('custom actions: the JSON body and the call', () => {
  it('accepts JSON and finds the first error by line and column', () => {
    expect(checkJson('{ "a": [1, 2.5e3, true, null, "x\\n"] }')).toEqual({ ok: true, value: { a: [1, 2500, true, null, 'x\n'] } });
    expect(checkJson('  ')).toMatchObject({ ok: false, error: { code: 'empty' } });
    expect(checkJson('{\n  "amount": 12,\n  "due" "2026-01-01"\n}')).toMatchObject({ ok: false, error: { code: 'expectedColon', line: 3, column: 9, found: '"' } });
    expect(checkJson('{\n  "a": 1,\n}')).toMatchObject({ ok: false, error: { code: 'trailingComma', line: 3, column: 1 } });
    expect(checkJson('{"a": 01}')).toMatchObject({ ok: false, error: { code: 'badNumber', line: 1, column: 8 } });
    expect(checkJson('{"a": \'x\'}')).toMatchObject({ ok: false, error: { code: 'unexpectedChar', column: 7, found: "'" } });
    expect(checkJson('{"a": "line\nbreak"}')).toMatchObject({ ok: false, error: { code: 'badString', line: 1, column: 12 } });
    expect(checkJson('{"a": [1, 2}')).toMatchObject({ ok: false, error: { code: 'expectedCommaOrBracket', column: 12 } });
    expect(checkJson('{"a": 1')).toMatchObject({ ok: false, error: { code: 'unexpectedEnd', line: 1, column: 8 } });
    expect(checkJson('{} x')).toMatchObject({ ok: false, error: { code: 'trailing', column: 4, found: 'x' } });
    expect(checkJson('"\\q"')).toMatchObject({ ok: false, error: { code: 'badEscape', column: 2 } });
    expect(formatJson('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(formatJson('{"a":')).toBe('{"a":');
  });

  it('agrees with JSON.parse on what is JSON', () => {
    const samples = ['0', '-0.5', '1e-3', '[]', '{}', '[,]', '{"a":}', 'tru', 'nul', '"\\u00e5"', '"\\u00g5"', '[1,]', '01', '.5', '1.', '{"a" : 1 , "b":[ ]}'];
    for (const sample of samples) {
      let parses = true;
      try {
        JSON.parse(sample);
      } catch {
        parses = false;
      }
      expect(checkJson(sample).ok, sample).toBe(parses);
    }
  });

  it('refuses to send without a definition or with bad JSON, and reports the API failure of a run', async () => {
    expect(requestProblems({ scope: 'customer', customerGuid: 'c', serviceDefinition: ' ', body: '{', async: false })).toMatchObject({
      serviceDefinition: ['Is required'], body: { code: 'unexpectedEnd' },
    });
    const calls: unknown[][] = [];
    const api = {
      call: async (...args: unknown[]) => {
        calls.push(args);
        if (args[0] === 'invokeService') throw new ApiError({ kind: 'not-found', status: 404, message: "Service definition 'Nope' was not found" });
        return { result: 'OK' };
      },
    } as unknown as CustomersApi;
    let clock = 1_000;
    const now = () => (clock += 25);
    const ran = await runService(api, { scope: 'customer', customerGuid: 'c1', serviceDefinition: ' SendReminder ', body: '{"days": 10}', async: true }, now);
    expect(ran).toMatchObject({ ok: true, value: { result: 'OK' }, ms: 25 });
    expect(calls[0]).toEqual(['invokeCustomerService', { customerGuid: 'c1', serviceDefinition: 'SendReminder' }, { days: 10 }, { async: true }]);
    const failed = await runService(api, { scope: 'general', customerGuid: 'c1', serviceDefinition: 'Nope', body: 'null', async: false }, now);
    expect(failed).toMatchObject({ ok: false, failure: { kind: 'not-found', status: 404 } });
    expect(calls[1]).toEqual(['invokeService', { serviceDefinition: 'Nope' }, null, { async: false }]);
  });
});

describe('schemaErrors on a non-object body', () => {
  it('does not try the second pass on an array', () => {
    expect(schemaErrors(schemas.parameterCreate, [], [])).toEqual({ '': ['Give at least one parameter'] });
  });
});
