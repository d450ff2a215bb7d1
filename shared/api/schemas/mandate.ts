import * as v from 'valibot';
import { bankAccountClass, directDebitMandateType } from '../enums';
import { dateTime, inputText, links, text } from './common';

/** A direct-debit mandate. The API can create and read them; there is no update or delete. */
export const mandate = v.object({
  mandateGuid: v.string(),
  directDebitMandateType: v.nullish(v.number()),
  referenceNo: text(),
  bankAccountNo: text(),
  requestedAt: dateTime(),
  approvedAt: dateTime(),
  signedDate: dateTime(),
  validfrom: dateTime(),
  validuntil: dateTime(),
  closedAt: dateTime(),
  links: links(),
});
export type Mandate = v.InferOutput<typeof mandate>;

/** POST /directdebitmandates: the type and a non-empty receiving account are required. */
export const mandateCreate = v.strictObject({
  directDebitMandateType: directDebitMandateType.schema,
  receivingBankAccountNo: v.pipe(
    v.string('Receiving bank account is required'),
    v.trim(),
    v.minLength(1, 'Receiving bank account is required'),
    v.maxLength(50, 'Must be at most 50 characters'),
  ),
  sendingBankAccountClass: v.nullish(bankAccountClass.schema),
  sendingBankAccountNo: inputText(50),
  referenceNo: inputText(100),
  requestedAt: dateTime(),
  approvedAt: dateTime(),
  signedDate: dateTime(),
  validfrom: dateTime(),
  validuntil: dateTime(),
});
export type MandateCreate = v.InferOutput<typeof mandateCreate>;
