/*
 * When to try an entry again after a transient failure: capped exponential back-off with full
 * jitter (a random delay between 0 and the cap), so the many clients that lost the same Wi-Fi
 * do not all come back in the same second; never sooner than the server's Retry-After.
 */

export interface BackoffPolicy {
  readonly baseMs: number;
  readonly maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

/** The delay after the `attempts`-th failure (counted from 1). */
export function backoffDelay(attempts: number, random: () => number, policy: BackoffPolicy = defaultBackoff): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.floor(random() * cap);
}

/** The `notBefore` of an entry that failed for the `attempts`-th time. */
export function nextAttemptAt(
  now: number,
  attempts: number,
  random: () => number,
  retryAfterMs?: number,
  policy: BackoffPolicy = defaultBackoff,
): number {
  return now + Math.max(retryAfterMs ?? 0, backoffDelay(attempts, random, policy));
}
