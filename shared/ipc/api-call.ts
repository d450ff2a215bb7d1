import * as v from 'valibot';
import { maxTop } from '../api/list-query';
import { operationNames, routes, type OperationName, type RouteDefinition } from '../api/routes';
import { objectOf, refuseList } from './object';

/*
 * The arguments of `api.call`, derived from the route table so that one channel carries all
 * 36 operations and none can be called with parameters its path does not have. The renderer
 * is not trusted: the operation must exist, the path parameters must be exactly the template's
 * names, the body must pass the route's (strict) body schema and the query the list rules, all
 * before the API client runs. The client checks the body again; that is cheap and keeps it
 * safe for callers in main.
 */

export const maxPathParamLength = 200;

/** One path segment's value; buildPath encodes it, but `.` and `..` survive encoding and would climb the URL. */
export const pathParam = v.pipe(
  v.string('Must be text'),
  v.minLength(1, 'Is required'),
  v.maxLength(maxPathParamLength, `Must be at most ${maxPathParamLength} characters`),
  v.regex(/^[^\p{Cc}]*$/u, 'Must not contain control characters'),
  v.check((value) => value !== '.' && value !== '..', 'Must not be . or ..'),
);

const whole = (name: string, max: number) =>
  v.pipe(
    v.number(`${name} must be a number`),
    v.integer(`${name} must be a whole number`),
    v.minValue(0, `${name} must not be negative`),
    v.maxValue(max, `${name} must be at most ${max}`),
  );

/** ListQuery's options as values (list-query.ts checks the same limits on a URL's text). */
export const listQuerySchema = objectOf({
  filter: v.optional(v.pipe(v.string('Must be text'), v.maxLength(4000, '$filter must be at most 4000 characters'))),
  orderby: v.optional(v.pipe(v.string('Must be text'), v.maxLength(500, '$orderby must be at most 500 characters'))),
  skip: v.optional(whole('$skip', 2147483647)),
  top: v.optional(whole('$top', maxTop)),
});

export const asyncQuerySchema = objectOf({ async: v.optional(v.boolean('Must be true or false')) });

const paramNamesOf = (path: string): string[] => [...path.matchAll(/\{(\w+)\}/gu)].map((match) => match[1] as string);

const objectTypes = new Set(['object', 'strict_object', 'loose_object']);

function optionFor(operation: OperationName) {
  const route: RouteDefinition = routes[operation];
  const params = objectOf(Object.fromEntries(paramNamesOf(route.path).map((name) => [name, pathParam])));
  const isList = route.response === 'list' || route.response === 'array';
  const query = isList ? v.optional(listQuerySchema) : route.asyncFlag ? v.optional(asyncQuerySchema) : v.optional(v.undefined('Takes no query'));
  return v.strictObject({
    operation: v.literal(operation),
    params,
    // Required exactly where the route takes a body (its schema says what "required" means).
    body: !route.body ? v.optional(v.undefined('Takes no body')) : objectTypes.has(route.body.type) ? refuseList(route.body) : route.body,
    query,
  });
}

/**
 * Typed as the plain shape on purpose: the variant is built from the route table at run time,
 * and the route table's own types (CallArgs, BodyOf) already say per operation what it takes.
 */
export const apiCallArgs: v.GenericSchema<ApiCallArgs, ApiCallArgs> = v.variant(
  'operation',
  operationNames.map(optionFor),
  'Is not an operation of the Customers API',
) as unknown as v.GenericSchema<ApiCallArgs, ApiCallArgs>;

export interface ApiCallArgs {
  readonly operation: OperationName;
  readonly params: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, unknown>>;
}
