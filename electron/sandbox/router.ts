import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  matchRoute, routes, sandboxAdminPrefix, summarizeErrors, tokenPath, validate,
  type OperationName,
} from '../../shared/api';
import { handleAdmin, type AdminHooks } from './admin';
import { OAuthError, type Auth } from './auth';
import type { Reply } from './context';
import type { Faults } from './faults';
import { parseJsonBody, readBody, sendEmpty, sendJson, sendProblem } from './http';
import type { CustomerSelections } from './selections';
import { handlers } from './handlers';
import { invalid, Problem } from './problem';
import type { Stats } from './stats';
import type { Store } from './store';

/*
 * One request, start to finish: admin endpoints at the root, the token endpoint and the API
 * below the base path. For API operations the order is fixed: match, authenticate, inject
 * faults (latency, 429, 5xx: all before anything changes), validate, run the handler (the
 * commit), and only then maybe drop the connection unanswered.
 */

export interface RouterDeps {
  readonly basePath: string;
  readonly auth: Auth;
  readonly faults: Faults;
  readonly stats: Stats;
  readonly store: Store;
  readonly selections: CustomerSelections;
  readonly clock: () => number;
  readonly newId: () => string;
  readonly admin: AdminHooks;
  readonly onError: (error: unknown) => void;
}

const methods = ['GET', 'POST', 'PUT', 'DELETE'] as const;

export function createRouter(deps: RouterDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    route(deps, req, res).catch((error: unknown) => {
      deps.onError(error);
      if (!res.headersSent) sendProblem(res, new Problem(500, 'The sandbox failed unexpectedly'), req.url ?? '');
      else res.destroy();
    });
  };
}

async function route(deps: RouterDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const path = url.pathname;
  let raw: Buffer;
  try {
    raw = await readBody(req);
  } catch (error) {
    if (error instanceof Problem) return sendProblem(res, error, path);
    throw error;
  }
  if (path === sandboxAdminPrefix || path.startsWith(`${sandboxAdminPrefix}/`)) return handleAdmin(deps.admin, req, res, path, raw);

  const rest = belowBase(path, deps.basePath);
  if (rest === null) return sendProblem(res, new Problem(404, `Nothing here: the API lives under ${deps.basePath || '/'}`), path);
  if (rest.toLowerCase() === tokenPath.toLowerCase()) return token(deps, req, res, raw, path);
  return api(deps, req, res, { rest, path, query: url.searchParams, raw });
}

/** The path below the base path (matched case-insensitively, like the routes), or null. */
function belowBase(path: string, basePath: string): string | null {
  if (!basePath) return path;
  const lower = path.toLowerCase();
  const base = basePath.toLowerCase();
  if (lower === base) return '/';
  return lower.startsWith(`${base}/`) ? path.slice(base.length) : null;
}

function token(deps: RouterDeps, req: IncomingMessage, res: ServerResponse, raw: Buffer, path: string): void {
  const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };
  if (req.method !== 'POST') {
    deps.stats.tokenRequest(405);
    return sendProblem(res, new Problem(405, 'The token endpoint takes POST', {}, { allow: 'POST' }), path);
  }
  try {
    const grant = deps.auth.grant(req.headers, raw);
    deps.stats.tokenRequest(200);
    sendJson(res, 200, grant, noStore);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    deps.stats.tokenRequest(error.status);
    sendJson(res, error.status, { error: error.error, error_description: error.message }, { ...noStore, ...error.headers });
  }
}

interface ApiRequest {
  readonly rest: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly raw: Buffer;
}

async function api(deps: RouterDeps, req: IncomingMessage, res: ServerResponse, request: ApiRequest): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const match = matchRoute(method, request.rest);
  if (!match || 'methodMismatch' in match) {
    const problem = match
      ? new Problem(405, `${method} is not allowed here`, {}, { allow: allowedMethods(request.rest).join(', ') })
      : new Problem(404, `No operation of the API has the path ${request.rest}`);
    deps.stats.finished(undefined, problem.status);
    return sendProblem(res, problem, request.path);
  }
  const operation = match.operation;
  deps.stats.arrived(operation);
  let reply: Reply;
  let drop = false;
  try {
    deps.auth.authorize(req.headers, method);
    const decision = deps.faults.decide();
    if (decision.latencyMs > 0) {
      deps.stats.fault('delayed');
      await sleep(decision.latencyMs);
    }
    if (decision.throttle) {
      deps.stats.fault('throttled');
      const seconds = deps.faults.get().retryAfterSeconds;
      throw new Problem(429, `Too many requests (injected): retry after ${seconds} s`, {}, { 'retry-after': String(seconds) });
    }
    if (decision.error) {
      deps.stats.fault('errors');
      throw new Problem(deps.faults.get().errorStatus, 'Injected server fault: nothing was changed');
    }
    drop = decision.drop;
    reply = handlers[operation]({
      operation,
      params: match.params,
      query: request.query,
      body: parseBody(operation, req, request.raw),
      store: deps.store,
      selections: deps.selections,
      basePath: deps.basePath,
      now: () => new Date(deps.clock()).toISOString(),
      newId: deps.newId,
    });
  } catch (error) {
    // A handler bug still gets an answer (and is counted), not a hung request.
    if (!(error instanceof Problem)) deps.onError(error);
    const problem = error instanceof Problem ? error : new Problem(500, 'The sandbox failed unexpectedly');
    reply = { status: problem.status, body: problem, headers: problem.headers };
  }
  if (drop) {
    deps.stats.fault('dropped');
    deps.stats.finished(operation, 'dropped');
    req.socket.destroy();
    return;
  }
  deps.stats.finished(operation, reply.status);
  if (reply.body instanceof Problem) return sendProblem(res, reply.body, request.path);
  if (reply.body === undefined) return sendEmpty(res, reply.status, { ...reply.headers });
  sendJson(res, reply.status, reply.body, { ...reply.headers });
}

/** Parses and validates the body against the route's schema; routes without one ignore any body. */
function parseBody(operation: OperationName, req: IncomingMessage, raw: Buffer): unknown {
  const route = routes[operation];
  if (!('body' in route)) return undefined;
  const checked = validate(route.body, parseJsonBody(req, raw));
  if (!checked.ok) throw invalid(checked.errors, `The request has validation errors: ${summarizeErrors(checked.errors)}`);
  return checked.value;
}

function allowedMethods(rest: string): string[] {
  return methods.filter((m) => {
    const match = matchRoute(m, rest);
    return match !== null && !('methodMismatch' in match);
  });
}
