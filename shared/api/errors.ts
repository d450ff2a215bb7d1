import type { OperationName } from './routes';
import type { ProblemDetails } from './schemas';
import type { FieldErrors } from './validation';

/*
 * The one error model of the API: the main process's client produces it, it crosses the IPC
 * bridge as a plain object (structured clone keeps no class), and the renderer's sync engine
 * decides from its `kind` alone whether to retry, reconcile, re-authenticate or give up.
 */

export const failureKinds = [
  'validation',
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'rate-limited',
  'server',
  'network',
  'timeout',
  'unknown-outcome',
  'bad-response',
  'insecure-url',
  'bad-request',
] as const;
export type FailureKind = (typeof failureKinds)[number];

export interface ApiFailure {
  readonly kind: FailureKind;
  /** A sentence a user can read; never holds a secret, token or API key. */
  readonly message: string;
  readonly operation?: OperationName;
  /** The HTTP status, when the server answered. */
  readonly status?: number;
  /** The server's RFC 7807 answer, when it sent one. */
  readonly problem?: ProblemDetails;
  /** `{ field: [messages] }` of a validation failure (the server's, or ours before sending). */
  readonly fieldErrors?: FieldErrors;
  /** How long the server asked us to wait (429 `Retry-After`). */
  readonly retryAfterMs?: number;
}

/** What a thrown failure looks like inside one process; send `.failure` across the bridge. */
export class ApiError extends Error {
  readonly failure: ApiFailure;

  constructor(failure: ApiFailure) {
    super(failure.message);
    this.name = 'ApiError';
    this.failure = failure;
  }
}

/** True for a plain object that has the shape of an ApiFailure (e.g. one that came over IPC). */
export function isApiFailure(value: unknown): value is ApiFailure {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, message } = value as { kind?: unknown; message?: unknown };
  return typeof message === 'string' && (failureKinds as readonly unknown[]).includes(kind);
}

/** The failure inside an ApiError, or the failure itself; undefined for any other error. */
export function failureOf(error: unknown): ApiFailure | undefined {
  if (error instanceof ApiError) return error.failure;
  return isApiFailure(error) ? error : undefined;
}

/**
 * What the sync engine does next:
 * - `retry`: nothing happened on the server; try again later (after `retryAfterMs` if set)
 * - `reconcile`: a write may or may not have been applied; re-read before sending it again
 * - `reauth`: the credential is missing, wrong or expired; pause until the user fixes it
 * - `configure`: the profile itself cannot be used (e.g. plain http to a remote host)
 * - `give-up`: the server will answer the same again; show the user and keep their data
 */
export type Disposition = 'retry' | 'reconcile' | 'reauth' | 'configure' | 'give-up';

const dispositions: Readonly<Record<FailureKind, Disposition>> = {
  // The client reports these only when the request was certainly not applied: for a write,
  // an ambiguous timeout, dropped connection or 5xx is 'unknown-outcome' instead.
  network: 'retry',
  timeout: 'retry',
  server: 'retry',
  'rate-limited': 'retry',
  'unknown-outcome': 'reconcile',
  unauthorized: 'reauth',
  'insecure-url': 'configure',
  validation: 'give-up',
  forbidden: 'give-up',
  'not-found': 'give-up',
  conflict: 'give-up',
  'bad-request': 'give-up',
  'bad-response': 'give-up',
};

export function dispositionOf(failure: ApiFailure): Disposition {
  return dispositions[failure.kind];
}

/** Safe to send again as is, later: the server did not apply it. */
export const isTransient = (failure: ApiFailure): boolean => dispositionOf(failure) === 'retry';

/** Sending it again unchanged will fail the same way. */
export const isPermanent = (failure: ApiFailure): boolean => dispositionOf(failure) === 'give-up';

/** The credential needs the user's attention before anything else can sync. */
export const needsReauth = (failure: ApiFailure): boolean => dispositionOf(failure) === 'reauth';

/** A write that may have been applied: look before sending it again. */
export const needsReconcile = (failure: ApiFailure): boolean => dispositionOf(failure) === 'reconcile';
