import * as v from 'valibot';

/*
 * Field builders shared by every entity schema.
 *
 * Responses are read tolerantly (a field may be absent or null) so that a tenant that omits an
 * empty field does not break the app; request bodies are checked strictly (unknown fields are
 * rejected) so that a body the reference does not allow never leaves the client or enters the
 * sandbox.
 */

/** "string or null" in the reference. */
export const text = () => v.nullish(v.string());

/** Free text we send: capped, because it also arrives through the IPC bridge from untrusted code. */
export const inputText = (max = 1000) =>
  v.nullish(v.pipe(v.string(), v.maxLength(max, `Must be at most ${max} characters`)));

export const isoDateTime = v.pipe(
  v.string(),
  v.isoTimestamp('Must be an ISO 8601 date-time, e.g. 2019-08-24T14:15:22Z'),
);

/** "string or null <date-time>". */
export const dateTime = () => v.nullish(isoDateTime);

export const guid = v.pipe(v.string(), v.uuid('Must be a GUID, e.g. 3f2504e0-4f89-11d3-9a0c-0305e82c3301'));

export const optionalGuid = () => v.nullish(guid);

/** A name used as a natural key and a URL segment (parameters, extra fields). */
export const naturalKey = v.pipe(
  v.string('Name is required'),
  v.trim(),
  v.minLength(1, 'Name is required'),
  v.maxLength(200, 'Name must be at most 200 characters'),
  // URL parsers collapse '.' and '..' segments (even percent-encoded), so such a name would
  // address another resource: '/parameters/..' is the customer itself.
  v.check((name) => name !== '.' && name !== '..', "Name cannot be '.' or '..'"),
);

/**
 * valibot's object schemas accept an array (an array is `typeof 'object'`), so a strict
 * object whose keys are all optional would take `[]`. Request bodies go through this.
 */
export function refuseList<S extends v.GenericSchema>(schema: S) {
  return v.pipe(
    v.custom<v.InferInput<S>>((value) => !Array.isArray(value), 'Must be an object, not a list'),
    schema,
  );
}

export const int32 = () =>
  v.nullish(
    v.pipe(
      v.number(),
      v.integer('Must be a whole number'),
      v.minValue(-2147483648, 'Too small for a 32-bit integer'),
      v.maxValue(2147483647, 'Too large for a 32-bit integer'),
    ),
  );

export const nonNegativeInt = () =>
  v.nullish(v.pipe(v.number(), v.integer('Must be a whole number'), v.minValue(0, 'Must not be negative'), v.maxValue(2147483647, 'Too large')));

export const amount = () =>
  v.nullish(v.pipe(v.number(), v.finite('Must be a number'), v.minValue(0, 'Must not be negative')));

export const currencyCode = () =>
  v.nullish(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/u, 'Must be a three-letter ISO 4217 code, e.g. SEK')));

export const email = () =>
  v.nullish(v.pipe(v.string(), v.maxLength(254, 'Must be at most 254 characters'), v.email('Must be an e-mail address, e.g. anna@example.se')));

/** A hypermedia link. The reference shows `links: []` without items; this is the usual shape. */
export const link = v.object({
  rel: text(),
  href: text(),
  method: text(),
});
export type Link = v.InferOutput<typeof link>;

export const links = () => v.nullish(v.array(link));

/** The list envelope of api-contract.md: `count` is the items in this page, `total` all matches. */
export const listEnvelope = <T extends v.GenericSchema>(item: T) =>
  v.object({
    count: v.pipe(v.number(), v.integer()),
    skip: v.pipe(v.number(), v.integer()),
    total: v.pipe(v.number(), v.integer()),
    value: v.array(item),
  });

export interface ListPage<T> {
  count: number;
  skip: number;
  total: number;
  value: T[];
}

/** RFC 7807 problem details; validation problems carry `errors: { field: [messages] }`. */
export const problemDetails = v.looseObject({
  type: v.optional(v.string()),
  title: v.optional(v.string()),
  status: v.optional(v.number()),
  detail: v.optional(v.string()),
  instance: v.optional(v.string()),
  errors: v.optional(v.record(v.string(), v.array(v.string()))),
});
export type ProblemDetails = v.InferOutput<typeof problemDetails>;

/** Any JSON value: bodies and results of custom service actions. */
export const anyJson = v.unknown();

/** `{}` from ping. */
export const emptyObject = v.looseObject({});
