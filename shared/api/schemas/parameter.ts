import * as v from 'valibot';
import { inputText, naturalKey, text } from './common';

/** A customer parameter. Its name is the natural key and the URL segment. */
export const parameter = v.object({
  name: text(),
  type: text(),
  value: text(),
  href: text(),
});
export type Parameter = v.InferOutput<typeof parameter>;

const parameterItem = v.strictObject({
  name: naturalKey,
  type: inputText(50),
  value: inputText(4000),
  href: inputText(2000),
});

/** POST /parameters takes an ARRAY, as the reference says; the sandbox creates all items or none. */
export const parameterCreate = v.pipe(
  v.array(parameterItem),
  v.minLength(1, 'Give at least one parameter'),
  v.maxLength(100, 'At most 100 parameters at once'),
  v.check((items) => new Set(items.map((p) => p.name.toLowerCase())).size === items.length, 'Parameter names must be unique'),
);
export type ParameterCreate = v.InferOutput<typeof parameterCreate>;

/**
 * PUT /parameters/{name} also takes an ARRAY (the reference). We read it as exactly one item:
 * its name may be left out but, if given, must be the name in the path (a rename is a delete
 * and a create).
 */
export const parameterUpdate = v.pipe(
  v.array(
    v.strictObject({
      name: v.nullish(naturalKey),
      type: inputText(50),
      value: inputText(4000),
      href: inputText(2000),
    }),
  ),
  v.length(1, 'Give exactly one parameter'),
);
export type ParameterUpdate = v.InferOutput<typeof parameterUpdate>;
