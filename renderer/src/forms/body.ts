import type { FieldSpec } from './fields';
import { fromFormValue } from './fields';
import { sameFormValue, type FormValues } from './values';

/*
 * Request bodies from form state. A create sends what the user filled in (an empty field is
 * left out: the server's default is "not given" too, and the Pending page then lists only
 * what was typed). An edit sends only the fields the user changed, with an emptied field as
 * null: a value the user did not touch is never sent back (it may have changed on the server
 * meanwhile, and sending it would overwrite that), and a server value the schemas would now
 * refuse cannot block an unrelated edit.
 */

export type Body = Record<string, unknown>;

/** A create body: every field of `fields` that holds something. */
export function createBody(fields: readonly FieldSpec[], values: FormValues): Body {
  const body: Body = {};
  for (const field of fields) {
    if (field.readOnly) continue;
    const value = fromFormValue(field, values[field.name]);
    // A checkbox left off is still an answer the user gave (defaultAddress: false).
    if (value !== null || field.kind === 'check') body[field.name] = value;
  }
  return body;
}

/** The names of the fields whose value differs from where the form started. */
export function changedFields(fields: readonly FieldSpec[], initial: FormValues, values: FormValues): string[] {
  return fields.filter((f) => !f.readOnly && !sameFormValue(initial[f.name], values[f.name])).map((f) => f.name);
}

/** An update: the changed fields only, each converted (an emptied field is null). */
export function updateBody(fields: readonly FieldSpec[], initial: FormValues, values: FormValues): Body {
  const changed = new Set(changedFields(fields, initial, values));
  const body: Body = {};
  for (const field of fields) if (changed.has(field.name)) body[field.name] = fromFormValue(field, values[field.name]);
  return body;
}

/** The full body an edit amounts to (the record's values with the changes over them): what the schema checks. */
export function fullBody(fields: readonly FieldSpec[], values: FormValues): Body {
  const body: Body = {};
  for (const field of fields) if (!field.readOnly) body[field.name] = fromFormValue(field, values[field.name]);
  return body;
}
