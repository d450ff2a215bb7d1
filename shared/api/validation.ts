import * as v from 'valibot';

/** `{ fieldName: [messages] }`: the `errors` extension of a validation problem, and what forms show. */
export type FieldErrors = Record<string, string[]>;

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * Checks data against a schema and names every problem by its field path (`addresses.0.city`;
 * `''` for the value as a whole). The same messages reach a form, an IPC caller and the
 * sandbox's 400 answers, because they all come from here.
 */
export function validate<S extends v.GenericSchema>(schema: S, data: unknown): Validated<v.InferOutput<S>> {
  const result = v.safeParse(schema, data, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, errors: fieldErrors(result.issues) };
}

const maxErrors = 50;
const maxMessageLength = 300;
const maxPathLength = 200;

/**
 * Names each problem by its field path. A message never quotes the value received: that
 * value may be a secret typed into the wrong field (bridge, logs) or a megabyte of junk.
 */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
  // A Map, then fromEntries: paths are made of the sender's keys, and none may reach a prototype.
  const errors = new Map<string, string[]>();
  let count = 0;
  for (const issue of issues) {
    const path = clip((issue.path ?? []).map((item) => String(item.key)).join('.'), maxPathLength);
    const message = clip(messageOf(issue), maxMessageLength);
    const list = errors.get(path) ?? [];
    if (list.includes(message)) continue;
    errors.set(path, [...list, message]);
    if (++count >= maxErrors) break;
  }
  return Object.fromEntries(errors);
}

function messageOf(issue: v.BaseIssue<unknown>): string {
  // valibot reports an unknown key of a strict object as "expected never".
  if (issue.kind === 'schema' && issue.expected === 'never') return 'Is not a field of this request';
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'Is required';
  // A variant's custom message is about its discriminator; the value itself was not even an object.
  if (issue.type === 'variant' && issue.expected === 'Object') return 'Must be an object';
  // A custom message (every schema of the contract and the API has them) never quotes the input.
  if (!issue.message.startsWith('Invalid ')) return issue.message;
  if (issue.kind === 'schema') return `Must be ${describe(issue.expected)}`;
  // valibot's default text for a failed check quotes the input ("… but received "hunter2"").
  return `Is not valid (${issue.type.replace(/_/gu, ' ')})`;
}

function describe(expected: string | null): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'Array':
      return 'a list';
    case 'Object':
      return 'an object';
    case 'null':
      return 'null';
    default:
      return expected ? `one of ${clip(expected, 200)}` : 'something else';
  }
}

const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** One line for logs and toasts: `email: Must be an e-mail address; fullName: Is required`. */
export function summarizeErrors(errors: FieldErrors): string {
  return Object.entries(errors)
    .map(([field, messages]) => (field ? `${field}: ${messages.join(', ')}` : messages.join(', ')))
    .join('; ');
}
