import type { ConflictField, ConflictRecord } from '../cache/records';
import type { ConflictChoice } from '../app/sync-adapter';
import { fieldLabel } from './fields';
import type { Words } from './words';

/*
 * The conflict view's logic: one row per field both sides changed, with the three values and
 * the user's choice. The choice starts at "yours" (what the user typed is never thrown away by
 * default), and Resolve always sends a choice for EVERY field, as resolveConflict() demands.
 */

export const choiceOrder: readonly ConflictChoice[] = ['base', 'theirs', 'yours'];

export type Choices = Record<string, ConflictChoice>;

export const defaultChoices = (conflict: Pick<ConflictRecord, 'fields'>): Choices =>
  Object.fromEntries(conflict.fields.map((f) => [f.field, 'yours' as const]));

/** The choices to send: the user's where made, "yours" elsewhere; fields not in the conflict are dropped. */
export function choicesToSend(conflict: Pick<ConflictRecord, 'fields'>, picked: Partial<Choices>): Choices {
  return Object.fromEntries(conflict.fields.map((f) => [f.field, picked[f.field] ?? 'yours']));
}

/** A value as the user reads it: null when it is empty (the view says "Not given"). */
export function valueText(value: unknown, words: Words): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? words.t('value.yes') : words.t('value.no');
  if (Array.isArray(value)) return value.length ? value.map((item) => (typeof item === 'object' ? JSON.stringify(item) : String(item))).join(', ') : null;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export interface ConflictRow {
  field: string;
  label: string;
  values: Record<ConflictChoice, string | null>;
}

export function conflictRows(conflict: Pick<ConflictRecord, 'entity' | 'fields'>, words: Words): ConflictRow[] {
  return conflict.fields.map((f: ConflictField) => ({
    field: f.field,
    label: fieldLabel(conflict.entity, f.field, words),
    values: { base: valueText(f.base, words), theirs: valueText(f.theirs, words), yours: valueText(f.yours, words) },
  }));
}
