/*
 * Inputs hold text; the API wants nulls, numbers, booleans and ISO date-times. These are the
 * conversions both ways, in one place, so every form treats an emptied field, a date and a
 * decimal comma the same way.
 */

/** What one input holds: text, a checkbox, or the values of a multi-value editor. */
export type FormValue = string | boolean | readonly string[];
export type FormValues = Record<string, FormValue>;

/** '' (or only spaces) is "not given": the API's null. Text is trimmed at both ends. */
export function textOrNull(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/u;

/**
 * A date input's value (YYYY-MM-DD) as the API's date-time: midnight UTC, as the API writes
 * calendar dates and as the detail page reads them, so the day shown is the day typed
 * whatever the laptop's time zone. '' is null; anything else goes through as typed, for the
 * schema to refuse at the field.
 */
export function dateToIso(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed === '') return null;
  const match = datePattern.exec(trimmed);
  if (!match) return trimmed;
  const [, y, m, d] = match;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  // 2024-02-31 is not a day: let the schema say so rather than move to March.
  if (date.getUTCMonth() !== Number(m) - 1) return trimmed;
  return `${y}-${m}-${d}T00:00:00Z`;
}

/** An API date-time as a date input's value (its day in UTC); '' when there is none. */
export function isoToDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toISOString().slice(0, 10);
}

/**
 * A number as typed: spaces (a thousands separator in Swedish) are ignored and a decimal comma
 * reads as a point. '' is null; what is not a number is NaN, which the schema refuses as
 * "Must be a number".
 */
export function numberOrNull(value: string): number | null {
  const compact = value.replace(/[\s\u00a0\u202f']/gu, '');
  if (compact === '') return null;
  // With both marks, the last one is the decimal separator ("1,234.50", "1.234,50").
  const decimal = compact.lastIndexOf(',') > compact.lastIndexOf('.') ? ',' : '.';
  const normal = compact.split(decimal === ',' ? '.' : ',').join('').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/u.test(normal)) return Number.NaN;
  return Number(normal);
}

/** A number as an input shows it: plain digits with a point, as the parser reads it back. */
export const numberText = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** A yes/no/not-given select: 'true', 'false' or ''. */
export function booleanOrNull(value: string): boolean | null {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

export const booleanText = (value: boolean | null | undefined): string => (value === true ? 'true' : value === false ? 'false' : '');

/** An enum select: '' is null, otherwise the option's number. */
export function enumOrNull(value: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : Number.NaN;
}

export const enumText = (value: number | null | undefined): string => (value === null || value === undefined ? '' : String(value));

/** The values of a multi-value editor: blank ones are dropped (an empty line is not a value); none at all is null. */
export function listOrNull(values: readonly string[]): string[] | null {
  const kept = values.map((v) => v.trim()).filter((v) => v !== '');
  return kept.length ? kept : null;
}

/** Upper-cased codes (currency: the schema wants "SEK", and "sek" is what a hurried thumb types). */
export function codeOrNull(value: string): string | null {
  const text = textOrNull(value);
  return text === null ? null : text.toUpperCase();
}

/** Whether two form values are the same (lists compared item by item). */
export function sameFormValue(a: FormValue | undefined, b: FormValue | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = (Array.isArray(a) ? a : []) as readonly string[];
    const y = (Array.isArray(b) ? b : []) as readonly string[];
    return x.length === y.length && x.every((item, i) => item === y[i]);
  }
  if (typeof a === 'string' && typeof b === 'string') return a.trim() === b.trim();
  return (a ?? '') === (b ?? '');
}

/** Two forms' values are the same when every field is (sameFormValue), a field missing from one counting as empty. */
export function sameFormValues(a: FormValues, b: FormValues): boolean {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((key) => sameFormValue(a[key], b[key]));
}
