import { schemas, type OperationName } from '../../../shared/api';
import {
  assignPresent, bodyOf, created, customerOf, noContent, ok, selfLink,
  type Handler,
} from '../context';
import { pageOf, parseListQuery, select } from '../list';
import { conflict, ErrorCollector } from '../problem';
import { keyOf } from '../model';
import type { Store } from '../store';
import { newAddress } from './addresses';

type Customer = schemas.Customer;
const customerFields = Object.keys(schemas.customer.entries) as (keyof Customer)[];
const nameParts = ['firstname', 'middlename', 'lastname'] as const;

/**
 * The tenant's rules a schema cannot know: channels and currencies from the tenant's lists
 * (exact case, as the reference asks), and a parent that exists and is not the customer itself.
 */
function checkTenantRules(store: Store, body: schemas.CustomerUpdate, selfGuid: string | undefined): ErrorCollector {
  const errors = new ErrorCollector();
  const { channels, currencies } = store.tenant;
  for (const field of ['preferredChannel', 'invoiceChannel'] as const) {
    const value = body[field];
    if (value != null && !channels.includes(value)) errors.add(field, `Must be one of ${channels.join(', ')}`);
  }
  if (body.currencyCode != null && !currencies.includes(body.currencyCode)) {
    errors.add('currencyCode', `Must be one of ${currencies.join(', ')}`);
  }
  const parent = body.parentCustomer;
  if (parent != null) {
    if (selfGuid !== undefined && keyOf(parent) === keyOf(selfGuid)) errors.add('parentCustomer', 'A customer cannot be its own parent');
    else if (!store.record(parent)) errors.add('parentCustomer', 'No customer has this GUID');
  }
  return errors;
}

const listCustomers: Handler = (ctx) => {
  const request = parseListQuery(ctx.query, 'listCustomers');
  const page = pageOf(ctx.selections.select(request), request);
  return ok({ ...page, value: page.value.map((record) => record.customer) });
};

const createCustomer: Handler = (ctx) => {
  const body = bodyOf(ctx, 'createCustomer');
  if (body.customerGuid && ctx.store.record(body.customerGuid)) {
    throw conflict(`A customer with GUID '${body.customerGuid}' already exists`);
  }
  checkTenantRules(ctx.store, body, body.customerGuid ?? undefined).throwIfAny();

  const customerGuid = body.customerGuid ?? ctx.newId();
  const given = body.fullName?.trim();
  const customer = Object.fromEntries(customerFields.map((field) => [field, null])) as unknown as Customer;
  for (const field of customerFields) {
    const value = (body as Record<string, unknown>)[field];
    if (value !== undefined) (customer as Record<string, unknown>)[field] = value;
  }
  // The create's main-address fields become the customer's LEGAL default address.
  const hasAddress = schemas.mainAddressFields.some((field) => body[field] != null && body[field] !== '');
  Object.assign(customer, {
    customerGuid,
    fullName: given ? body.fullName : schemas.derivedFullName(body),
    regDate: ctx.now(),
    addresses: hasAddress ? [newAddress(ctx, { ...body, addressType: 'LEGAL', defaultAddress: true, fullName: null })] : [],
    links: [selfLink(ctx, 'getCustomer', { guid: customerGuid })],
  });
  const record = ctx.store.insertCustomer(customer, { clientReference: body.clientReference, parentCustomer: body.parentCustomer });
  record.derivedName = !given;
  return created(ctx, record.customer, 'getCustomer', { guid: customerGuid });
};

const getCustomer: Handler = (ctx) => ok(customerOf(ctx).customer);

const updateCustomer: Handler = (ctx) => {
  const body = bodyOf(ctx, 'updateCustomer');
  const record = customerOf(ctx);
  checkTenantRules(ctx.store, body, record.customer.customerGuid).throwIfAny();
  ctx.store.prepareEdit(record);
  const { parentCustomer, ...fields } = body;
  if (parentCustomer !== undefined) record.parentCustomer = parentCustomer;
  const namesChanged = nameParts.some((part) => part in fields && fields[part] !== record.customer[part]);
  assignPresent(record.customer, fields);
  if (namesChanged && record.derivedName) {
    const derived = schemas.derivedFullName(record.customer);
    // Names cleared entirely: keep the last full name rather than blank it, and stop deriving.
    if (derived) record.customer.fullName = derived;
    else record.derivedName = false;
  }
  ctx.store.touch(record, 'customer');
  return noContent();
};

const deleteCustomer: Handler = (ctx) => {
  ctx.store.deleteCustomer(customerOf(ctx).key);
  return noContent();
};

const getLedgerSummary: Handler = (ctx) => {
  const record = customerOf(ctx);
  return ok(ctx.store.children(record).ledger);
};

const listAccruedInterest: Handler = (ctx) => {
  const request = parseListQuery(ctx.query, 'listAccruedInterest');
  const record = customerOf(ctx);
  const rows = ctx.store.children(record).accruedInterest;
  return ok(pageOf(select(rows, request, 'loanGuid'), request).value);
};

const ping: Handler = () => ok({});

export const customerHandlers = {
  listCustomers,
  createCustomer,
  getCustomer,
  updateCustomer,
  deleteCustomer,
  getLedgerSummary,
  listAccruedInterest,
  ping,
} satisfies Partial<Record<OperationName, Handler>>;
