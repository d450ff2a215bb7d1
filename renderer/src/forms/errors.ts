import type { ApiFailure } from '../../../shared/api/errors';
import type { FieldErrors } from '../../../shared/api/validation';
import type { OutboxEntry } from '../cache/records';

/*
 * Where a message goes. Errors come from three places with one shape (`{ field: [messages] }`):
 * the shared schema while the user types, the outbox's InvalidInputError on save, and the
 * server's problem details kept on an outbox entry it refused. A message lands at its field
 * when the form has that field, and in the form's summary otherwise, never nowhere.
 */

/**
 * A server's field name as one of the form's: `$.email`, `Email` and `0.name` (a parameter
 * body is an array) all mean the form's `email` / `name`. Sub-paths survive (`value.2` is
 * the third value of an extra field). Unknown names come back as given.
 */
export function formKeyOf(key: string, fields: readonly string[]): string {
  const bare = key.replace(/^\$\.?/u, '').replace(/^\[?\d+\]?\.?/u, '');
  if (bare === '') return '';
  const [head = '', ...rest] = bare.split('.');
  const match = fields.find((f) => f.toLowerCase() === head.toLowerCase());
  return match ? [match, ...rest].join('.') : bare;
}

/** The same errors keyed by the form's field names (messages of keys that meet are joined). */
export function toFormKeys(errors: FieldErrors, fields: readonly string[]): FieldErrors {
  const out = new Map<string, string[]>();
  for (const [key, messages] of Object.entries(errors)) {
    const name = formKeyOf(key, fields);
    const list = out.get(name) ?? [];
    for (const message of messages) if (!list.includes(message)) list.push(message);
    out.set(name, list);
  }
  return Object.fromEntries(out);
}

/** The field an error key belongs to: `value.2` belongs to `value`. */
export const fieldOfKey = (key: string): string => key.split('.')[0] ?? key;

export interface SplitErrors {
  /** Errors the form shows at a field it has (keys kept, so `value.2` reaches the third value). */
  atFields: FieldErrors;
  /** Errors on no field of the form (the body as a whole, or a field the form does not show). */
  elsewhere: { field: string; messages: string[] }[];
}

/** Splits errors into those shown at `fields` and the rest, for the summary. */
export function splitErrors(errors: FieldErrors, fields: readonly string[]): SplitErrors {
  const atFields: FieldErrors = {};
  const elsewhere: SplitErrors['elsewhere'] = [];
  for (const [key, messages] of Object.entries(errors)) {
    if (!messages.length) continue;
    if (key !== '' && fields.includes(fieldOfKey(key))) atFields[key] = messages;
    else elsewhere.push({ field: key, messages });
  }
  return { atFields, elsewhere };
}

/** The messages at one field, its sub-paths included (`value` gets `value.0`'s too when asked with `deep`). */
export function messagesAt(errors: FieldErrors, field: string, deep = false): string[] {
  const own = errors[field] ?? [];
  if (!deep) return own;
  const nested = Object.entries(errors).filter(([key]) => key.startsWith(`${field}.`)).flatMap(([, m]) => m);
  return [...own, ...nested];
}

/** The first field, in the form's order, that has an error (where focus goes after a failed save). */
export function firstInvalid(order: readonly string[], errors: FieldErrors): string | undefined {
  const invalid = new Set(Object.entries(errors).filter(([, m]) => m.length).map(([key]) => fieldOfKey(key)));
  return order.find((name) => invalid.has(name));
}

/**
 * The errors an edit introduces, as the outbox judges them: any on a changed field, and new
 * ones elsewhere. A server value the schemas would refuse (it came from the server, the user
 * never touched it) does not block saving another field.
 */
export function introducedErrors(before: FieldErrors, after: FieldErrors, changed: readonly string[]): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, messages] of Object.entries(after)) {
    const fresh = changed.includes(fieldOfKey(key)) ? messages : messages.filter((m) => !(before[key] ?? []).includes(m));
    if (fresh.length) out[key] = fresh;
  }
  return out;
}

/** Joins error sets; later sets add their messages to a field's list. */
export function mergeErrors(...sets: FieldErrors[]): FieldErrors {
  const out: Record<string, string[]> = {};
  for (const set of sets) {
    for (const [key, messages] of Object.entries(set)) {
      const list = out[key] ?? [];
      for (const message of messages) if (!list.includes(message)) list.push(message);
      out[key] = list;
    }
  }
  return out;
}

/** What the server said when it refused a record's queued change, for the form's banner and fields. */
export interface ServerRefusal {
  /** The outbox entry it refused (its number on the Pending page). */
  seq: number;
  op: OutboxEntry['op'];
  /**
   * What the server answered, as stored on the entry. Its `message` is the sync layer's English
   * sentence (sync/messages.ts says why it stays so): the banner says it in the user's words,
   * as the Pending changes page does (pending/describe.ts), with the server's own words apart.
   */
  failure: ApiFailure | null;
  /** Keyed by the form's fields. */
  fieldErrors: FieldErrors;
  /** Whether the refused entry is the record's last one: a save then fixes it rather than queueing behind it. */
  isLast: boolean;
}

/**
 * The refusal among one record's outbox entries (its chain, oldest first): the first entry in
 * `attention`. Its problem details are shown at the fields, as the server named them.
 */
export function serverRefusal(chain: readonly OutboxEntry[], fields: readonly string[]): ServerRefusal | null {
  const at = chain.findIndex((e) => e.state === 'attention');
  const entry = chain[at];
  if (!entry) return null;
  const failure: ApiFailure | null = entry.lastFailure;
  return {
    seq: entry.seq ?? 0,
    op: entry.op,
    failure,
    fieldErrors: toFormKeys(failure?.fieldErrors ?? failure?.problem?.errors ?? {}, fields),
    isLast: at === chain.length - 1,
  };
}
