import * as v from 'valibot';
import { fieldErrors, type Validated } from '../api/validation';
import { defaultPayloadLimits, payloadProblem, type PayloadLimits } from './payload';

/*
 * Validation for what arrives over the bridge: the payload gate (size, depth, prototype keys)
 * first, then the schema, with shared/api's field errors, which never quote the value received.
 */

export function checkPayload<S extends v.GenericSchema>(
  schema: S,
  data: unknown,
  limits: PayloadLimits = defaultPayloadLimits,
): Validated<v.InferOutput<S>> {
  const problem = payloadProblem(data, limits);
  if (problem) return { ok: false, errors: { [problem.path]: [problem.message] } };
  const result = v.safeParse(schema, data, { abortPipeEarly: true });
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, errors: fieldErrors(result.issues) };
}

