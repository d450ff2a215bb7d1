import { schemas } from '../../../../../shared/api';
import type { FieldErrors } from '../../../../../shared/api/validation';
import type { ExtraFieldCreate } from '../../../../../shared/api/schemas';
import { createBody, updateBody } from '../../../forms/body';
import { createErrors, updateErrors } from '../../../forms/check';
import { initialValues, type FieldSpec } from '../../../forms/fields';
import type { FormValues } from '../../../forms/values';

/* An extra field: a name (its key, fixed after creation) and any number of text values. */

export function extraFieldFields(mode: 'create' | 'edit'): FieldSpec[] {
  return [
    { name: 'name', label: 'extraField.name', kind: 'text', maxLength: 200, required: true, mono: true, readOnly: mode === 'edit', hint: mode === 'create' ? 'form.parameter.nameHint' : 'form.parameter.nameFixed' },
    { name: 'value', label: 'extraField.values', kind: 'list', maxLength: 4000, wide: true },
  ];
}

export const extraFieldValues = (record?: object): FormValues => {
  const values = initialValues(extraFieldFields('create'), record ?? {});
  // A new field starts with one empty value to type into.
  if (!record && Array.isArray(values['value']) && values['value'].length === 0) values['value'] = [''];
  return values;
};
export const extraFieldCreateBody = (values: FormValues): ExtraFieldCreate => createBody(extraFieldFields('create'), values) as ExtraFieldCreate;
/** An update sends the whole list (the API replaces it); null when every value was removed. */
export const extraFieldUpdateBody = (initial: FormValues, values: FormValues): { value: string[] | null } | Record<string, never> =>
  updateBody(extraFieldFields('edit'), initial, values) as { value: string[] | null };
export const checkExtraFieldCreate = (values: FormValues): FieldErrors => createErrors(schemas.extraFieldCreate, extraFieldFields('create'), values);
export const checkExtraFieldUpdate = (initial: FormValues, values: FormValues): FieldErrors =>
  updateErrors(schemas.extraFieldUpdate, extraFieldFields('edit'), initial, values);
