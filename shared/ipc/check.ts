import * as v from 'valibot';
import type { FieldErrors, Validated } from '../api/validation';
import { defaultPayloadLimits, payloadProblem, type PayloadLimits } from './payload';

/*
 * Validation for what arrives over the bridge. Like shared/api's validate(), it names each
 * problem by field path; unlike it, a message never quotes the value received, because over
 * the bridge that value may be a secret typed into the wrong field or a megabyte of junk.
 */

const maxErrors = 50;
const maxMessageLength = 300;
const maxPathLength = 200;

export function checkPayload<S extends v.GenericSchema>(
  schema: S,
  data: unknown,
  limits: PayloadLimits = defaultPayloadLimits,
): Validated<v.InferOutput<S>> {
  const problem = payloadProblem(data, limits);
  if (problem) return { ok: false, errors: { [problem.path]: [problem.message] } };
  const result = v.safeParse(schema, data, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, errors: safeFieldErrors(result.issues) };
}

export function safeFieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldErrors {
  // A Map, then fromEntries: paths are made of the renderer's keys, and none may reach a prototype.
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
