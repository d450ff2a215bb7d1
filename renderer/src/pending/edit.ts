import type { GenericSchema } from 'valibot';
import { schemas } from '../../../shared/api';
import { validate, type FieldErrors } from '../../../shared/api/validation';
import type { OutboxEntry } from '../cache/records';
import { createRequestBody, specs, unwrapItemErrors, updateRequestBody, type Row } from '../outbox/entities';

/*
 * Editing a queued body, generically: one input per field of the body, typed from the
 * operation's own body schema (a date-time, a number, a yes/no, a choice of codes, a list), and
 * checked with that schema through validate() before editEntry() is asked, so the form shows
 * the same messages the API would send, next to each field. editEntry() checks again (and is
 * the authority); its InvalidInputError lands on the same fields.
 */

export type FieldKind = 'text' | 'number' | 'boolean' | 'choice' | 'list' | 'datetime';

export interface EditField {
  name: string;
  kind: FieldKind;
  /** The codes of a choice. */
  options?: readonly (string | number)[];
  /** Part of the record's identity (a parameter's name, a customer's GUID): shown, not changed. */
  readOnly: boolean;
}

/** Inputs hold text: '' is "not given" (null), yes/no is 'true'/'false', a list is one value a line. */
export type FormValues = Record<string, string>;

interface SchemaNode {
  type?: string;
  entries?: Record<string, SchemaNode>;
  wrapped?: SchemaNode;
  item?: SchemaNode;
  options?: readonly (string | number)[];
  pipe?: readonly SchemaNode[];
}

/** The entries of the object a body schema checks (through pipes, arrays of one item and nullish wrappers). */
function entriesOf(schema: SchemaNode | undefined): Record<string, SchemaNode> {
  for (let node = schema, depth = 0; node && depth < 8; depth++) {
    if (node.entries) return node.entries;
    node = node.wrapped ?? node.item ?? (node.pipe?.[0] !== node ? node.pipe?.[0] : undefined);
  }
  return {};
}

function kindOf(schema: SchemaNode | undefined): Pick<EditField, 'kind' | 'options'> {
  let node = schema;
  while (node?.wrapped) node = node.wrapped;
  switch (node?.type) {
    case 'number':
      return { kind: 'number' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'picklist':
      return { kind: 'choice', options: node.options ?? [] };
    case 'array':
      return { kind: 'list' };
    case 'string':
      return { kind: node.pipe?.some((step) => step.type === 'iso_timestamp') ? 'datetime' : 'text' };
    default:
      return { kind: 'text' };
  }
}

/** The schema the entry's body is checked with (null: a delete has no body). */
export function bodySchemaOf(entry: Pick<OutboxEntry, 'entity' | 'op'>): GenericSchema | null {
  if (entry.op === 'respond') return schemas.questionResponse;
  if (entry.op === 'create') return specs[entry.entity].createSchema ?? null;
  if (entry.op === 'update') return specs[entry.entity].updateSchema ?? null;
  return null;
}

/** Fields that name the record rather than describe it. */
function isIdentity(entry: Pick<OutboxEntry, 'entity' | 'op'>, field: string): boolean {
  if (field === 'customerGuid') return true;
  return entry.op === 'create' && field === 'name' && (entry.entity === 'parameter' || entry.entity === 'extraField');
}

/** Every field the operation accepts, with its kind. */
export function fieldsOfOperation(entry: Pick<OutboxEntry, 'entity' | 'op'>): EditField[] {
  const entries = entriesOf(bodySchemaOf(entry) as SchemaNode | null ?? undefined);
  const allowed = entry.op === 'update' ? specs[entry.entity].updateFields : Object.keys(entries);
  return allowed.map((name) => ({ name, ...kindOf(entries[name]), readOnly: isIdentity(entry, name) }));
}

/**
 * The fields the form starts with: those in the body (an answer shows all three of its fields).
 * The rest of the operation's fields can be added one by one.
 */
export function editableFields(entry: Pick<OutboxEntry, 'entity' | 'op' | 'body'>): EditField[] {
  const all = fieldsOfOperation(entry);
  if (entry.op === 'respond') return all;
  const body = entry.body && !Array.isArray(entry.body) ? entry.body : {};
  const known = new Map(all.map((field) => [field.name, field]));
  return Object.keys(body).map((name) => known.get(name) ?? { name, kind: 'text', readOnly: isIdentity(entry, name) });
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => String(item)).join('\n');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function formOf(entry: Pick<OutboxEntry, 'body'>, fields: readonly EditField[]): FormValues {
  const body = entry.body && !Array.isArray(entry.body) ? entry.body : {};
  return Object.fromEntries(fields.map((field) => [field.name, textOf(body[field.name])]));
}

function valueOf(field: EditField, text: string): unknown {
  const trimmed = text.trim();
  switch (field.kind) {
    case 'number': {
      if (!trimmed) return null;
      // Written as the user sees numbers in their language ("1 500,50"); a non-number is kept as text so the schema says so.
      const number = Number(trimmed.replace(/[\s\u00a0]/gu, '').replace(',', '.'));
      return Number.isFinite(number) ? number : trimmed;
    }
    case 'boolean':
      return trimmed === 'true' ? true : trimmed === 'false' ? false : null;
    case 'choice': {
      if (!trimmed) return null;
      const option = field.options?.find((o) => String(o) === trimmed);
      return option ?? trimmed;
    }
    case 'list': {
      const items = text.split('\n').map((line) => line.trim()).filter(Boolean);
      return items.length ? items : null;
    }
    default:
      // Free text is kept as typed (spaces may matter); only an empty field is "not given".
      return trimmed ? text : null;
  }
}

/** The body the form describes; read-only fields keep the queued body's values. */
export function bodyOfForm(entry: Pick<OutboxEntry, 'body'>, fields: readonly EditField[], values: FormValues): Row {
  const original = entry.body && !Array.isArray(entry.body) ? entry.body : {};
  const body: Row = {};
  for (const field of fields) body[field.name] = field.readOnly ? original[field.name] : valueOf(field, values[field.name] ?? '');
  return body;
}

/** The schema's verdict on a body, as `{ field: [messages] }` ({} when it passes). */
export function checkBody(entry: Pick<OutboxEntry, 'entity' | 'op' | 'customerGuid'>, body: Row): FieldErrors {
  const schema = bodySchemaOf(entry);
  if (!schema) return {};
  let data: unknown = body;
  if (entry.op === 'create') data = createRequestBody(entry.entity, entry.entity === 'customer' ? { ...body, customerGuid: entry.customerGuid } : body);
  else if (entry.op === 'update') data = updateRequestBody(entry.entity, body);
  const result = validate(schema, data);
  return result.ok ? {} : unwrapItemErrors(entry.entity, result.errors);
}
