import { schemas } from '../../../../../shared/api';
import type { FieldErrors } from '../../../../../shared/api/validation';
import type { CreditInsuranceCreate, CreditInsuranceUpdate } from '../../../../../shared/api/schemas';
import { createBody, updateBody } from '../../../forms/body';
import { createErrors, updateErrors } from '../../../forms/check';
import { initialValues, type FieldSpec } from '../../../forms/fields';
import type { FormValues } from '../../../forms/values';
import { currencySuggestions } from '../../edit/customer-form';

/*
 * A credit insurance. The insurer is chosen by its reference code when it is created and cannot
 * change afterwards; amounts are in the insurance's own currency.
 */

export const insurerSuggestions = ['ATRADIUS', 'EULERHERMES', 'COFACE'];

export function insuranceFields(mode: 'create' | 'edit'): FieldSpec[] {
  const company: FieldSpec[] = mode === 'create'
    ? [{ name: 'insuranceCompanyReferenceCode', label: 'form.insurance.companyCode', kind: 'text', maxLength: 50, suggestions: insurerSuggestions, mono: true, hint: 'form.insurance.companyCodeHint' }]
    : [];
  return [
    ...company,
    { name: 'insuranceCompanyNumber', label: 'insurance.companyNumber', kind: 'text', maxLength: 100, mono: true },
    { name: 'insuranceCompanyCustomerNumber', label: 'insurance.customerNumber', kind: 'text', maxLength: 100, mono: true },
    { name: 'currencyCode', label: 'field.currencyCode', kind: 'code', maxLength: 3, suggestions: currencySuggestions, mono: true },
    { name: 'amount', label: 'insurance.amount', kind: 'decimal', currencyFrom: 'currencyCode' },
    { name: 'endDate', label: 'insurance.endDate', kind: 'date' },
    { name: 'extraLimitAmount', label: 'insurance.extraLimit', kind: 'decimal', currencyFrom: 'currencyCode' },
    { name: 'extraLimitEndDate', label: 'insurance.extraLimitEndDate', kind: 'date' },
    { name: 'paymentTerm', label: 'form.insurance.paymentTermDays', kind: 'integer' },
    { name: 'graceDays', label: 'form.insurance.graceDays', kind: 'integer' },
    { name: 'note', label: 'insurance.note', kind: 'textarea', maxLength: 4000, wide: true },
  ];
}

export const insuranceValues = (record?: object, defaults: FormValues = {}): FormValues =>
  initialValues(insuranceFields('create'), record ?? {}, defaults);
export const insuranceCreateBody = (values: FormValues): CreditInsuranceCreate =>
  createBody(insuranceFields('create'), values) as CreditInsuranceCreate;
export const insuranceUpdateBody = (initial: FormValues, values: FormValues): Partial<CreditInsuranceUpdate> =>
  updateBody(insuranceFields('edit'), initial, values) as Partial<CreditInsuranceUpdate>;
export const checkInsuranceCreate = (values: FormValues): FieldErrors => createErrors(schemas.creditInsuranceCreate, insuranceFields('create'), values);
export const checkInsuranceUpdate = (initial: FormValues, values: FormValues): FieldErrors =>
  updateErrors(schemas.creditInsuranceUpdate, insuranceFields('edit'), initial, values);
