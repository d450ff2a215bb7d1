import {
  ApiError,
  buildPath,
  listQueryString,
  operationNames,
  routes,
  summarizeErrors,
  validate,
  type ApiFailure,
  type CallArgs,
  type CustomersApi,
  type ListQuery,
  type PathParams,
  type OperationName,
  type ResultOf,
} from '../../shared/api';
import { couldNot, failureFromAnswer, failureFromTransport, parseResult } from './answers';
import { resolveConfig, type ApiClientConfig, type ResolvedConfig, type Secrets } from './config';
import { exchange, type HttpRequest } from './exchange';
import { redactFailure, redactor } from './redact';
import { backoffDelay } from './retry';
import { checkUrl } from './secure-url';
import { TokenError, TokenSource } from './token';

/*
 * One generic request path for all 36 operations, driven by the route table; the typed facade
 * (`call` and `ops`) is derived from the same table, so a new route needs no client code.
 * Reads are retried on transient failures; writes never are, since only the sync engine can
 * tell (by re-reading) whether an unanswered write was applied.
 */

export type Operations = { readonly [O in OperationName]: (...args: CallArgs<O>) => Promise<ResultOf<O>> };

export interface ApiClient extends CustomersApi {
  /** Runs one operation; rejects with an ApiError whose `.failure` says what went wrong. */
  call<O extends OperationName>(operation: O, ...args: CallArgs<O>): Promise<ResultOf<O>>;
  /** The same, one function per operation: `client.ops.getParameter({ customerGuid, name })`. */
  readonly ops: Operations;
  /** Forgets the cached token, e.g. after the profile's secret changed. */
  clearToken(): void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; failure: ApiFailure };

const retryableKinds = new Set<ApiFailure['kind']>(['network', 'timeout', 'server', 'rate-limited']);

export function createApiClient(config: ApiClientConfig): ApiClient {
  const cfg = resolveConfig(config);
  const tokens = new TokenSource(cfg);
  const usesToken = cfg.auth.mode !== 'apikey';
  const usesKey = cfg.auth.mode !== 'oauth2';
  // Checked once, reported by every call: the profile cannot change under a client.
  const urlProblem = checkUrl('base URL', cfg.baseUrl) ?? (usesToken ? checkUrl('token URL', cfg.tokenUrl) : undefined);

  async function callAny(operation: OperationName, params: unknown, body: unknown, query: unknown): Promise<unknown> {
    const sensitive: (string | undefined)[] = [];
    try {
      return await run(operation, params, body, query, sensitive);
    } catch (error) {
      const failure: ApiFailure =
        error instanceof ApiError
          ? error.failure
          : { operation, kind: 'bad-request', message: `${couldNot(operation)}: ${error instanceof Error ? error.message : String(error)}.` };
      // Every secret of the profile, not just those this call sent: a server may echo anything.
      const stored = await cfg.secrets().catch(() => ({}) as Secrets);
      const redact = redactor([...sensitive, tokens.current(), stored.clientSecret, stored.apiKey]);
      const clean = redactFailure(failure, redact);
      cfg.log(`${operation}: failed, ${clean.kind}: ${clean.message}`);
      throw new ApiError(clean);
    }
  }

  async function run(operation: OperationName, params: unknown, body: unknown, query: unknown, sensitive: (string | undefined)[]) {
    if (urlProblem) throw new ApiError({ ...urlProblem, operation });
    const route = routes[operation];
    const request = buildRequest(cfg, operation, params, body, query);
    const isWrite = route.method !== 'GET';
    for (let attempt = 1; ; attempt++) {
      const outcome = await attemptWithAuth(operation, request, isWrite, sensitive);
      if (outcome.ok) return outcome.value;
      const { failure } = outcome;
      const retryable = !isWrite && retryableKinds.has(failure.kind) && attempt < cfg.retry.maxAttempts;
      if (!retryable || (failure.retryAfterMs ?? 0) > cfg.retry.maxRetryAfterMs) throw new ApiError(failure);
      const delay = failure.retryAfterMs ?? backoffDelay(attempt, cfg.retry, cfg.random);
      cfg.log(`${operation}: ${failure.kind} on attempt ${attempt}, retrying in ${delay} ms`);
      await cfg.sleep(delay);
    }
  }

  /** One attempt, plus at most one more with a fresh token after a 401 (a 401 was not processed). */
  async function attemptWithAuth(
    operation: OperationName,
    request: HttpRequest,
    isWrite: boolean,
    sensitive: (string | undefined)[],
  ): Promise<Outcome> {
    for (let refreshed = false; ; refreshed = true) {
      const headers: Record<string, string> = { ...request.headers };
      let token: string | undefined;
      try {
        if (usesToken) headers['authorization'] = `Bearer ${(token = await tokens.get())}`;
        if (usesKey) headers[cfg.auth.apiKeyHeader] = await apiKey(sensitive);
      } catch (error) {
        if (!(error instanceof TokenError)) throw error;
        const { kind, reason, status, retryAfterMs } = error;
        const extra = { ...(status === undefined ? {} : { status }), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
        return { ok: false, failure: { operation, kind, message: `${couldNot(operation)}: ${reason}.`, ...extra } };
      }
      sensitive.push(token);
      const started = performance.now();
      const answer = await exchange(cfg.fetch, { ...request, headers }, cfg.timeoutMs);
      const took = Math.round(performance.now() - started);
      if (!answer.ok) {
        cfg.log(`${request.method} ${operation}: ${answer.reason} after ${took} ms`);
        return { ok: false, failure: failureFromTransport(operation, answer, isWrite, cfg.timeoutMs) };
      }
      cfg.log(`${request.method} ${operation}: HTTP ${answer.status} in ${took} ms`);
      if (answer.status === 401 && token !== undefined && !refreshed) {
        tokens.invalidate(token);
        cfg.log(`${operation}: token rejected, fetching a new one`);
        continue;
      }
      if (answer.status >= 200 && answer.status < 300) return parseResult(operation, answer);
      return { ok: false, failure: failureFromAnswer(operation, answer, isWrite, cfg.now()) };
    }
  }

  async function apiKey(sensitive: (string | undefined)[]): Promise<string> {
    let key: string | undefined;
    try {
      key = (await cfg.secrets()).apiKey;
    } catch {
      throw new TokenError('unauthorized', 'the API key could not be read from the keychain');
    }
    if (!key) throw new TokenError('unauthorized', 'the profile has no API key');
    sensitive.push(key);
    return key;
  }

  const call = callAny as ApiClient['call'];
  const ops = Object.freeze(
    Object.fromEntries(operationNames.map((op) => [op, (...args: unknown[]) => callAny(op, args[0], args[1], args[2])])),
  ) as Operations;
  return { call, ops, clearToken: () => tokens.clear() };
}

/** Method, URL and body of an operation, before credentials; a body the schema rejects is never sent. */
function buildRequest(cfg: ResolvedConfig, operation: OperationName, params: unknown, body: unknown, query: unknown): HttpRequest {
  const route = routes[operation];
  const path = buildPath(operation, (params ?? {}) as PathParams<typeof operation>);
  const q = (query ?? {}) as ListQuery & { async?: boolean };
  const isList = route.response === 'list' || route.response === 'array';
  const flag: Record<string, string> = 'asyncFlag' in route && q.async !== undefined ? { async: String(q.async) } : {};
  const url = cfg.baseUrl + path + listQueryString(isList ? q : {}, flag);
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (!('body' in route)) return { method: route.method, url, headers };

  let payload = body;
  if (cfg.validateBodies) {
    const checked = validate(route.body, body);
    if (!checked.ok) {
      const fieldErrors = checked.errors;
      throw new ApiError({
        operation,
        kind: 'validation',
        fieldErrors,
        message: `${couldNot(operation)}: ${summarizeErrors(fieldErrors)} (nothing was sent).`,
      });
    }
    payload = checked.value;
  }
  const text = JSON.stringify(payload);
  if (text === undefined) return { method: route.method, url, headers };
  return { method: route.method, url, headers: { ...headers, 'content-type': 'application/json' }, body: text };
}
