import type { OperationName, schemas } from '../../../shared/api';
import {
  assignPresent, bodyOf, byName, created, customerOf, noContent, ok,
  type Handler, type RequestContext,
} from '../context';
import { pageOf, parseListQuery, select } from '../list';
import { conflict, invalid, notFound } from '../problem';
import type { CustomerRecord } from '../model';

/*
 * Parameters: named values, the name being the natural key (case-insensitive) and the URL
 * segment. The reference takes ARRAYS for both create and update; see parameterCreate and
 * parameterUpdate in shared/api/schemas/parameter.ts for how the sandbox reads them.
 */

type Parameter = schemas.Parameter;

function parametersOf(ctx: RequestContext, record: CustomerRecord): Parameter[] {
  return ctx.store.children(record).parameters;
}

function indexOf(ctx: RequestContext, items: readonly Parameter[]): number {
  const name = ctx.params['name'] ?? '';
  const index = byName(items, name);
  if (index < 0) throw notFound(`Parameter '${name}'`);
  return index;
}

const listParameters: Handler = (ctx) => {
  const record = customerOf(ctx);
  const request = parseListQuery(ctx.query, 'listParameters');
  return ok(pageOf(select(parametersOf(ctx, record), request, 'name'), request));
};

/** All or none: one taken name rejects the whole array. Answers with the first item created. */
const createParameters: Handler = (ctx) => {
  const body = bodyOf(ctx, 'createParameters');
  const record = customerOf(ctx);
  const items = parametersOf(ctx, record);
  const taken = body.filter((p) => byName(items, p.name) >= 0).map((p) => p.name);
  if (taken.length) throw conflict(`Parameter names already in use: ${taken.join(', ')}`);
  const added = body.map((p) => ({ name: p.name, type: p.type ?? null, value: p.value ?? null, href: p.href ?? null }));
  items.push(...added);
  ctx.store.touch(record, 'children');
  const first = added[0] as Parameter & { name: string };
  return created(ctx, first, 'getParameter', { customerGuid: record.customer.customerGuid, name: first.name });
};

const getParameter: Handler = (ctx) => {
  const items = parametersOf(ctx, customerOf(ctx));
  return ok(items[indexOf(ctx, items)]);
};

/** The one item's name may be left out; if given it must be the path's name (a rename is delete + create). */
const updateParameter: Handler = (ctx) => {
  const [item] = bodyOf(ctx, 'updateParameter');
  const record = customerOf(ctx);
  const items = parametersOf(ctx, record);
  const existing = items[indexOf(ctx, items)] as Parameter;
  if (item?.name != null && item.name.toLowerCase() !== existing.name?.toLowerCase()) {
    throw invalid({ '0.name': [`Must be the name in the path ('${existing.name}') or left out: a parameter cannot be renamed`] });
  }
  const { name: _name, ...fields } = item ?? {};
  assignPresent(existing, fields);
  ctx.store.touch(record, 'children');
  return noContent();
};

const deleteParameter: Handler = (ctx) => {
  const record = customerOf(ctx);
  const items = parametersOf(ctx, record);
  items.splice(indexOf(ctx, items), 1);
  ctx.store.touch(record, 'children');
  return noContent();
};

export const parameterHandlers = {
  listParameters,
  createParameters,
  getParameter,
  updateParameter,
  deleteParameter,
} satisfies Partial<Record<OperationName, Handler>>;
