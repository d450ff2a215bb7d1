import * as v from 'valibot';
import { gender, juridicalType } from '../enums';
import { address } from './address';
import { currencyCode, dateTime, email, inputText, links, optionalGuid, text } from './common';

/** A customer as the server returns it. `clientReference` and `parentCustomer` are write-only. */
export const customer = v.object({
  customerGuid: v.string(),
  customerReference: text(),
  idNumber: text(),
  juridicalType: v.nullish(v.number()),
  placeOfBirth: text(),
  dateOfBirth: dateTime(),
  gender: v.nullish(v.number()),
  cultureCode: text(),
  fullName: text(),
  firstname: text(),
  middlename: text(),
  lastname: text(),
  nameSuffix: text(),
  contactPerson: text(),
  domicile: text(),
  municipalCode: text(),
  vatNumber: text(),
  companyType: text(),
  glnNumber: text(),
  naceCode: text(),
  homePhone: text(),
  workPhone: text(),
  cellularPhone: text(),
  telefax: text(),
  email: text(),
  languageCode: text(),
  currencyCode: text(),
  preferredChannel: text(),
  underAged: v.nullish(v.boolean()),
  invoiceChannel: text(),
  regDate: dateTime(),
  addresses: v.nullish(v.array(address)),
  links: links(),
});
export type Customer = v.InferOutput<typeof customer>;

/** The fields a client may change with PUT /customers/{customerGuid}, in the reference's order. */
const updatableFields = {
  customerReference: inputText(100),
  parentCustomer: optionalGuid(),
  idNumber: inputText(50),
  juridicalType: v.nullish(juridicalType.schema),
  placeOfBirth: inputText(200),
  dateOfBirth: dateTime(),
  gender: v.nullish(gender.schema),
  cultureCode: inputText(20),
  firstname: inputText(200),
  middlename: inputText(200),
  lastname: inputText(200),
  nameSuffix: inputText(50),
  domicile: inputText(200),
  municipalCode: inputText(20),
  vatNumber: inputText(50),
  companyType: inputText(50),
  glnNumber: inputText(50),
  naceCode: inputText(20),
  homePhone: inputText(50),
  workPhone: inputText(50),
  cellularPhone: inputText(50),
  telefax: inputText(50),
  email: email(),
  languageCode: inputText(10),
  currencyCode: currencyCode(),
  preferredChannel: inputText(50),
  underAged: v.nullish(v.boolean()),
  invoiceChannel: inputText(50),
};

/** PUT /customers/{customerGuid}: no fullName, no address fields, no clientReference. */
export const customerUpdate = v.strictObject(updatableFields);
export type CustomerUpdate = v.InferOutput<typeof customerUpdate>;
export const customerUpdateFields = Object.keys(updatableFields) as (keyof CustomerUpdate)[];

/** The main-address fields a create accepts; the server turns them into the LEGAL default address. */
export const mainAddressFields = [
  'street',
  'houseNo',
  'houseNoExtension',
  'city',
  'zipCode',
  'stateCode',
  'countryCode',
  'fullAddress',
] as const;


/** POST /customers. `customerGuid` is optional: we assign it for customers created offline. */
export const customerCreate = v.pipe(
  v.strictObject({
    clientReference: inputText(100),
    ...updatableFields,
    fullName: inputText(400),
    street: inputText(),
    houseNo: inputText(50),
    houseNoExtension: inputText(50),
    city: inputText(200),
    zipCode: inputText(20),
    stateCode: inputText(50),
    countryCode: inputText(3),
    fullAddress: inputText(),
    customerGuid: optionalGuid(),
  }),
  // The reference: "fullName is optional if firstname and lastname are used". A company has no first name.
  v.forward(
    v.check(
      (c) => Boolean(c.fullName?.trim()) || (c.juridicalType !== 1 && Boolean(c.firstname?.trim()) && Boolean(c.lastname?.trim())),
      'Give a full name, or a first and a last name for a person',
    ),
    ['fullName'],
  ),
);
export type CustomerCreate = v.InferOutput<typeof customerCreate>;

/** The full name the server derives for a person when none is given. */
export function derivedFullName(c: { firstname?: string | null; middlename?: string | null; lastname?: string | null }): string {
  return [c.firstname, c.middlename, c.lastname].map((p) => p?.trim()).filter(Boolean).join(' ');
}
