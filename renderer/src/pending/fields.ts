import type { EntityKind } from '../cache/records';
import { en, type MessageKey } from '../i18n/en';
import { humanize, type Words } from './words';

/*
 * The label of a field of a queued body, in the words the detail screens use for the same
 * field (so "Mobile phone" here is "Mobile phone" there). A field the catalogue does not name
 * (a new one in the API) still reads as words, never as camelCase.
 */

const address: Record<string, MessageKey> = {
  addressType: 'address.addressType',
  fullName: 'field.fullName',
  street: 'address.street',
  houseNo: 'address.houseNo',
  houseNoExtension: 'address.houseNoExtension',
  zipCode: 'address.zipCode',
  city: 'address.city',
  stateCode: 'address.stateCode',
  countryCode: 'address.countryCode',
  fullAddress: 'address.fullAddress',
  addressNotValidDate: 'address.addressNotValidDate',
  defaultAddress: 'address.default',
  validFrom: 'address.validFrom',
  validTo: 'address.validTo',
};

const labels: Record<EntityKind, Record<string, MessageKey>> = {
  customer: {
    ...address,
    fullName: 'field.fullName',
    parentCustomer: 'field.parentCustomer',
    clientReference: 'field.clientReference',
  },
  address,
  parameter: { name: 'parameter.name', type: 'parameter.type', value: 'parameter.value', href: 'parameter.link' },
  extraField: { name: 'extraField.name', value: 'extraField.values' },
  mandate: {
    directDebitMandateType: 'mandate.type',
    referenceNo: 'mandate.referenceNo',
    receivingBankAccountNo: 'mandate.receivingBankAccountNo',
    sendingBankAccountNo: 'mandate.bankAccountNo',
    sendingBankAccountClass: 'mandate.sendingBankAccountClass',
    requestedAt: 'mandate.requestedAt',
    approvedAt: 'mandate.approvedAt',
    signedDate: 'mandate.signedDate',
    validfrom: 'mandate.validFrom',
    validuntil: 'mandate.validUntil',
  },
  creditInsurance: {
    insuranceCompanyReferenceCode: 'insurance.company',
    insuranceCompanyNumber: 'insurance.companyNumber',
    insuranceCompanyCustomerNumber: 'insurance.customerNumber',
    note: 'insurance.note',
    endDate: 'insurance.endDate',
    currencyCode: 'field.currencyCode',
    amount: 'insurance.amount',
    extraLimitAmount: 'insurance.extraLimit',
    extraLimitEndDate: 'insurance.extraLimitEndDate',
    paymentTerm: 'insurance.paymentTerm',
    graceDays: 'insurance.graceDays',
  },
  question: { response: 'question.response', note: 'question.note', postponeTo: 'question.postponeTo' },
};

/** Customer fields share their names with the `field.*` messages of the detail screen. */
function customerField(field: string): MessageKey | undefined {
  const key = `field.${field}`;
  return Object.hasOwn(en, key) ? (key as MessageKey) : undefined;
}

export function fieldLabel(entity: EntityKind, field: string, words: Words): string {
  // A parameter body's errors may come as `0.name`; the item index means nothing to the user.
  const name = field.replace(/^\d+\./u, '');
  const key = labels[entity][name] ?? (entity === 'customer' ? customerField(name) : undefined);
  return key ? words.t(key) : humanize(name);
}
