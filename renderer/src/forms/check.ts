import type { GenericSchema } from 'valibot';
import { validate, type FieldErrors } from '../../../shared/api/validation';
import { changedFields, createBody, fullBody, type Body } from './body';
import { fieldOfKey, introducedErrors, mergeErrors, toFormKeys } from './errors';
import type { FieldSpec } from './fields';
import type { FormValues } from './values';

/*
 * A form checked with the API's own body schema (validate() from shared/api), the same check
 * the outbox makes on save, so the message at the field while typing is the message a save
 * would give. `wrap` shapes the body as the operation takes it (parameters go in an array).
 */

type Wrap = (body: Body) => unknown;
const same: Wrap = (body) => body;

/**
 * The schema's errors by field. A rule over several fields ("a full name, or a first and a last
 * name"; "valid to after valid from") only runs once every single field is valid, so the user
 * would meet it only after fixing the rest: it is asked again without the invalid fields, and
 * what it says is shown at the same time.
 */
export function schemaErrors(schema: GenericSchema, body: unknown, fields: readonly FieldSpec[]): FieldErrors {
  const names = fields.map((f) => f.name);
  const result = validate(schema, body);
  if (result.ok) return {};
  const errors = toFormKeys(result.errors, names);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return errors;
  const invalid = new Set(Object.keys(errors).map(fieldOfKey));
  const rest = Object.fromEntries(Object.entries(body).filter(([field]) => !invalid.has(field)));
  const again = validate(schema, rest);
  if (again.ok) return errors;
  const more = Object.fromEntries(Object.entries(toFormKeys(again.errors, names)).filter(([key]) => !invalid.has(fieldOfKey(key))));
  return mergeErrors(errors, more);
}

/** A create form's errors. */
export const createErrors = (schema: GenericSchema, fields: readonly FieldSpec[], values: FormValues, wrap: Wrap = same): FieldErrors =>
  schemaErrors(schema, wrap(createBody(fields, values)), fields);

/** An edit's errors: those on changed fields, and new ones elsewhere (a server value the user never touched blocks nothing). */
export function updateErrors(schema: GenericSchema, fields: readonly FieldSpec[], initial: FormValues, values: FormValues, wrap: Wrap = same): FieldErrors {
  const before = schemaErrors(schema, wrap(fullBody(fields, initial)), fields);
  const after = schemaErrors(schema, wrap(fullBody(fields, values)), fields);
  return introducedErrors(before, after, changedFields(fields, initial, values));
}
