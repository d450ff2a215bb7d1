import { schemas } from '../../../../../shared/api';
import type { FieldErrors } from '../../../../../shared/api/validation';
import { createBody, updateBody } from '../../../forms/body';
import { createErrors, updateErrors } from '../../../forms/check';
import { initialValues, type FieldSpec } from '../../../forms/fields';
import type { FormValues } from '../../../forms/values';
import type { ParameterChanges, ParameterInput } from '../../../outbox';

/*
 * A parameter. Its name is its key (and the URL segment): given once, fixed after creation
 * (a rename would be a delete and a create). The API takes arrays; the outbox sends one item.
 */

export const parameterTypeSuggestions = ['string', 'int', 'date'];

export function parameterFields(mode: 'create' | 'edit'): FieldSpec[] {
  return [
    { name: 'name', label: 'parameter.name', kind: 'text', maxLength: 200, required: true, mono: true, readOnly: mode === 'edit', hint: mode === 'create' ? 'form.parameter.nameHint' : 'form.parameter.nameFixed' },
    { name: 'type', label: 'parameter.type', kind: 'text', maxLength: 50, suggestions: parameterTypeSuggestions, mono: true },
    { name: 'value', label: 'parameter.value', kind: 'textarea', maxLength: 4000, wide: true },
    { name: 'href', label: 'parameter.link', kind: 'text', maxLength: 2000, wide: true, hint: 'form.parameter.linkHint' },
  ];
}

const asArray = (body: Record<string, unknown>): unknown => [body];

export const parameterValues = (record?: object): FormValues => initialValues(parameterFields('create'), record ?? {});
export const parameterCreateBody = (values: FormValues): ParameterInput => createBody(parameterFields('create'), values) as unknown as ParameterInput;
export const parameterUpdateBody = (initial: FormValues, values: FormValues): ParameterChanges =>
  updateBody(parameterFields('edit'), initial, values) as ParameterChanges;
export const checkParameterCreate = (values: FormValues): FieldErrors =>
  createErrors(schemas.parameterCreate, parameterFields('create'), values, asArray);
export const checkParameterUpdate = (initial: FormValues, values: FormValues): FieldErrors =>
  updateErrors(schemas.parameterUpdate, parameterFields('edit'), initial, values, asArray);
