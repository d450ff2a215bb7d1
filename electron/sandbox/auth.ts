import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Problem } from './problem';

/*
 * The gateway's `oauth2apikey` scheme (api-contract.md): OAuth2 client credentials, a static
 * API key, or both. Tokens are opaque random strings kept in memory; a restart logs everyone
 * out, which is what a client must survive anyway.
 */

export type AuthMode = 'oauth2' | 'apikey' | 'either' | 'both';

export interface SandboxCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiKey: string;
  /** The API key header; matched case-insensitively, as all HTTP headers are. */
  readonly apiKeyHeader?: string;
}

/** Fixed demo values: the sandbox listens on loopback only, and the Demo profile must work offline. */
export const demoCredentials: Required<SandboxCredentials> = {
  clientId: 'fieldbook-demo',
  clientSecret: 'demo-secret-fieldbook-sandbox',
  apiKey: 'demo-key-fieldbook-sandbox',
  apiKeyHeader: 'X-Api-Key',
};

/** `readonly` tokens are authenticated but get 403 on every write: the sandbox's "valid credential without access". */
export const scopes = ['customers', 'readonly'] as const;

interface TokenInfo {
  expiresAt: number;
  readOnly: boolean;
}

export interface TokenGrant {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope?: string;
}

/** An OAuth error answer (RFC 6749 §5.2): plain JSON, not a problem document. */
export class OAuthError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope',
    description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

// Hash first so that timingSafeEqual gets equal lengths and the comparison leaks nothing.
const digest = (text: string): Buffer => createHash('sha256').update(text).digest();
const same = (a: string, b: string): boolean => timingSafeEqual(digest(a), digest(b));

export class Auth {
  private readonly tokens = new Map<string, TokenInfo>();
  readonly credentials: Required<SandboxCredentials>;

  constructor(
    credentials: Partial<SandboxCredentials>,
    readonly mode: AuthMode,
    private readonly lifetimeSeconds: number,
    private readonly clock: () => number,
  ) {
    this.credentials = { ...demoCredentials, ...credentials };
  }

  /** Issues a token directly (tests, the CLI banner). */
  issue(scope?: string): TokenGrant {
    const readOnly = scope?.split(' ').includes('readonly') ?? false;
    const token = randomBytes(32).toString('base64url');
    this.sweep();
    this.tokens.set(token, { expiresAt: this.clock() + this.lifetimeSeconds * 1000, readOnly });
    return { access_token: token, token_type: 'Bearer', expires_in: this.lifetimeSeconds, ...(scope ? { scope } : {}) };
  }

  /** The token endpoint: `grant_type=client_credentials`, client id and secret in the form or as HTTP Basic. */
  grant(headers: IncomingHttpHeaders, raw: Buffer): TokenGrant {
    if (!/^application\/x-www-form-urlencoded\b/iu.test(headers['content-type'] ?? '')) {
      throw new OAuthError(400, 'invalid_request', 'The body must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(raw.toString('utf8'));
    for (const key of new Set(form.keys())) {
      if (form.getAll(key).length > 1) throw new OAuthError(400, 'invalid_request', `Parameter '${key}' is repeated`);
    }
    const grantType = form.get('grant_type');
    if (!grantType) throw new OAuthError(400, 'invalid_request', 'grant_type is required');
    if (grantType !== 'client_credentials') {
      throw new OAuthError(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported');
    }
    const basic = parseBasic(headers.authorization);
    if (basic && form.has('client_secret')) {
      throw new OAuthError(400, 'invalid_request', 'Send the client credentials either as HTTP Basic or in the body, not both');
    }
    const id = basic?.id ?? form.get('client_id');
    const secret = basic?.secret ?? form.get('client_secret');
    if (basic && form.has('client_id') && form.get('client_id') !== basic.id) {
      throw new OAuthError(400, 'invalid_request', 'client_id differs from the HTTP Basic user');
    }
    if (!id || secret === null) throw new OAuthError(400, 'invalid_request', 'client_id and client_secret are required');
    if (!same(id, this.credentials.clientId) || !same(secret, this.credentials.clientSecret)) {
      // RFC 6749: a client that authenticated with Basic gets a Basic challenge back.
      const challenge: Record<string, string> = basic ? { 'www-authenticate': 'Basic realm="Aptic API Gateway"' } : {};
      throw new OAuthError(401, 'invalid_client', 'Unknown client or wrong secret', challenge);
    }
    const scope = form.get('scope')?.trim() ?? '';
    const unknown = scope.split(/\s+/u).filter((s) => s && !(scopes as readonly string[]).includes(s));
    if (unknown.length) throw new OAuthError(400, 'invalid_scope', `Unknown scope: ${unknown.join(' ')}`);
    return this.issue(scope || undefined);
  }

  /** Checks an API request's credential; throws the 401 or 403 problem. */
  authorize(headers: IncomingHttpHeaders, method: string): void {
    const token = bearerToken(headers.authorization);
    const keyHeader = headers[this.credentials.apiKeyHeader.toLowerCase()];
    const key = Array.isArray(keyHeader) ? keyHeader[0] : keyHeader;
    const keyOk = key !== undefined && same(key, this.credentials.apiKey);
    const info = token === undefined ? undefined : this.tokens.get(token);
    const tokenOk = info !== undefined && info.expiresAt > this.clock();

    const needsToken = this.mode !== 'apikey';
    const needsKey = this.mode !== 'oauth2';
    const ok = this.mode === 'either' ? tokenOk || keyOk : (!needsToken || tokenOk) && (!needsKey || keyOk);
    if (!ok) {
      const detail =
        (needsToken && token !== undefined && !tokenOk) ? (info ? 'The access token has expired' : 'The access token is not valid')
        : (needsKey && key !== undefined && !keyOk) ? 'The API key is not valid'
        : 'A credential is required';
      throw new Problem(401, detail, {}, { 'www-authenticate': this.challenge(token !== undefined && !tokenOk) });
    }
    // A read-only token only matters when it is what authorized the request.
    const readOnly = tokenOk && info.readOnly && !(this.mode === 'either' && keyOk);
    if (readOnly && method !== 'GET') throw new Problem(403, "The token's scope 'readonly' does not allow changes");
  }

  /** The one-shot `expireTokens` fault: every issued token now reads as expired. */
  expireAll(): void {
    for (const info of this.tokens.values()) info.expiresAt = 0;
  }

  private challenge(badToken: boolean): string {
    if (this.mode === 'apikey') return `ApiKey realm="Aptic API Gateway", header="${this.credentials.apiKeyHeader}"`;
    return badToken ? 'Bearer realm="Aptic API Gateway", error="invalid_token"' : 'Bearer realm="Aptic API Gateway"';
  }

  // Expired tokens are kept a while so their 401 can say "expired"; past twice the lifetime they go.
  private sweep(): void {
    if (this.tokens.size < 1000) return;
    const cutoff = this.clock() - this.lifetimeSeconds * 1000;
    for (const [token, info] of this.tokens) if (info.expiresAt < cutoff) this.tokens.delete(token);
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/iu.exec(header ?? '');
  return match?.[1];
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/iu.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw new OAuthError(400, 'invalid_request', 'HTTP Basic credentials must be id:secret');
  // RFC 6749 §2.3.1: id and secret are form-encoded before Basic encoding.
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s.replaceAll('+', ' '));
    } catch {
      return s;
    }
  };
  return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}
