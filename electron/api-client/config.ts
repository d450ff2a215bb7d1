import { tokenPath } from '../../shared/api';

/*
 * How one connection profile talks to its gateway. Secrets are not part of it: `secrets()` reads
 * them from the vault when a request needs them, so a config object can be logged, compared
 * and kept around without holding anything sensitive.
 */

export type AuthMode = 'oauth2' | 'apikey' | 'both';

export interface AuthConfig {
  readonly mode: AuthMode;
  readonly clientId?: string;
  /** Defaults to `X-Api-Key`. */
  readonly apiKeyHeader?: string;
  /** Space-separated OAuth scopes, sent only when set. */
  readonly scope?: string;
}

export interface Secrets {
  readonly clientSecret?: string;
  readonly apiKey?: string;
}

export interface RetryConfig {
  /** Attempts in all, the first one included; 1 turns retries off. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A `Retry-After` longer than this is not waited out here: the caller gets `rate-limited`. */
  readonly maxRetryAfterMs?: number;
}

export interface ApiClientConfig {
  /** The gateway's base URL, e.g. `https://c123.test.hosting.aptic.cloud/inst/APIGW`. */
  readonly baseUrl: string;
  /** Defaults to the base URL plus the route table's token path. */
  readonly tokenUrl?: string;
  readonly auth: AuthConfig;
  readonly secrets: () => Promise<Secrets>;
  /** Per attempt, reading the answer included. */
  readonly timeoutMs?: number;
  readonly retry?: RetryConfig;
  /** Checks request bodies against the route table before sending (default true). */
  readonly validateBodies?: boolean;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** For token expiry only; request timeouts use real timers. */
  readonly now?: () => number;
  /** Receives one redacted line per request, retry and token fetch. */
  readonly log?: (line: string) => void;
}

export const defaultTimeoutMs = 15_000;
export const defaultRetry: Required<RetryConfig> = { maxAttempts: 3, baseDelayMs: 250, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 };
export const defaultApiKeyHeader = 'X-Api-Key';

export interface ResolvedConfig {
  readonly baseUrl: string;
  readonly tokenUrl: string;
  readonly auth: AuthConfig & { readonly apiKeyHeader: string };
  readonly secrets: () => Promise<Secrets>;
  readonly timeoutMs: number;
  readonly retry: Required<RetryConfig>;
  readonly validateBodies: boolean;
  readonly fetch: typeof fetch;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
  readonly log: (line: string) => void;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The base URL without a trailing slash, so that `base + buildPath(...)` has exactly one. */
export const trimBase = (url: string): string => url.trim().replace(/\/+$/u, '');

export function resolveConfig(config: ApiClientConfig): ResolvedConfig {
  const baseUrl = trimBase(config.baseUrl);
  return {
    baseUrl,
    tokenUrl: config.tokenUrl?.trim() || baseUrl + tokenPath,
    auth: { ...config.auth, apiKeyHeader: config.auth.apiKeyHeader?.trim() || defaultApiKeyHeader },
    secrets: config.secrets,
    timeoutMs: config.timeoutMs ?? defaultTimeoutMs,
    retry: { ...defaultRetry, ...config.retry },
    validateBodies: config.validateBodies ?? true,
    // Bound: Node's fetch refuses to run with a foreign `this`.
    fetch: config.fetch ?? globalThis.fetch.bind(globalThis),
    random: config.random ?? Math.random,
    sleep: config.sleep ?? realSleep,
    now: config.now ?? Date.now,
    log: config.log ?? (() => undefined),
  };
}
