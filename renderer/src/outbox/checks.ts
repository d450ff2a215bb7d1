import { validate, type FieldErrors } from '../../../shared/api/validation';
import type { EntityKind } from '../cache/records';
import { createRequestBody, pick, specs, unwrapItemErrors, updateRequestBody, type Row } from './entities';
import { InvalidInputError } from './errors';

/*
 * Bodies are checked with the same shared schemas the API client and the sandbox use, before
 * anything is written: a write that throws here has changed nothing.
 */

/** A create body as the API will receive it; throws with every field error. Returns the schema's output. */
export function checkCreate(entity: EntityKind, body: Row): Row {
  const schema = specs[entity].createSchema;
  if (!schema) throw new Error(`${entity} cannot be created`);
  const checked = validate(schema, createRequestBody(entity, body));
  if (!checked.ok) throw new InvalidInputError(entity, unwrapItemErrors(entity, checked.errors));
  const value = checked.value as Row | Row[];
  return Array.isArray(value) ? (value[0] as Row) : value;
}

/**
 * An update is checked as the full body push will send (the record's update fields with the
 * changes laid over). Only errors the changes introduce are reported: a server value the
 * user did not touch must not block an unrelated edit (push leaves such fields out).
 */
export function checkUpdate(entity: EntityKind, current: Row, changes: Row): void {
  const { updateSchema, updateFields } = specs[entity];
  if (!updateSchema) throw new Error(`${entity} cannot be updated`);
  const unknown = Object.keys(changes).filter((field) => !updateFields.includes(field));
  if (unknown.length) {
    throw new InvalidInputError(entity, Object.fromEntries(unknown.map((field) => [field, ['Is not a field of this request']])));
  }
  const before = pick(current, updateFields);
  const errors = newErrors(
    errorsOf(entity, updateSchema, updateRequestBody(entity, before)),
    errorsOf(entity, updateSchema, updateRequestBody(entity, { ...before, ...changes })),
    Object.keys(changes),
  );
  if (Object.keys(errors).length) throw new InvalidInputError(entity, errors);
}

function errorsOf(entity: EntityKind, schema: Parameters<typeof validate>[0], body: unknown): FieldErrors {
  const checked = validate(schema, body);
  return checked.ok ? {} : unwrapItemErrors(entity, checked.errors);
}

/** Errors after the change that were not there before, plus any on a changed field. */
function newErrors(before: FieldErrors, after: FieldErrors, changed: readonly string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(after)) {
    const fresh = changed.includes(field) ? messages : messages.filter((m) => !(before[field] ?? []).includes(m));
    if (fresh.length) out[field] = fresh;
  }
  return out;
}
