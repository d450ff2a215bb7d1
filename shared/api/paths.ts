import { routes, type OperationName, type Routes } from './routes';

/** The names in a path template: `'/a/{x}/b/{y}'` gives `'x' | 'y'`. */
type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | ParamNames<Rest> : never;

export type PathParams<O extends OperationName> = { readonly [K in ParamNames<Routes[O]['path']>]: string };

/** Fills a template; every segment is URL-encoded, since a parameter name may hold spaces or `/`. */
export function buildPath<O extends OperationName>(operation: O, params: PathParams<O>): string {
  const values = params as Readonly<Record<string, string>>;
  return routes[operation].path.replace(/\{(\w+)\}/gu, (_, name: string) => {
    const value = values[name];
    if (typeof value !== 'string' || value === '') throw new Error(`${operation}: path parameter '${name}' is missing`);
    // URL parsers collapse '.' and '..' (even as %2E), which would address another resource.
    if (value === '.' || value === '..') throw new Error(`${operation}: path parameter '${name}' cannot be '${value}'`);
    return encodeURIComponent(value);
  });
}

export interface RouteMatch {
  readonly operation: OperationName;
  readonly params: Readonly<Record<string, string>>;
}

interface CompiledRoute {
  readonly operation: OperationName;
  readonly segments: readonly string[];
  /** Literal segments count: `/customers/ping` must win over `/customers/{guid}`. */
  readonly literals: number;
}

const compiled: readonly CompiledRoute[] = (Object.keys(routes) as OperationName[]).map((operation) => {
  const segments = routes[operation].path.split('/').filter(Boolean);
  return { operation, segments, literals: segments.filter((seg) => !seg.startsWith('{')).length };
});

/**
 * Finds the operation for a method and a path below the base path. Literal segments match
 * case-insensitively (api-contract.md); the most specific route wins. `methodMismatch` is set
 * when the path exists under another method, so the server can answer 405 rather than 404.
 */
export function matchRoute(method: string, pathname: string): RouteMatch | { methodMismatch: true } | null {
  const parts = pathname.split('/').filter(Boolean);
  let best: { route: CompiledRoute; params: Record<string, string> } | null = null;
  let pathExists = false;
  for (const route of compiled) {
    if (route.segments.length !== parts.length) continue;
    const params = matchSegments(route.segments, parts);
    if (!params) continue;
    pathExists = true;
    if (routes[route.operation].method !== method.toUpperCase()) continue;
    if (!best || route.literals > best.route.literals) best = { route, params };
  }
  if (best) return { operation: best.route.operation, params: best.params };
  return pathExists ? { methodMismatch: true } : null;
}

function matchSegments(template: readonly string[], parts: readonly string[]): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < template.length; i++) {
    const want = template[i] as string;
    const got = parts[i] as string;
    if (want.startsWith('{')) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(got);
      } catch {
        return null;
      }
      params[want.slice(1, -1)] = decoded;
    } else if (want.toLowerCase() !== got.toLowerCase()) {
      return null;
    }
  }
  return params;
}
