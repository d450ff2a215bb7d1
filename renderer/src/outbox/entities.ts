import type { GenericSchema } from 'valibot';
import * as s from '../../../shared/api/schemas';
import type { OperationName } from '../../../shared/api/routes';
import type { EntityKind } from '../cache/records';

/*
 * What differs between the kinds of record the outbox can change, as data: which operations
 * read and write them, how their path names them, which schemas check their bodies and which
 * fields an update may send. Push, reconcile and the local writes share this one table.
 */

export type Row = Record<string, unknown>;

export interface EntitySpec {
  readonly kind: EntityKind;
  /** The server assigns the id (a GUID): a local create gets a local id until it syncs. */
  readonly serverAssignsId: boolean;
  /** The field of a server record that holds its id. */
  readonly idField: string;
  /** The path parameter that holds the id. */
  readonly idParam: string;
  readonly get: OperationName;
  readonly list?: OperationName;
  readonly create?: OperationName;
  readonly update?: OperationName;
  readonly remove?: OperationName;
  readonly createSchema?: GenericSchema;
  readonly updateSchema?: GenericSchema;
  /** What an update may send; everything else of a record is the server's. */
  readonly updateFields: readonly string[];
}

const nullsOf = (schema: { entries: Record<string, unknown> }): Row =>
  Object.fromEntries(Object.keys(schema.entries).map((key) => [key, null]));

export const specs: Readonly<Record<EntityKind, EntitySpec>> = {
  customer: {
    kind: 'customer', serverAssignsId: false, idField: 'customerGuid', idParam: 'customerGuid',
    get: 'getCustomer', list: 'listCustomers', create: 'createCustomer', update: 'updateCustomer', remove: 'deleteCustomer',
    createSchema: s.customerCreate, updateSchema: s.customerUpdate, updateFields: s.customerUpdateFields,
  },
  address: {
    kind: 'address', serverAssignsId: true, idField: 'addressGuid', idParam: 'addressGuid',
    get: 'getAddress', list: 'listAddresses', create: 'createAddress', update: 'updateAddress', remove: 'deleteAddress',
    createSchema: s.addressCreate, updateSchema: s.addressUpdate, updateFields: Object.keys(s.addressUpdate.pipe[0].entries),
  },
  parameter: {
    kind: 'parameter', serverAssignsId: false, idField: 'name', idParam: 'name',
    get: 'getParameter', list: 'listParameters', create: 'createParameters', update: 'updateParameter', remove: 'deleteParameter',
    createSchema: s.parameterCreate, updateSchema: s.parameterUpdate, updateFields: ['type', 'value', 'href'],
  },
  extraField: {
    kind: 'extraField', serverAssignsId: false, idField: 'name', idParam: 'name',
    get: 'getExtraField', list: 'listExtraFields', create: 'createExtraField', update: 'updateExtraField', remove: 'deleteExtraField',
    createSchema: s.extraFieldCreate, updateSchema: s.extraFieldUpdate, updateFields: Object.keys(s.extraFieldUpdate.entries),
  },
  mandate: {
    kind: 'mandate', serverAssignsId: true, idField: 'mandateGuid', idParam: 'directDebitGuid',
    get: 'getMandate', list: 'listMandates', create: 'createMandate',
    createSchema: s.mandateCreate, updateFields: [],
  },
  creditInsurance: {
    kind: 'creditInsurance', serverAssignsId: true, idField: 'insuranceGuid', idParam: 'insuranceGuid',
    get: 'getCreditInsurance', list: 'listCreditInsurances', create: 'createCreditInsurance',
    update: 'updateCreditInsurance', remove: 'deleteCreditInsurance',
    createSchema: s.creditInsuranceCreate, updateSchema: s.creditInsuranceUpdate,
    updateFields: Object.keys(s.creditInsuranceUpdate.entries),
  },
  question: {
    kind: 'question', serverAssignsId: false, idField: 'actionGuid', idParam: 'actionGuid',
    get: 'getQuestion', list: 'listQuestions', updateFields: [],
  },
};

/** Path parameters naming one record. `getCustomer` calls its GUID `guid`, the writes `customerGuid`. */
export function paramsOf(entity: EntityKind, operation: OperationName, customerGuid: string, id: string): Record<string, string> {
  if (entity === 'customer') return operation === 'getCustomer' ? { guid: customerGuid } : { customerGuid };
  return { customerGuid, [specs[entity].idParam]: id };
}

/** The request body of an update from the full set of update fields (parameters take a one-item array). */
export const updateRequestBody = (entity: EntityKind, full: Row): Row | Row[] => (entity === 'parameter' ? [full] : full);

/** The request body of a create (parameters take an array: we queue one item per entry). */
export const createRequestBody = (entity: EntityKind, body: Row): Row | Row[] => (entity === 'parameter' ? [body] : body);

/** The field names of a validation error, without the array index a parameter body adds (`0.name` → `name`). */
export function unwrapItemErrors(entity: EntityKind, errors: Record<string, string[]>): Record<string, string[]> {
  if (entity !== 'parameter') return errors;
  return Object.fromEntries(Object.entries(errors).map(([field, messages]) => [field.replace(/^0\.?/u, ''), messages]));
}

/**
 * The record a create shows until the server answers: the body's fields laid over an empty
 * record of the entity, so every screen reads the same shape whether synced or not. Fields
 * only the server can fill (regDate, fullAddress, the insurer's name) stay null.
 */
export function localRecord(entity: EntityKind, body: Row, id: string): Row {
  switch (entity) {
    case 'customer': {
      const record: Row = { ...nullsOf(s.customer), ...pick(body, Object.keys(s.customer.entries)), customerGuid: id, links: [] };
      const fullName = typeof body['fullName'] === 'string' && body['fullName'].trim() ? body['fullName'] : s.derivedFullName(body);
      const hasAddress = s.mainAddressFields.some((field) => body[field] != null && body[field] !== '');
      // The server turns the create's address fields into the LEGAL default address; show it now so the city column fills.
      const main = { ...nullsOf(s.address), ...pick(body, s.mainAddressFields), addressGuid: '', addressType: 'LEGAL', defaultAddress: true };
      return { ...record, fullName, addresses: hasAddress ? [main] : [] };
    }
    case 'address':
      return { ...nullsOf(s.address), ...body, addressGuid: id };
    case 'parameter':
      return { ...nullsOf(s.parameter), ...body, name: id };
    case 'extraField':
      return { ...nullsOf(s.extraField), ...body, name: id };
    case 'mandate': {
      const { sendingBankAccountNo, ...rest } = body;
      return { ...nullsOf(s.mandate), ...pick(rest, Object.keys(s.mandate.entries)), bankAccountNo: sendingBankAccountNo ?? null, mandateGuid: id };
    }
    case 'creditInsurance': {
      const { insuranceCompanyReferenceCode, ...rest } = body;
      return { ...nullsOf(s.creditInsurance), ...rest, insuranceCompanyName: insuranceCompanyReferenceCode ?? null, insuranceGuid: id };
    }
    case 'question':
      return { ...body, actionGuid: id };
  }
}

/**
 * The fields of a create body as the server echoes them back: what reconcile compares when it
 * looks for a create that may have been applied. Fields the server derives or does not return
 * (the insurer's code, the receiving account, the default flag another create may have taken)
 * are left out.
 */
export function echoOf(entity: EntityKind, body: Row): Row {
  switch (entity) {
    case 'address': {
      const { defaultAddress: _d, ...rest } = body;
      return rest;
    }
    case 'mandate': {
      const { sendingBankAccountNo, receivingBankAccountNo: _r, sendingBankAccountClass: _c, ...rest } = body;
      return { ...rest, bankAccountNo: sendingBankAccountNo ?? null };
    }
    case 'creditInsurance': {
      const { insuranceCompanyReferenceCode: _code, ...rest } = body;
      return rest;
    }
    default:
      return body;
  }
}

export function pick(record: Row, fields: readonly string[]): Row {
  const out: Row = {};
  for (const field of fields) if (record[field] !== undefined) out[field] = record[field];
  return out;
}
