import * as v from 'valibot';
import { naturalKey, text } from './common';

/** An extra field: a named, multi-valued field. Its name is the natural key and the URL segment. */
export const extraField = v.object({
  name: text(),
  value: v.nullish(v.array(v.string())),
});
export type ExtraField = v.InferOutput<typeof extraField>;

const values = v.nullish(
  v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(4000, 'A value must be at most 4000 characters'))),
    v.maxLength(100, 'At most 100 values'),
  ),
);

export const extraFieldCreate = v.strictObject({ name: naturalKey, value: values });
export type ExtraFieldCreate = v.InferOutput<typeof extraFieldCreate>;

export const extraFieldUpdate = v.strictObject({ value: values });
export type ExtraFieldUpdate = v.InferOutput<typeof extraFieldUpdate>;
