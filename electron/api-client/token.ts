import * as v from 'valibot';
import type { FailureKind } from '../../shared/api';
import type { ResolvedConfig } from './config';
import { exchange } from './exchange';
import { redactor } from './redact';
import { parseRetryAfter } from './retry';

/*
 * OAuth2 client credentials (api-contract.md "Authorization"). The token lives in memory only,
 * is re-used until shortly before it expires, and concurrent callers share one request for a
 * new one, so a burst of calls at start-up or after a 401 costs one token, not one each.
 */

/** Why no token could be had; the client turns it into a failure of the operation at hand. */
export class TokenError extends Error {
  constructor(
    readonly kind: Extract<FailureKind, 'unauthorized' | 'network' | 'timeout' | 'server' | 'rate-limited' | 'bad-response'>,
    /** A redacted clause, e.g. "the gateway refused the client credentials (invalid_client: …)". */
    readonly reason: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(reason);
    this.name = 'TokenError';
  }
}

const grant = v.object({
  access_token: v.pipe(v.string(), v.minLength(1)),
  token_type: v.pipe(
    v.string(),
    v.check((t) => t.toLowerCase() === 'bearer', 'Only Bearer tokens are supported'),
  ),
  expires_in: v.optional(v.pipe(v.union([v.number(), v.pipe(v.string(), v.transform(Number))]), v.number(), v.finite())),
});

const oauthError = v.object({ error: v.string(), error_description: v.optional(v.string()) });

/** Without `expires_in` we assume a short life and let a 401 correct us. */
const assumedLifetimeSeconds = 300;

interface Cached {
  readonly token: string;
  readonly refreshAt: number;
}

export class TokenSource {
  private cached: Cached | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly config: ResolvedConfig) {}

  /** The token in use, if any: the client redacts it from everything it reports. */
  current(): string | undefined {
    return this.cached?.token;
  }

  async get(): Promise<string> {
    if (this.cached && this.config.now() < this.cached.refreshAt) return this.cached.token;
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /**
   * Forgets `token` after the server rejected it. Only that token: when several requests get a
   * 401 together, the first one's refresh is not thrown away by the others.
   */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  clear(): void {
    this.cached = undefined;
  }

  private async fetchToken(): Promise<string> {
    const { auth, tokenUrl, timeoutMs, log } = this.config;
    let secret: string | undefined;
    try {
      secret = (await this.config.secrets()).clientSecret;
    } catch {
      throw new TokenError('unauthorized', 'the client secret could not be read from the keychain');
    }
    if (!auth.clientId || !secret) throw new TokenError('unauthorized', 'the profile has no client id or client secret');
    const redact = redactor([secret]);
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.clientId, client_secret: secret });
    if (auth.scope) form.set('scope', auth.scope);

    const answer = await exchange(
      this.config.fetch,
      {
        method: 'POST',
        url: tokenUrl,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
      },
      timeoutMs,
    );
    if (!answer.ok) {
      log(`token: ${answer.reason} (${redact(answer.detail)})`);
      // A token request changes nothing on the server, so even a dropped one is simply "offline".
      if (answer.reason === 'timeout') throw new TokenError('timeout', `the token endpoint did not answer within ${timeoutMs} ms`);
      throw new TokenError('network', `the token endpoint could not be reached (${redact(answer.detail)})`);
    }
    log(`token: HTTP ${answer.status}`);
    const json = safeJson(answer.text);
    if (answer.status === 429) {
      const retryAfterMs = parseRetryAfter(answer.headers.get('retry-after'), this.config.now());
      throw new TokenError('rate-limited', 'the token endpoint is busy', 429, retryAfterMs);
    }
    if (answer.status >= 500) throw new TokenError('server', `the token endpoint reported a fault (HTTP ${answer.status})`, answer.status);
    if (answer.status >= 400) {
      const parsed = v.safeParse(oauthError, json);
      const text = parsed.success
        ? [parsed.output.error, parsed.output.error_description].filter(Boolean).join(': ')
        : `HTTP ${answer.status}`;
      throw new TokenError('unauthorized', redact(`the gateway refused the client credentials (${text})`), answer.status);
    }
    const parsed = v.safeParse(grant, json);
    if (answer.status !== 200 || !parsed.success) {
      throw new TokenError('bad-response', `the token endpoint's answer was not understood (HTTP ${answer.status})`, answer.status);
    }
    const lifetimeMs = (parsed.output.expires_in ?? assumedLifetimeSeconds) * 1000;
    // Refresh a little early (30 s, or 10% of a short lifetime) so a token never expires in flight.
    const margin = Math.min(30_000, lifetimeMs * 0.1);
    this.cached = { token: parsed.output.access_token, refreshAt: this.config.now() + lifetimeMs - margin };
    log(`token: obtained, valid for ${Math.round(lifetimeMs / 1000)} s`);
    return parsed.output.access_token;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
