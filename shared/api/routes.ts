import * as v from 'valibot';
import * as s from './schemas';

/*
 * THE route table: every path of the Aptic Customers API (api-contract.md, in the reference's
 * order), with its method, what it answers and the schemas of its body and result. The API
 * client builds requests from it and the sandbox dispatches from it; no path string exists
 * anywhere else, so a tenant whose gateway differs is one edit away.
 */

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * - `list`: the `{count, skip, total, value}` envelope, with `$filter $skip $top $orderby`
 * - `array`: a plain JSON array, also with the list query options (accrued interest)
 * - `single`: one JSON resource
 * - `none`: 204, no body
 */
export type ResponseKind = 'list' | 'array' | 'single' | 'none';

export interface RouteDefinition {
  readonly method: Method;
  readonly path: string;
  readonly response: ResponseKind;
  /** Status of a success: 201 for creates, 204 for `none`, else 200. */
  readonly status: 200 | 201 | 204;
  readonly body?: v.GenericSchema;
  /** The schema of the resource, or of one item for `list` and `array`. */
  readonly result?: v.GenericSchema;
  /** Accepts `?async=true|false` (custom service actions). */
  readonly asyncFlag?: boolean;
  /** A plain-language summary, for logs, errors and the UI. */
  readonly summary: string;
}

const list = <const P extends string, I extends v.GenericSchema>(path: P, item: I, summary: string) =>
  ({ method: 'GET', path, response: 'list', status: 200, result: item, summary }) as const;
const get = <const P extends string, R extends v.GenericSchema>(path: P, result: R, summary: string) =>
  ({ method: 'GET', path, response: 'single', status: 200, result, summary }) as const;
const create = <const P extends string, B extends v.GenericSchema, R extends v.GenericSchema>(path: P, body: B, result: R, summary: string) =>
  ({ method: 'POST', path, response: 'single', status: 201, body: s.refuseList(body), result, summary }) as const;
const update = <const P extends string, B extends v.GenericSchema>(path: P, body: B, summary: string) =>
  ({ method: 'PUT', path, response: 'none', status: 204, body: s.refuseList(body), summary }) as const;
// Parameter bodies are arrays (the reference), so they are written out without refuseList.
const createList = <const P extends string, B extends v.GenericSchema, R extends v.GenericSchema>(path: P, body: B, result: R, summary: string) =>
  ({ method: 'POST', path, response: 'single', status: 201, body, result, summary }) as const;
const updateList = <const P extends string, B extends v.GenericSchema>(path: P, body: B, summary: string) =>
  ({ method: 'PUT', path, response: 'none', status: 204, body, summary }) as const;
const remove = <const P extends string>(path: P, summary: string) =>
  ({ method: 'DELETE', path, response: 'none', status: 204, summary }) as const;

const customers = '/v1/customers' as const;
const customer = `${customers}/{customerGuid}` as const;

export const routes = {
  listCustomers: list(customers, s.customer, 'List customers'),
  createCustomer: create(customers, s.customerCreate, s.customer, 'Create a customer'),
  getCustomer: get(`${customers}/{guid}` as const, s.customer, 'Get a customer'),
  updateCustomer: update(customer, s.customerUpdate, 'Update a customer'),
  deleteCustomer: remove(customer, 'Delete a customer'),
  getLedgerSummary: get(`${customers}/{guid}/ledgersummary` as const, s.ledgerSummary, 'Get the ledger summary'),

  listParameters: list(`${customer}/parameters` as const, s.parameter, 'List parameters'),
  createParameters: createList(`${customer}/parameters` as const, s.parameterCreate, s.parameter, 'Create parameters'),
  getParameter: get(`${customer}/parameters/{name}` as const, s.parameter, 'Get a parameter'),
  updateParameter: updateList(`${customer}/parameters/{name}` as const, s.parameterUpdate, 'Update a parameter'),
  deleteParameter: remove(`${customer}/parameters/{name}` as const, 'Delete a parameter'),

  listAddresses: list(`${customer}/addresses` as const, s.address, 'List addresses'),
  createAddress: create(`${customer}/addresses` as const, s.addressCreate, s.address, 'Create an address'),
  getAddress: get(`${customer}/addresses/{addressGuid}` as const, s.address, 'Get an address'),
  updateAddress: update(`${customer}/addresses/{addressGuid}` as const, s.addressUpdate, 'Update an address'),
  deleteAddress: remove(`${customer}/addresses/{addressGuid}` as const, 'Delete an address'),

  listExtraFields: list(`${customer}/extrafields` as const, s.extraField, 'List extra fields'),
  createExtraField: create(`${customer}/extrafields` as const, s.extraFieldCreate, s.extraField, 'Create an extra field'),
  getExtraField: get(`${customer}/extrafields/{name}` as const, s.extraField, 'Get an extra field'),
  updateExtraField: update(`${customer}/extrafields/{name}` as const, s.extraFieldUpdate, 'Update an extra field'),
  deleteExtraField: remove(`${customer}/extrafields/{name}` as const, 'Delete an extra field'),

  listMandates: list(`${customer}/directdebitmandates` as const, s.mandate, 'List direct-debit mandates'),
  createMandate: create(`${customer}/directdebitmandates` as const, s.mandateCreate, s.mandate, 'Create a direct-debit mandate'),
  getMandate: get(`${customer}/directdebitmandates/{directDebitGuid}` as const, s.mandate, 'Get a direct-debit mandate'),

  listCreditInsurances: list(`${customer}/creditinsurances` as const, s.creditInsurance, 'List credit insurances'),
  createCreditInsurance: create(`${customer}/creditinsurances` as const, s.creditInsuranceCreate, s.creditInsurance, 'Create a credit insurance'),
  getCreditInsurance: get(`${customer}/creditinsurances/{insuranceGuid}` as const, s.creditInsurance, 'Get a credit insurance'),
  updateCreditInsurance: update(`${customer}/creditinsurances/{insuranceGuid}` as const, s.creditInsuranceUpdate, 'Update a credit insurance'),
  deleteCreditInsurance: remove(`${customer}/creditinsurances/{insuranceGuid}` as const, 'Delete a credit insurance'),

  listQuestions: list(`${customer}/questions` as const, s.question, 'List questions'),
  getQuestion: get(`${customer}/questions/{actionGuid}` as const, s.question, 'Get a question'),
  respondToQuestion: {
    method: 'POST',
    path: `${customer}/questions/{actionGuid}` as const,
    response: 'none',
    status: 204,
    body: s.refuseList(s.questionResponse),
    summary: 'Respond to a question',
  },

  invokeCustomerService: {
    method: 'POST',
    path: `${customer}/services/{serviceDefinition}` as const,
    response: 'single',
    status: 200,
    body: s.anyJson,
    result: s.anyJson,
    asyncFlag: true,
    summary: 'Run a custom action for a customer',
  },
  invokeService: {
    method: 'POST',
    path: `${customers}/services/{serviceDefinition}` as const,
    response: 'single',
    status: 200,
    body: s.anyJson,
    result: s.anyJson,
    asyncFlag: true,
    summary: 'Run a custom action',
  },
  ping: get(`${customers}/ping` as const, s.emptyObject, 'Ping the service'),
  listAccruedInterest: {
    method: 'GET',
    path: `${customers}/{guid}/loans/accruedinterest` as const,
    response: 'array',
    status: 200,
    result: s.accruedInterest,
    summary: 'List accrued interest',
  },
} as const satisfies Record<string, RouteDefinition>;

export type Routes = typeof routes;
export type OperationName = keyof Routes;

type SchemaOutput<S> = S extends v.GenericSchema ? v.InferOutput<S> : never;
type SchemaInput<S> = S extends v.GenericSchema ? v.InferInput<S> : never;

/** The body an operation takes (`undefined` when it takes none). */
export type BodyOf<O extends OperationName> = Routes[O] extends { body: infer B } ? SchemaInput<B> : undefined;

/** What a successful call yields: a page, an array, a resource, or nothing. */
export type ResultOf<O extends OperationName> = Routes[O] extends { response: 'list'; result: infer I }
  ? import('./schemas').ListPage<SchemaOutput<I>>
  : Routes[O] extends { response: 'array'; result: infer I }
    ? SchemaOutput<I>[]
    : Routes[O] extends { response: 'single'; result: infer R }
      ? SchemaOutput<R>
      : undefined;

/** Operations whose result is a page or an array and which take the list query options. */
export type ListOperation = { [O in OperationName]: Routes[O]['response'] extends 'list' | 'array' ? O : never }[OperationName];
export const operationNames = Object.keys(routes) as OperationName[];

/** The OAuth2 token endpoint, relative to the base URL (a profile may override the whole URL). */
export const tokenPath = '/login/oauth/access_token';

/**
 * The sandbox's own admin endpoints, under a prefix no Aptic path can start with. They sit at
 * the server's root, outside the gateway's base path, and need no credential: the sandbox
 * listens on loopback only.
 */
export const sandboxAdminPrefix = '/__sandbox';
export const sandboxAdminRoutes = {
  getFaults: { method: 'GET', path: `${sandboxAdminPrefix}/faults` },
  setFaults: { method: 'PUT', path: `${sandboxAdminPrefix}/faults` },
  reset: { method: 'POST', path: `${sandboxAdminPrefix}/reset` },
  stats: { method: 'GET', path: `${sandboxAdminPrefix}/stats` },
} as const satisfies Record<string, { method: Method; path: string }>;
