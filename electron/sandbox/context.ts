import type * as v from 'valibot';
import { buildPath, type OperationName, type PathParams, type Routes, type schemas } from '../../shared/api';
import type { CustomerSelections } from './selections';
import { notFound } from './problem';
import type { CustomerRecord } from './model';
import type { Store } from './store';

/** What a handler sees: the matched route, its already-validated body, and the store. */
export interface RequestContext {
  readonly operation: OperationName;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The body after validation against the route's schema (undefined for routes without one). */
  readonly body: unknown;
  readonly store: Store;
  readonly selections: CustomerSelections;
  /** The gateway base path, for Location headers and links. */
  readonly basePath: string;
  /** Now, as an ISO 8601 date-time (from the sandbox's clock, so tests can control it). */
  now(): string;
  /** A new record's GUID (random unless the sandbox was given a seeded source). */
  newId(): string;
}

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export type Handler = (ctx: RequestContext) => Reply;

/** The validated body of an operation, typed from the route table. */
export type Input<O extends OperationName> = Routes[O] extends { body: infer B extends v.GenericSchema } ? v.InferOutput<B> : undefined;

export const bodyOf = <O extends OperationName>(ctx: RequestContext, _operation: O): Input<O> => ctx.body as Input<O>;

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const noContent = (): Reply => ({ status: 204 });

/** 201 with the created resource and a Location pointing at where it can be read. */
export function created<O extends OperationName>(ctx: RequestContext, body: unknown, operation: O, params: PathParams<O>): Reply {
  return { status: 201, body, headers: { location: ctx.basePath + buildPath(operation, params) } };
}

/** A `self` link, the one hypermedia link every sandbox resource carries. */
export function selfLink<O extends OperationName>(ctx: RequestContext, operation: O, params: PathParams<O>): schemas.Link {
  return { rel: 'self', href: ctx.basePath + buildPath(operation, params), method: 'GET' };
}

/** The customer a path names (`{guid}` or `{customerGuid}`), or a 404. */
export function customerOf(ctx: RequestContext): CustomerRecord {
  const guid = ctx.params['customerGuid'] ?? ctx.params['guid'] ?? '';
  const record = ctx.store.record(guid);
  if (!record) throw notFound(`Customer '${guid}'`);
  return record;
}

/** Case-insensitive lookup by a natural key (parameter and extra-field names). */
export function byName<T extends { name?: string | null }>(items: readonly T[], name: string): number {
  const lower = name.toLowerCase();
  return items.findIndex((item) => item.name?.toLowerCase() === lower);
}

/** Lookup by a GUID (case-insensitive, as GUIDs are). */
export function byGuid<T>(items: readonly T[], key: keyof T, guid: string): number {
  const lower = guid.toLowerCase();
  return items.findIndex((item) => String(item[key]).toLowerCase() === lower);
}

/** Applies an update body: present fields are set (null clears them), absent fields stay. */
export function assignPresent<T extends object>(target: T, patch: object): void {
  for (const [field, value] of Object.entries(patch)) {
    if (value !== undefined) (target as Record<string, unknown>)[field] = value;
  }
}
