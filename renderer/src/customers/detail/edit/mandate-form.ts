import { schemas } from '../../../../../shared/api';
import { bankAccountClass, directDebitMandateType } from '../../../../../shared/api/enums';
import type { FieldErrors } from '../../../../../shared/api/validation';
import type { MandateCreate } from '../../../../../shared/api/schemas';
import { createBody } from '../../../forms/body';
import { createErrors } from '../../../forms/check';
import { initialValues, type FieldSpec } from '../../../forms/fields';
import type { FormValues } from '../../../forms/values';

/* A direct-debit mandate: created once; the API has no update or delete for it. */

export const mandateFields: FieldSpec[] = [
  { name: 'directDebitMandateType', label: 'mandate.type', kind: 'enum', options: directDebitMandateType.options, optionPrefix: 'mandateType', required: true, wide: true },
  { name: 'receivingBankAccountNo', label: 'mandate.receivingBankAccountNo', kind: 'text', maxLength: 50, required: true, mono: true, hint: 'form.mandate.receivingHint' },
  { name: 'referenceNo', label: 'mandate.referenceNo', kind: 'text', maxLength: 100, mono: true },
  { name: 'sendingBankAccountClass', label: 'mandate.sendingBankAccountClass', kind: 'enum', options: bankAccountClass.options, optionPrefix: 'bankAccountClass' },
  { name: 'sendingBankAccountNo', label: 'form.mandate.sendingBankAccountNo', kind: 'text', maxLength: 50, mono: true },
  { name: 'requestedAt', label: 'mandate.requestedAt', kind: 'date' },
  { name: 'approvedAt', label: 'mandate.approvedAt', kind: 'date' },
  { name: 'signedDate', label: 'mandate.signedDate', kind: 'date' },
  { name: 'validfrom', label: 'mandate.validFrom', kind: 'date' },
  { name: 'validuntil', label: 'mandate.validUntil', kind: 'date' },
];

export const mandateValues = (): FormValues => initialValues(mandateFields);
export const mandateCreateBody = (values: FormValues): MandateCreate => createBody(mandateFields, values) as MandateCreate;
export const checkMandateCreate = (values: FormValues): FieldErrors => createErrors(schemas.mandateCreate, mandateFields, values);
