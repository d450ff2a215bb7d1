import { schemas, type OperationName } from '../../../shared/api';
import {
  assignPresent, bodyOf, byGuid, created, customerOf, noContent, ok,
  type Handler, type RequestContext,
} from '../context';
import { pageOf, parseListQuery, select } from '../list';
import { notFound } from '../problem';
import type { CustomerRecord } from '../model';

type Address = schemas.Address;
type AddressFields = Partial<Record<keyof Address, unknown>>;
const addressFields = Object.keys(schemas.address.entries) as (keyof Address)[];

/** "Storgatan 1 B, 111 22 Stockholm, AB, SE": street line, postal line, state, country. */
export function composeAddress(a: Partial<Record<'street' | 'houseNo' | 'houseNoExtension' | 'zipCode' | 'city' | 'stateCode' | 'countryCode', string | null | undefined>>): string {
  const join = (parts: (string | null | undefined)[]) => parts.map((p) => p?.trim()).filter(Boolean).join(' ');
  return [join([a.street, a.houseNo, a.houseNoExtension]), join([a.zipCode, a.city]), a.stateCode?.trim(), a.countryCode?.trim()]
    .filter(Boolean)
    .join(', ');
}

/** A complete address (every field present, null when unknown) from request fields. */
export function newAddress(ctx: RequestContext, fields: AddressFields): Address {
  const address = Object.fromEntries(addressFields.map((field) => [field, fields[field] ?? null])) as unknown as Address;
  address.addressGuid = ctx.newId();
  address.fullAddress = typeof fields.fullAddress === 'string' && fields.fullAddress.trim() ? fields.fullAddress : composeAddress(address);
  address.validatedAt = null;
  address.validOverride = null;
  address.lastUpdatedAt = ctx.now();
  return address;
}

/** One default address per customer: making one the default clears the flag on the others. */
function keepSingleDefault(addresses: Address[], chosen: Address): void {
  if (chosen.defaultAddress !== true) return;
  for (const other of addresses) if (other !== chosen && other.defaultAddress) other.defaultAddress = false;
}

function addressesOf(record: CustomerRecord): Address[] {
  return (record.customer.addresses ??= []);
}

function addressIndex(ctx: RequestContext, record: CustomerRecord): number {
  const guid = ctx.params['addressGuid'] ?? '';
  const index = byGuid(addressesOf(record), 'addressGuid', guid);
  if (index < 0) throw notFound(`Address '${guid}'`);
  return index;
}

const listAddresses: Handler = (ctx) => {
  const record = customerOf(ctx);
  const request = parseListQuery(ctx.query, 'listAddresses');
  return ok(pageOf(select(addressesOf(record), request, 'addressGuid'), request));
};

const createAddress: Handler = (ctx) => {
  const body = bodyOf(ctx, 'createAddress');
  const record = customerOf(ctx);
  ctx.store.prepareEdit(record);
  const address = newAddress(ctx, body);
  const addresses = addressesOf(record);
  addresses.push(address);
  keepSingleDefault(addresses, address);
  ctx.store.touch(record, 'customer');
  return created(ctx, address, 'getAddress', { customerGuid: record.customer.customerGuid, addressGuid: address.addressGuid });
};

const getAddress: Handler = (ctx) => {
  const record = customerOf(ctx);
  return ok(addressesOf(record)[addressIndex(ctx, record)]);
};

const updateAddress: Handler = (ctx) => {
  const body = bodyOf(ctx, 'updateAddress');
  const record = customerOf(ctx);
  const addresses = addressesOf(record);
  const address = addresses[addressIndex(ctx, record)] as Address;
  ctx.store.prepareEdit(record);
  assignPresent(address, body);
  // An update cannot send fullAddress: the composed form follows the parts.
  address.fullAddress = composeAddress(address);
  address.lastUpdatedAt = ctx.now();
  keepSingleDefault(addresses, address);
  ctx.store.touch(record, 'customer');
  return noContent();
};

const deleteAddress: Handler = (ctx) => {
  const record = customerOf(ctx);
  const index = addressIndex(ctx, record);
  ctx.store.prepareEdit(record);
  addressesOf(record).splice(index, 1);
  ctx.store.touch(record, 'customer');
  return noContent();
};

export const addressHandlers = {
  listAddresses,
  createAddress,
  getAddress,
  updateAddress,
  deleteAddress,
} satisfies Partial<Record<OperationName, Handler>>;
