import * as v from 'valibot';
import { dateTime, inputText, text } from './common';

/** An address as the server returns it (GET, list, POST result, and inside a customer). */
export const address = v.object({
  addressGuid: v.string(),
  addressType: text(),
  fullName: text(),
  street: text(),
  houseNo: text(),
  houseNoExtension: text(),
  city: text(),
  zipCode: text(),
  stateCode: text(),
  countryCode: text(),
  fullAddress: text(),
  addressNotValidDate: dateTime(),
  defaultAddress: v.nullish(v.boolean()),
  validFrom: dateTime(),
  validTo: dateTime(),
  validatedAt: dateTime(),
  validOverride: v.nullish(v.boolean()),
  lastUpdatedAt: dateTime(),
});
export type Address = v.InferOutput<typeof address>;

const addressFields = {
  addressType: inputText(50),
  fullName: inputText(),
  street: inputText(),
  houseNo: inputText(50),
  houseNoExtension: inputText(50),
  city: inputText(200),
  zipCode: inputText(20),
  stateCode: inputText(50),
  countryCode: inputText(3),
  addressNotValidDate: dateTime(),
  defaultAddress: v.nullish(v.boolean()),
  validFrom: dateTime(),
  validTo: dateTime(),
};

/** Create and update take the same fields; an address may not end before it starts. */
const addressBody = () =>
  v.pipe(
    v.strictObject(addressFields),
    v.forward(
      v.check(
        (a) => !a.validFrom || !a.validTo || Date.parse(a.validFrom) <= Date.parse(a.validTo),
        'Valid to must not be before valid from',
      ),
      ['validTo'],
    ),
  );

/** POST /addresses: the server assigns `addressGuid`. */
export const addressCreate = addressBody();
export type AddressCreate = v.InferOutput<typeof addressCreate>;

/** PUT /addresses/{addressGuid}: the same fields as the create. */
export const addressUpdate = addressBody();
export type AddressUpdate = v.InferOutput<typeof addressUpdate>;
