import type { RetryConfig } from './config';

/**
 * Capped exponential backoff with full jitter (a random delay between 0 and the cap): many
 * clients that failed together do not come back together. `attempt` is the one that failed,
 * counted from 1.
 */
export function backoffDelay(attempt: number, retry: RetryConfig, random: () => number): number {
  const cap = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * cap);
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). undefined
 * when absent or unreadable; a date in the past is 0.
 */
export function parseRetryAfter(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/u.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
