import * as v from 'valibot';
import {
  routes,
  schemas,
  summarizeErrors,
  type ApiFailure,
  type FieldErrors,
  type OperationName,
  type ProblemDetails,
} from '../../shared/api';
import type { HttpAnswer, HttpFailure } from './exchange';
import { parseRetryAfter } from './retry';

/*
 * From an HTTP answer to a typed result or a typed failure. Error answers are RFC 7807 problem
 * documents (api-contract.md "Errors"); a body that is not one (a proxy's HTML page) still
 * gets a failure from its status alone.
 */

/** "Could not get a customer", from the route's summary: the start of every failure message. */
export function couldNot(operation: OperationName): string {
  const summary = routes[operation].summary;
  return `Could not ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`;
}

function parseProblem(text: string): ProblemDetails | undefined {
  if (!text.trim()) return undefined;
  try {
    const result = v.safeParse(schemas.problemDetails, JSON.parse(text));
    return result.success ? result.output : undefined;
  } catch {
    return undefined;
  }
}

const statusText = (status: number): string => `HTTP ${status}`;

/** The failure for a non-2xx answer. `isWrite`: a 5xx may have come after the change was applied. */
export function failureFromAnswer(operation: OperationName, answer: HttpAnswer, isWrite: boolean, now: number): ApiFailure {
  const { status } = answer;
  const problem = parseProblem(answer.text);
  const detail = problem?.detail ?? problem?.title ?? statusText(status);
  const base = { operation, status, ...(problem ? { problem } : {}) };
  const lead = couldNot(operation);
  const fieldErrors: FieldErrors | undefined =
    problem?.errors && Object.keys(problem.errors).length > 0 ? problem.errors : undefined;

  if (fieldErrors && (status === 400 || status === 422)) {
    return { ...base, kind: 'validation', fieldErrors, message: `${lead}: ${summarizeErrors(fieldErrors)}.` };
  }
  if (status === 401) {
    return { ...base, kind: 'unauthorized', message: `${lead}: the gateway did not accept the profile's credentials (${detail}).` };
  }
  if (status === 403) {
    return { ...base, kind: 'forbidden', message: `${lead}: the profile's credentials do not allow this (${detail}).` };
  }
  if (status === 404) return { ...base, kind: 'not-found', message: `${lead}: it was not found on the server (${detail}).` };
  if (status === 409) return { ...base, kind: 'conflict', message: `${lead}: it conflicts with what is on the server (${detail}).` };
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), now);
    const wait = retryAfterMs === undefined ? 'later' : `in ${Math.ceil(retryAfterMs / 1000)} s`;
    return {
      ...base,
      kind: 'rate-limited',
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      message: `${lead}: the server is busy; try again ${wait}.`,
    };
  }
  if (status >= 500 && isWrite) {
    return {
      ...base,
      kind: 'unknown-outcome',
      message: `${lead}: the server reported a fault (${detail}), so it is not known whether the change was saved.`,
    };
  }
  if (status >= 500) return { ...base, kind: 'server', message: `${lead}: the server reported a fault (${detail}).` };
  if (status >= 300 && status < 400) {
    return { ...base, kind: 'bad-response', message: `${lead}: the server answered with a redirect (${statusText(status)}), which is not followed.` };
  }
  if (status >= 400) return { ...base, kind: 'bad-request', message: `${lead}: the server refused the request (${detail}).` };
  return { ...base, kind: 'bad-response', message: `${lead}: unexpected answer ${statusText(status)}.` };
}

/** The failure for a request that got no answer. Whether a write may have been applied decides the kind. */
export function failureFromTransport(operation: OperationName, failure: HttpFailure, isWrite: boolean, timeoutMs: number): ApiFailure {
  const lead = couldNot(operation);
  const unknown = 'so it is not known whether the change was saved';
  if (failure.reason === 'refused') {
    return { operation, kind: 'network', message: `${lead}: the server could not be reached (${failure.detail}).` };
  }
  if (failure.reason === 'timeout') {
    const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
    return isWrite
      ? { operation, kind: 'unknown-outcome', message: `${lead}: the server did not answer within ${seconds}, ${unknown}.` }
      : { operation, kind: 'timeout', message: `${lead}: the server did not answer within ${seconds}.` };
  }
  return isWrite
    ? { operation, kind: 'unknown-outcome', message: `${lead}: the connection was lost before the server answered, ${unknown}.` }
    : { operation, kind: 'network', message: `${lead}: the connection to the server was lost (${failure.detail}).` };
}

const resultSchemas = new Map<OperationName, v.GenericSchema | null>();

/** The schema of a whole successful answer: an envelope, an array, one resource, or none (204). */
function resultSchema(operation: OperationName): v.GenericSchema | null {
  const cached = resultSchemas.get(operation);
  if (cached !== undefined) return cached;
  const route = routes[operation];
  const item = 'result' in route ? route.result : undefined;
  let schema: v.GenericSchema | null = null;
  if (item && route.response === 'list') schema = schemas.listEnvelope(item);
  else if (item && route.response === 'array') schema = v.array(item);
  else if (item && route.response === 'single') schema = item;
  resultSchemas.set(operation, schema);
  return schema;
}

/** `value.3.customerGuid: Invalid type: Expected string but received undefined` (first three issues). */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = (issue.path ?? []).map((item) => String(item.key)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

export type Parsed = { ok: true; value: unknown } | { ok: false; failure: ApiFailure };

/** Parses a 2xx answer with the route's result schema. */
export function parseResult(operation: OperationName, answer: HttpAnswer): Parsed {
  const schema = resultSchema(operation);
  if (schema === null) return { ok: true, value: undefined };
  const bad = (why: string): Parsed => ({
    ok: false,
    failure: {
      kind: 'bad-response',
      operation,
      status: answer.status,
      message: `${couldNot(operation)}: the server's answer has an unexpected shape (${why}).`,
    },
  });
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    return bad(answer.text.trim() ? 'it is not JSON' : 'it is empty');
  }
  const result = v.safeParse(schema, json);
  return result.success ? { ok: true, value: result.output } : bad(describeIssues(result.issues));
}
