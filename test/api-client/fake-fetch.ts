import { tokenPath } from '../../shared/api';

/*
 * A scripted stand-in for fetch, for what a real server cannot easily be made to do (a
 * malformed body, an exact Retry-After). Every request is recorded, so a test can also prove
 * that none was made.
 */

export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
}

export type Reply = Response | Error | (() => Response | Promise<Response>);

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const problem = (status: number, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'Error', status, detail, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json', ...headers },
  });

export const empty = (status = 204): Response => new Response(null, { status });

export const tokenGrant = (token = 'tok-1', expiresIn = 3600): Response =>
  json(200, { access_token: token, token_type: 'Bearer', expires_in: expiresIn });

export interface FakeFetch {
  readonly fetch: typeof fetch;
  readonly requests: Recorded[];
  /** API requests only (not the token endpoint). */
  readonly apiRequests: () => Recorded[];
  readonly tokenRequests: () => Recorded[];
}

/**
 * `token` answers the token endpoint (default: a fresh grant each time); `api` replies are
 * consumed in order, the last one repeating.
 */
export function fakeFetch(api: Reply[], token: () => Response = () => tokenGrant()): FakeFetch {
  const requests: Recorded[] = [];
  let next = 0;
  const impl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    requests.push({ method: init?.method ?? 'GET', url, headers, body: typeof init?.body === 'string' ? init.body : undefined });
    if (new URL(url).pathname.endsWith(tokenPath)) return token();
    const reply = api[Math.min(next++, api.length - 1)];
    if (reply === undefined) throw new Error('fakeFetch: no reply scripted');
    if (reply instanceof Error) throw reply;
    return typeof reply === 'function' ? reply() : reply.clone();
  };
  const isToken = (r: Recorded): boolean => new URL(r.url).pathname.endsWith(tokenPath);
  return {
    fetch: impl as typeof fetch,
    requests,
    apiRequests: () => requests.filter((r) => !isToken(r)),
    tokenRequests: () => requests.filter(isToken),
  };
}

/** What undici throws when a connection is refused or the peer hangs up. */
export function fetchError(code: string): Error {
  const cause = Object.assign(new Error(`connect ${code}`), { code });
  return new TypeError('fetch failed', { cause });
}

/** A sleep that returns at once and remembers what it was asked for. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}
