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

export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = (issue.path ?? []).map((item) => String(item.key)).join('.');
    const message = friendlyMessage(issue);
    const list = (errors[path] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return errors;
}

function friendlyMessage(issue: v.BaseIssue<unknown>): string {
  // valibot reports an unknown key of a strict object as "expected never": say it in words.
  if (issue.kind === 'schema' && issue.expected === 'never') return 'Is not a field of this request';
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'Is required';
  if (issue.kind === 'schema' && issue.message.startsWith('Invalid type')) {
    return `Must be ${describe(issue.expected)}, not ${describe(issue.received)}`;
  }
  return issue.message;
}

function describe(type: string | null): string {
  switch (type) {
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
      return type ?? 'something else';
  }
}

/** One line for logs and toasts: `email: Must be an e-mail address; fullName: Is required`. */
export function summarizeErrors(errors: FieldErrors): string {
  return Object.entries(errors)
    .map(([field, messages]) => (field ? `${field}: ${messages.join(', ')}` : messages.join(', ')))
    .join('; ');
}
