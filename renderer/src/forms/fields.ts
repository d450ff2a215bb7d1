import type { EnumOption } from '../../../shared/api/enums';
import type { MessageKey } from '../i18n/en';
import {
  booleanOrNull, booleanText, codeOrNull, dateToIso, enumOrNull, enumText, isoToDate, listOrNull, numberOrNull, numberText,
  textOrNull, type FormValue, type FormValues,
} from './values';

/*
 * A form described as data: each field names the body field it fills, how it is typed in, and
 * its label. From that one list come the inputs, the body sent to the outbox, the values an
 * existing record starts with, and which fields an edit changed. Plain TypeScript, so the
 * rules are unit-tested without a browser.
 */

export type FieldKind =
  /** Free text; `suggestions` make it a text input with a datalist. */
  | 'text'
  | 'textarea'
  | 'email'
  | 'tel'
  /** A calendar date, sent as an ISO date-time at midnight UTC. */
  | 'date'
  /** A decimal number (amounts). */
  | 'decimal'
  /** A whole number (days). */
  | 'integer'
  /** One of an enumeration's numbers; '' is "not given". */
  | 'enum'
  /** Yes / no / not given. */
  | 'boolean'
  /** A checkbox: true or false, never "not given". */
  | 'check'
  /** A code sent upper-cased (currency). */
  | 'code'
  /** Several text values (an extra field). */
  | 'list';

export interface FieldSpec {
  /** The body field it fills (and the key of its errors). */
  readonly name: string;
  readonly label: MessageKey;
  readonly kind: FieldKind;
  /** Enum options (values from shared/api/enums.ts). */
  readonly options?: readonly EnumOption[];
  /** The i18n prefix of the options' labels (`enum.<prefix>.<value>`); enums.ts's label where there is none. */
  readonly optionPrefix?: string;
  /** Offered as you type (a datalist); any other text is allowed. */
  readonly suggestions?: readonly string[];
  readonly maxLength?: number;
  readonly hint?: MessageKey;
  readonly required?: boolean;
  /** Spans the whole row of the grid. */
  readonly wide?: boolean;
  /** Codes and numbers people read out: the monospace face. */
  readonly mono?: boolean;
  /** The browser's autofill hint. */
  readonly autocomplete?: string;
  /** Shown but not editable (a parameter's name after creation). */
  readonly readOnly?: boolean;
  /** The currency field whose code an amount is shown in. */
  readonly currencyFrom?: string;
}

/** A form value as the record holds it, for the input. */
export function toFormValue(field: FieldSpec, value: unknown): FormValue {
  switch (field.kind) {
    case 'date':
      return isoToDate(typeof value === 'string' ? value : null);
    case 'decimal':
    case 'integer':
      return typeof value === 'number' ? numberText(value) : '';
    case 'enum':
      return typeof value === 'number' ? enumText(value) : '';
    case 'boolean':
      return booleanText(typeof value === 'boolean' ? value : null);
    case 'check':
      return value === true;
    case 'list':
      return Array.isArray(value) ? value.map(String) : [];
    default:
      return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  }
}

/** The body value of a form value: text trimmed, '' → null, dates → ISO, numbers parsed. */
export function fromFormValue(field: FieldSpec, value: FormValue | undefined): unknown {
  if (field.kind === 'check') return value === true;
  if (field.kind === 'list') return listOrNull(Array.isArray(value) ? value : []);
  const text = typeof value === 'string' ? value : '';
  switch (field.kind) {
    case 'date':
      return dateToIso(text);
    case 'decimal':
    case 'integer':
      return numberOrNull(text);
    case 'enum':
      return enumOrNull(text);
    case 'boolean':
      return booleanOrNull(text);
    case 'code':
      return codeOrNull(text);
    default:
      return textOrNull(text);
  }
}

/** The starting values of a form: the record's (an edit) or empty ones (a create), plus any defaults. */
export function initialValues(fields: readonly FieldSpec[], record: object = {}, defaults: FormValues = {}): FormValues {
  const values: FormValues = {};
  const row = record as Record<string, unknown>;
  for (const field of fields) values[field.name] = field.name in row ? toFormValue(field, row[field.name]) : (defaults[field.name] ?? toFormValue(field, null));
  return values;
}
