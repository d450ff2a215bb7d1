import * as v from 'valibot';
import { amount, currencyCode, dateTime, inputText, links, nonNegativeInt, text } from './common';

/** A credit insurance as the server returns it; the company name is derived from its reference code. */
export const creditInsurance = v.object({
  insuranceGuid: v.string(),
  insuranceDate: dateTime(),
  insuranceCompanyName: text(),
  insuranceCompanyNumber: text(),
  insuranceCompanyCustomerNumber: text(),
  note: text(),
  endDate: dateTime(),
  currencyCode: text(),
  amount: v.nullish(v.number()),
  extraLimitAmount: v.nullish(v.number()),
  extraLimitEndDate: dateTime(),
  paymentTerm: v.nullish(v.number()),
  graceDays: v.nullish(v.number()),
  links: links(),
});
export type CreditInsurance = v.InferOutput<typeof creditInsurance>;

const updatable = {
  insuranceCompanyNumber: inputText(100),
  insuranceCompanyCustomerNumber: inputText(100),
  note: inputText(4000),
  endDate: dateTime(),
  currencyCode: currencyCode(),
  amount: amount(),
  extraLimitAmount: amount(),
  extraLimitEndDate: dateTime(),
  paymentTerm: nonNegativeInt(),
  graceDays: nonNegativeInt(),
};

/** POST /creditinsurances: the company is chosen by its reference code (e.g. ATRADIUS). */
export const creditInsuranceCreate = v.strictObject({
  insuranceCompanyReferenceCode: inputText(50),
  ...updatable,
});
export type CreditInsuranceCreate = v.InferOutput<typeof creditInsuranceCreate>;

/** PUT /creditinsurances/{insuranceGuid}: the company cannot change. */
export const creditInsuranceUpdate = v.strictObject(updatable);
export type CreditInsuranceUpdate = v.InferOutput<typeof creditInsuranceUpdate>;
