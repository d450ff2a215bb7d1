import { and, datetime, eq, ge, gt, lt, ne, contains, endswith, startswith, type FilterNode } from '../../../shared/odata';
import type { MessageKey } from '../i18n/en';

/*
 * The filter builder: rows of field / condition / value, all of which must hold. Each row
 * becomes a node of the API's own $filter language through shared/odata's builders, so the
 * builder and the raw $filter box are one language, evaluated by one evaluator.
 */

export type FieldKind = 'text' | 'enum' | 'date' | 'boolean';

export interface BuilderField {
  name: string;
  kind: FieldKind;
  /** For enums: the values, labelled through the catalogue as `enum.<prefix>.<value>`. */
  options?: readonly number[];
  enumPrefix?: 'juridicalType' | 'gender';
}

export const builderFields: readonly BuilderField[] = [
  { name: 'fullName', kind: 'text' },
  { name: 'customerReference', kind: 'text' },
  { name: 'idNumber', kind: 'text' },
  { name: 'email', kind: 'text' },
  { name: 'cellularPhone', kind: 'text' },
  { name: 'workPhone', kind: 'text' },
  { name: 'homePhone', kind: 'text' },
  { name: 'juridicalType', kind: 'enum', options: [0, 1], enumPrefix: 'juridicalType' },
  { name: 'gender', kind: 'enum', options: [0, 1, 2], enumPrefix: 'gender' },
  { name: 'regDate', kind: 'date' },
  { name: 'dateOfBirth', kind: 'date' },
  { name: 'domicile', kind: 'text' },
  { name: 'municipalCode', kind: 'text' },
  { name: 'placeOfBirth', kind: 'text' },
  { name: 'cultureCode', kind: 'text' },
  { name: 'languageCode', kind: 'text' },
  { name: 'currencyCode', kind: 'text' },
  { name: 'preferredChannel', kind: 'text' },
  { name: 'invoiceChannel', kind: 'text' },
  { name: 'contactPerson', kind: 'text' },
  { name: 'vatNumber', kind: 'text' },
  { name: 'companyType', kind: 'text' },
  { name: 'naceCode', kind: 'text' },
  { name: 'glnNumber', kind: 'text' },
  { name: 'firstname', kind: 'text' },
  { name: 'lastname', kind: 'text' },
  { name: 'underAged', kind: 'boolean' },
];

export type ConditionOp =
  | 'contains' | 'startswith' | 'endswith' | 'eq' | 'ne' | 'after' | 'before' | 'empty' | 'notEmpty' | 'isTrue' | 'isFalse';

const operators: Record<FieldKind, readonly ConditionOp[]> = {
  text: ['contains', 'startswith', 'endswith', 'eq', 'ne', 'empty', 'notEmpty'],
  enum: ['eq', 'ne', 'empty', 'notEmpty'],
  date: ['eq', 'after', 'before', 'empty', 'notEmpty'],
  boolean: ['isTrue', 'isFalse', 'empty'],
};

export function operatorsFor(field: BuilderField): readonly ConditionOp[] {
  return operators[field.kind];
}

export const operatorLabel = (op: ConditionOp): MessageKey => `filter.op.${op}`;

/** Operators that need no value. */
export const valueless = (op: ConditionOp): boolean => op === 'empty' || op === 'notEmpty' || op === 'isTrue' || op === 'isFalse';

export interface FilterCondition {
  id: number;
  field: string;
  op: ConditionOp;
  value: string;
}

let nextId = 1;
export function newCondition(field = 'fullName'): FilterCondition {
  const def = fieldOf(field);
  return { id: nextId++, field, op: operatorsFor(def)[0]!, value: '' };
}

export function fieldOf(name: string): BuilderField {
  return builderFields.find((f) => f.name === name) ?? builderFields[0]!;
}

const DAY = 86_400_000;
const dayAfter = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/** The condition as a $filter node, or null while it is incomplete (no value yet). */
export function conditionNode(condition: FilterCondition): FilterNode | null {
  const field = fieldOf(condition.field);
  const name = field.name;
  const { op } = condition;
  if (op === 'empty') return eq(name, null);
  if (op === 'notEmpty') return ne(name, null);
  if (op === 'isTrue') return eq(name, true);
  if (op === 'isFalse') return eq(name, false);
  const value = condition.value.trim();
  if (!value) return null;
  switch (field.kind) {
    case 'enum': {
      const n = Number(value);
      if (!Number.isInteger(n)) return null;
      return op === 'ne' ? ne(name, n) : eq(name, n);
    }
    case 'date': {
      if (!/^\d{4}-\d{2}-\d{2}$/u.test(value) || Number.isNaN(Date.parse(value))) return null;
      // Whole days: "on" is from midnight to midnight, "after" starts the day after.
      if (op === 'after') return ge(name, datetime(dayAfter(value)));
      if (op === 'before') return lt(name, datetime(value));
      return and(ge(name, datetime(value)), lt(name, datetime(dayAfter(value))));
    }
    case 'text':
      switch (op) {
        case 'contains': return contains(name, value);
        case 'startswith': return startswith(name, value);
        case 'endswith': return endswith(name, value);
        case 'ne': return ne(name, value);
        default: return eq(name, value);
      }
    default:
      return gt(name, value);
  }
}

/** All complete conditions, joined with `and`; null when there are none. */
export function builderNode(conditions: readonly FilterCondition[]): FilterNode | null {
  return and(...conditions.map(conditionNode));
}
