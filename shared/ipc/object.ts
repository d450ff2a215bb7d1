import * as v from 'valibot';

/*
 * valibot's object schemas accept an array as an object (an array is `typeof 'object'`), so a
 * strict object with only optional keys would take `[]`; over the bridge that is a malformed
 * request, so every object of the contract goes through this.
 */

export const notList = <T>(message = 'Must be an object, not a list') =>
  v.custom<T>((value) => typeof value !== 'object' || value === null || !Array.isArray(value), message);

/** A strict object that refuses arrays. Its input type is the strict object's. */
export function objectOf<const E extends v.ObjectEntries>(entries: E, message?: string) {
  const schema = v.strictObject(entries, message);
  return v.pipe(notList<v.InferInput<typeof schema>>(), schema);
}

/** Any schema, refusing an array where it expects an object (a route's body). */
export function refuseList<S extends v.GenericSchema>(schema: S) {
  return v.pipe(notList<v.InferInput<S>>(), schema);
}
