import * as v from 'valibot';
import { failureKinds, type ApiFailure } from '../api/errors';
import { operationNames } from '../api/routes';
import { problemDetails } from '../api/schemas';
import type { FieldErrors } from '../api/validation';

/*
 * What crosses the bridge back to the renderer: always a plain, structured-cloneable object.
 * Exceptions do not survive IPC intact (Electron keeps only their message), so failures are
 * values with a kind the UI can act on.
 */

export const bridgeOnlyKinds = ['invalid-request', 'forbidden-sender', 'vault-unavailable', 'unsynced-changes', 'internal'] as const;
export type BridgeOnlyKind = (typeof bridgeOnlyKinds)[number];

export type BridgeFailure =
  | ApiFailure
  /** The renderer sent something the contract does not allow; nothing was changed. */
  | { kind: 'invalid-request'; message: string; fieldErrors?: FieldErrors }
  /** The sender is not one of the app's own pages; nothing was done. */
  | { kind: 'forbidden-sender'; message: string }
  /** The credential vault cannot store or read secrets on this machine (see the settings screen). */
  | { kind: 'vault-unavailable'; message: string }
  /**
   * The profile has `count` changes that have not reached the server (its outbox journal holds
   * them): removing the profile or signing out needs the user's confirmation (`confirmUnsynced`),
   * after offering to export them (journal.export). Nothing was done.
   */
  | { kind: 'unsynced-changes'; message: string; count: number }
  /** A bug or an environment problem in the main process; its details stay in the main log. */
  | { kind: 'internal'; message: string };

export type BridgeResult<T> = { ok: true; value: T } | { ok: false; failure: BridgeFailure };

export const ok = <T>(value: T): BridgeResult<T> => ({ ok: true, value });
export const fail = (failure: BridgeFailure): BridgeResult<never> => ({ ok: false, failure });

const fieldErrorsSchema = v.record(v.string(), v.array(v.string()));

export const apiFailureSchema = v.strictObject({
  kind: v.picklist(failureKinds),
  message: v.string(),
  operation: v.optional(v.picklist(operationNames)),
  status: v.optional(v.number()),
  problem: v.optional(problemDetails),
  fieldErrors: v.optional(fieldErrorsSchema),
  retryAfterMs: v.optional(v.number()),
});

/** Checks what main sends (in tests and development): a failure is exactly one of the kinds above. */
export const bridgeFailureSchema = v.variant('kind', [
  apiFailureSchema,
  v.strictObject({ kind: v.literal('invalid-request'), message: v.string(), fieldErrors: v.optional(fieldErrorsSchema) }),
  v.strictObject({ kind: v.literal('forbidden-sender'), message: v.string() }),
  v.strictObject({ kind: v.literal('vault-unavailable'), message: v.string() }),
  v.strictObject({ kind: v.literal('unsynced-changes'), message: v.string(), count: v.number() }),
  v.strictObject({ kind: v.literal('internal'), message: v.string() }),
]);

export const bridgeResultSchema = <S extends v.GenericSchema>(value: S) =>
  v.variant('ok', [
    v.strictObject({ ok: v.literal(true), value }),
    v.strictObject({ ok: v.literal(false), failure: bridgeFailureSchema }),
  ]);

/** A BridgeResult that came over a transport, checked only for its outer shape (main is trusted). */
export function isBridgeResult(value: unknown): value is BridgeResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const { ok: flag, failure } = value as { ok?: unknown; failure?: unknown };
  if (flag === true) return 'value' in value;
  return flag === false && typeof failure === 'object' && failure !== null
    && typeof (failure as { kind?: unknown }).kind === 'string' && typeof (failure as { message?: unknown }).message === 'string';
}
