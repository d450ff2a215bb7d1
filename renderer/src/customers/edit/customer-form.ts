import { gender, juridicalType } from '../../../../shared/api/enums';
import { schemas } from '../../../../shared/api';
import type { FieldErrors } from '../../../../shared/api/validation';
import type { CustomerCreate, CustomerUpdate } from '../../../../shared/api/schemas';
import { changedFields, createBody, updateBody } from '../../forms/body';
import { createErrors, updateErrors } from '../../forms/check';
import { initialValues, type FieldSpec } from '../../forms/fields';
import { maxLengthOf } from '../../forms/schema-limits';
import type { FormValues } from '../../forms/values';
import type { MessageKey } from '../../i18n/en';

/*
 * The customer form as data: its fields grouped as the detail page groups them, which of them
 * a person or a company has, and the bodies createCustomer and updateCustomer receive.
 */

export type Party = 'person' | 'company';
export type Mode = 'create' | 'edit';

export interface FieldGroup {
  id: 'identity' | 'contact' | 'address' | 'channels' | 'company' | 'registration';
  title: MessageKey;
  fields: FieldSpec[];
}

/** Channel codes of the demo tenant; a tenant may have others, so they are suggestions, not a list to pick from. */
export const channelSuggestions = ['LETTER', 'E-INVOICE', 'EMAIL', 'SMS'] as const;
export const currencySuggestions = ['SEK', 'NOK', 'EUR', 'DKK'] as const;
const languageSuggestions = ['sv', 'en', 'nb', 'da', 'fi'];
const cultureSuggestions = ['sv-SE', 'en-GB', 'nb-NO', 'da-DK', 'fi-FI'];
export const countrySuggestions = ['SE', 'NO', 'DK', 'FI'];

/** Fields only a natural person has; a company's form leaves them out. */
export const personOnly: ReadonlySet<string> = new Set(['firstname', 'middlename', 'lastname', 'nameSuffix', 'gender', 'dateOfBirth', 'placeOfBirth', 'underAged']);

const limit = (name: string): number | undefined => maxLengthOf(schemas.customerCreate, name);

function text(name: string, label: MessageKey, extra: Partial<FieldSpec> = {}): FieldSpec {
  const max = limit(name);
  return { name, label, kind: 'text', ...(max ? { maxLength: max } : {}), ...extra };
}

/** The person/company switch: part of every body, drawn as a choice above the groups. */
export const juridicalTypeField: FieldSpec = { name: 'juridicalType', label: 'field.juridicalType', kind: 'enum', options: juridicalType.options, optionPrefix: 'juridicalType' };

function identity(mode: Mode, party: Party): FieldSpec[] {
  // An update cannot change the full name: the edit form shows it, fixed, and says why.
  const fixed: Partial<FieldSpec> = mode === 'edit' ? { readOnly: true, required: false, hint: party === 'company' ? 'form.customer.companyNameFixed' : 'form.customer.fullNameFixed' } : {};
  const fullName = party === 'company'
    ? text('fullName', 'form.customer.companyName', { required: true, wide: true, autocomplete: 'organization', ...fixed })
    : text('fullName', 'field.fullName', { hint: 'form.customer.fullNameHint', wide: true, ...fixed });
  const person: FieldSpec[] = [
    text('firstname', 'field.firstname', { autocomplete: 'given-name' }),
    text('middlename', 'field.middlename', { autocomplete: 'additional-name' }),
    text('lastname', 'field.lastname', { autocomplete: 'family-name' }),
    text('nameSuffix', 'field.nameSuffix', { autocomplete: 'honorific-suffix' }),
  ];
  const rest: FieldSpec[] = [
    text('idNumber', party === 'company' ? 'form.customer.orgNumber' : 'field.idNumber', { mono: true }),
    { name: 'gender', label: 'field.gender', kind: 'enum', options: gender.options, optionPrefix: 'gender' },
    { name: 'dateOfBirth', label: 'field.dateOfBirth', kind: 'date', autocomplete: 'bday' },
    text('placeOfBirth', 'field.placeOfBirth'),
    { name: 'underAged', label: 'field.underAged', kind: 'boolean' },
    text('cultureCode', 'field.cultureCode', { suggestions: cultureSuggestions, mono: true, hint: 'form.customer.cultureHint' }),
  ];
  // A company's name comes first; a person's full name follows the names it is derived from.
  const all = party === 'company' ? [fullName, ...rest] : [...person, fullName, ...rest];
  return all.filter((f) => party === 'person' || !personOnly.has(f.name));
}

const contact = (): FieldSpec[] => [
  text('cellularPhone', 'field.cellularPhone', { kind: 'tel', autocomplete: 'mobile tel' }),
  text('homePhone', 'field.homePhone', { kind: 'tel', autocomplete: 'home tel' }),
  text('workPhone', 'field.workPhone', { kind: 'tel', autocomplete: 'work tel' }),
  text('telefax', 'field.telefax', { kind: 'tel', autocomplete: 'fax tel' }),
  { name: 'email', label: 'field.email', kind: 'email', maxLength: 254, wide: true, autocomplete: 'email' },
];

/** The main address a create takes (the server makes it the LEGAL default address); also its edit dialog while the create is queued. */
export const mainAddress = (): FieldSpec[] => [
  text('street', 'address.street', { autocomplete: 'address-line1' }),
  text('houseNo', 'address.houseNo'),
  text('houseNoExtension', 'address.houseNoExtension'),
  text('zipCode', 'address.zipCode', { mono: true, autocomplete: 'postal-code' }),
  text('city', 'address.city', { autocomplete: 'address-level2' }),
  text('stateCode', 'address.stateCode'),
  text('countryCode', 'address.countryCode', { kind: 'code', suggestions: countrySuggestions, mono: true, autocomplete: 'country' }),
  text('fullAddress', 'address.fullAddress', { kind: 'textarea', wide: true, hint: 'form.customer.fullAddressHint' }),
];

const channels = (): FieldSpec[] => [
  text('languageCode', 'field.languageCode', { suggestions: languageSuggestions, mono: true }),
  { name: 'currencyCode', label: 'field.currencyCode', kind: 'code', maxLength: 3, suggestions: currencySuggestions, mono: true },
  text('preferredChannel', 'field.preferredChannel', { suggestions: channelSuggestions, mono: true, hint: 'form.customer.channelHint' }),
  text('invoiceChannel', 'field.invoiceChannel', { suggestions: channelSuggestions, mono: true, hint: 'form.customer.channelHint' }),
];

const company = (): FieldSpec[] => [
  text('vatNumber', 'field.vatNumber', { mono: true }),
  text('companyType', 'field.companyType'),
  text('glnNumber', 'field.glnNumber', { mono: true }),
  text('naceCode', 'field.naceCode', { mono: true }),
  text('domicile', 'field.domicile'),
  text('municipalCode', 'field.municipalCode', { mono: true }),
];

function registration(mode: Mode): FieldSpec[] {
  return [
    text('customerReference', 'field.customerReference', { mono: true }),
    ...(mode === 'create' ? [text('clientReference', 'field.clientReference', { mono: true, hint: 'form.customer.clientReferenceHint' })] : []),
    { name: 'parentCustomer', label: 'field.parentCustomer', kind: 'text', mono: true, wide: true, hint: mode === 'create' ? 'form.customer.parentHint' : 'form.customer.parentEditHint' },
  ];
}

/** The form's groups, in the detail page's order (the main address only when creating: it is not part of an update). */
export function customerGroups(mode: Mode, party: Party): FieldGroup[] {
  const groups: FieldGroup[] = [
    { id: 'identity', title: 'group.identity', fields: identity(mode, party) },
    { id: 'contact', title: 'group.contact', fields: contact() },
  ];
  if (mode === 'create') groups.push({ id: 'address', title: 'form.customer.mainAddress', fields: mainAddress() });
  groups.push(
    { id: 'channels', title: 'group.channels', fields: channels() },
    { id: 'company', title: 'group.company', fields: company() },
    { id: 'registration', title: 'group.registration', fields: registration(mode) },
  );
  return groups;
}

/** Every field the form sends, in order: the party switch first, then the groups. */
export const customerFields = (mode: Mode, party: Party): FieldSpec[] => [juridicalTypeField, ...customerGroups(mode, party).flatMap((g) => g.fields)];

export const partyOf = (juridical: unknown): Party => (juridical === 1 || juridical === '1' ? 'company' : 'person');
export const juridicalOf = (party: Party): string => (party === 'company' ? '1' : '0');

/** An empty create form for a person or a company. */
export const newCustomerValues = (party: Party): FormValues =>
  initialValues(customerFields('create', party), {}, { juridicalType: juridicalOf(party) });

/** The edit form's values from the cached customer (every update field, hidden ones too: a switch back must find them). */
export const editCustomerValues = (customer: object): FormValues =>
  initialValues([...customerFields('edit', 'person'), ...customerFields('edit', 'company')], customer);

/** POST /customers: what was filled in of the party's fields. */
export const customerCreateBody = (party: Party, values: FormValues): CustomerCreate =>
  createBody(customerFields('create', party), values) as CustomerCreate;

/** The changes of an edit: changed fields only (a field hidden by the party switch is never sent). */
export const customerUpdateBody = (party: Party, initial: FormValues, values: FormValues): Partial<CustomerUpdate> =>
  updateBody(customerFields('edit', party), initial, values) as Partial<CustomerUpdate>;

export const customerChanged = (party: Party, initial: FormValues, values: FormValues): string[] =>
  changedFields(customerFields('edit', party), initial, values);

const nameRule = 'Give a full name, or a first and a last name for a person';

/** The schema's errors for a create form, keyed by field. A company has no first and last name: its name is simply required. */
export function checkCustomerCreate(party: Party, values: FormValues): FieldErrors {
  const errors = createErrors(schemas.customerCreate, customerFields('create', party), values);
  if (party === 'company' && errors['fullName']) errors['fullName'] = errors['fullName'].map((m) => (m === nameRule ? 'Is required' : m));
  return errors;
}

/** The errors an edit introduces (the outbox's rule: a bad server value the user did not touch blocks nothing). */
export const checkCustomerUpdate = (party: Party, initial: FormValues, values: FormValues): FieldErrors =>
  updateErrors(schemas.customerUpdate, customerFields('edit', party), initial, values);
