import type { OperationName, schemas } from '../../../shared/api';
import {
  bodyOf, byName, created, customerOf, noContent, ok,
  type Handler, type RequestContext,
} from '../context';
import { pageOf, parseListQuery, select } from '../list';
import { conflict, notFound } from '../problem';
import type { CustomerRecord } from '../model';

/** Extra fields: named, multi-valued; the name is the natural key (case-insensitive) and the URL segment. */

type ExtraField = schemas.ExtraField;

function fieldsOf(ctx: RequestContext, record: CustomerRecord): ExtraField[] {
  return ctx.store.children(record).extraFields;
}

function indexOf(ctx: RequestContext, items: readonly ExtraField[]): number {
  const name = ctx.params['name'] ?? '';
  const index = byName(items, name);
  if (index < 0) throw notFound(`Extra field '${name}'`);
  return index;
}

const listExtraFields: Handler = (ctx) => {
  const record = customerOf(ctx);
  const request = parseListQuery(ctx.query, 'listExtraFields');
  return ok(pageOf(select(fieldsOf(ctx, record), request, 'name'), request));
};

const createExtraField: Handler = (ctx) => {
  const body = bodyOf(ctx, 'createExtraField');
  const record = customerOf(ctx);
  const items = fieldsOf(ctx, record);
  if (byName(items, body.name) >= 0) throw conflict(`An extra field named '${body.name}' already exists`);
  const field = { name: body.name, value: body.value ?? null };
  items.push(field);
  ctx.store.touch(record, 'children');
  return created(ctx, field, 'getExtraField', { customerGuid: record.customer.customerGuid, name: field.name });
};

const getExtraField: Handler = (ctx) => {
  const items = fieldsOf(ctx, customerOf(ctx));
  return ok(items[indexOf(ctx, items)]);
};

const updateExtraField: Handler = (ctx) => {
  const body = bodyOf(ctx, 'updateExtraField');
  const record = customerOf(ctx);
  const items = fieldsOf(ctx, record);
  const field = items[indexOf(ctx, items)] as ExtraField;
  // `value` is the only field: absent keeps it, null clears it, like every other update.
  if (body.value !== undefined) field.value = body.value;
  ctx.store.touch(record, 'children');
  return noContent();
};

const deleteExtraField: Handler = (ctx) => {
  const record = customerOf(ctx);
  const items = fieldsOf(ctx, record);
  items.splice(indexOf(ctx, items), 1);
  ctx.store.touch(record, 'children');
  return noContent();
};

export const extraFieldHandlers = {
  listExtraFields,
  createExtraField,
  getExtraField,
  updateExtraField,
  deleteExtraField,
} satisfies Partial<Record<OperationName, Handler>>;
