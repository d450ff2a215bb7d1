import { schemas } from '../../../../../shared/api';
import type { FieldErrors } from '../../../../../shared/api/validation';
import type { AddressCreate, AddressUpdate } from '../../../../../shared/api/schemas';
import type { CreatedAddress } from '../../../outbox';
import { createBody, updateBody } from '../../../forms/body';
import { createErrors, updateErrors } from '../../../forms/check';
import { initialValues, type FieldSpec } from '../../../forms/fields';
import { maxLengthOf } from '../../../forms/schema-limits';
import type { FormValues } from '../../../forms/values';
import type { MessageKey } from '../../../i18n/en';
import { countrySuggestions, mainAddress } from '../../edit/customer-form';

/* An address: create and update take the same fields. */

/** The demo tenant's address types; others are allowed. */
export const addressTypeSuggestions = ['LEGAL', 'INVOICE', 'DELIVERY', 'TEMPORARY'];

const text = (name: string, label: MessageKey, extra: Partial<FieldSpec> = {}): FieldSpec => {
  const max = maxLengthOf(schemas.addressCreate, name);
  return { name, label, kind: 'text', ...(max ? { maxLength: max } : {}), ...extra };
};

export const addressFields: FieldSpec[] = [
  text('addressType', 'address.addressType', { suggestions: addressTypeSuggestions, mono: true, hint: 'form.address.typeHint' }),
  text('fullName', 'address.fullName', { wide: true, hint: 'form.address.fullNameHint' }),
  text('street', 'address.street', { autocomplete: 'address-line1' }),
  text('houseNo', 'address.houseNo'),
  text('houseNoExtension', 'address.houseNoExtension'),
  text('zipCode', 'address.zipCode', { mono: true, autocomplete: 'postal-code' }),
  text('city', 'address.city', { autocomplete: 'address-level2' }),
  text('stateCode', 'address.stateCode'),
  text('countryCode', 'address.countryCode', { kind: 'code', suggestions: countrySuggestions, mono: true }),
  { name: 'validFrom', label: 'address.validFrom', kind: 'date' },
  { name: 'validTo', label: 'address.validTo', kind: 'date' },
  { name: 'addressNotValidDate', label: 'address.addressNotValidDate', kind: 'date', hint: 'form.address.notValidHint' },
  { name: 'defaultAddress', label: 'form.address.default', kind: 'check', wide: true, hint: 'form.address.defaultHint' },
];

export const addressValues = (record?: object): FormValues => initialValues(addressFields, record ?? {});
export const addressCreateBody = (values: FormValues): AddressCreate => createBody(addressFields, values) as AddressCreate;
export const addressUpdateBody = (initial: FormValues, values: FormValues): Partial<AddressUpdate> =>
  updateBody(addressFields, initial, values) as Partial<AddressUpdate>;
export const checkAddressCreate = (values: FormValues): FieldErrors => createErrors(schemas.addressCreate, addressFields, values);
export const checkAddressUpdate = (initial: FormValues, values: FormValues): FieldErrors =>
  updateErrors(schemas.addressUpdate, addressFields, initial, values);

/*
 * The main address of a customer created offline, while its create is queued: it is part of the
 * create, so its dialog has the fields the create takes for it (those of the new-customer form's
 * main address), checked as the create's body with them laid over, as the outbox checks it.
 */

export const createdAddressFields: FieldSpec[] = mainAddress();
export const createdAddressValues = (record?: object): FormValues => initialValues(createdAddressFields, record ?? {});
export const createdAddressChanges = (initial: FormValues, values: FormValues): CreatedAddress =>
  updateBody(createdAddressFields, initial, values) as CreatedAddress;
/** `create`: the queued create's body (the customer's other fields, which the address does not change). */
export const checkCreatedAddress = (create: Record<string, unknown>, initial: FormValues, values: FormValues): FieldErrors =>
  updateErrors(schemas.customerCreate, createdAddressFields, initial, values, (body) => ({ ...create, ...body }));
