import type * as v from 'valibot';
import type { FieldType, FieldTypes } from '../odata';

/*
 * The OData language needs to know each entity's fields and their types (to resolve names
 * case-insensitively and reject `juridicalType eq 'x'`). They are read off the entity schema
 * itself, so the schema stays the one source of truth.
 */

interface Introspectable {
  readonly type: string;
  readonly wrapped?: Introspectable;
  readonly pipe?: readonly { readonly type: string }[];
  readonly entries?: Readonly<Record<string, Introspectable>>;
}

function fieldType(schema: Introspectable): FieldType {
  let inner = schema;
  while (inner.wrapped) inner = inner.wrapped;
  if (inner.pipe?.some((item) => item.type === 'iso_timestamp')) return 'datetime';
  switch (inner.type) {
    case 'string':
      return 'string';
    case 'number':
    case 'picklist':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'other';
  }
}

/** The filterable fields of an object schema, by name. */
export function fieldTypesOf(schema: v.GenericSchema): FieldTypes {
  const entries = (schema as unknown as Introspectable).entries;
  if (!entries) throw new Error(`fieldTypesOf: not an object schema (${schema.type})`);
  return Object.fromEntries(Object.entries(entries).map(([name, field]) => [name, fieldType(field)]));
}
