import { afterAll, beforeAll } from 'vitest';
import {
  buildPath, listQueryString, routes, sandboxAdminRoutes, schemas,
  type ListQuery, type OperationName, type PathParams,
} from '../../shared/api';
import { startSandbox, type CustomerChildren, type Sandbox, type SandboxOptions } from '../../electron/sandbox';

/*
 * Test helpers: start a sandbox per file and talk to it over real HTTP. Every URL is built
 * from the route table (buildPath + listQueryString); no test types a path.
 */

// Replies are inspected field by field with expect(), which does the checking; `any` keeps that readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export type Credential = 'token' | 'apikey' | 'none' | { bearer: string } | { apiKey: string };

export interface CallOptions {
  body?: unknown;
  /** Sent as is (e.g. malformed JSON); overrides `body`. */
  rawBody?: string;
  query?: ListQuery;
  /** Extra query parameters (e.g. `async`). */
  extra?: Record<string, string>;
  auth?: Credential;
  /** Overrides the route's method (405 tests). */
  method?: string;
  headers?: Record<string, string>;
}

async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  const json = /json/u.test(res.headers.get('content-type') ?? '');
  return { status: res.status, headers: res.headers, body: json && text ? JSON.parse(text) : text || undefined };
}

export class Client {
  private token: string | undefined;

  constructor(readonly sandbox: Sandbox) {}

  /** POSTs the client-credentials form; returns the raw reply. */
  async requestToken(form: Record<string, string>, headers: Record<string, string> = {}): Promise<Reply> {
    const res = await fetch(this.sandbox.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });
    return toReply(res);
  }

  /** A fresh token from the token endpoint (cached for `auth: 'token'` calls). */
  async login(scope?: string): Promise<string> {
    const { clientId, clientSecret } = this.sandbox.credentials;
    const reply = await this.requestToken({
      grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, ...(scope ? { scope } : {}),
    });
    if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    this.token = reply.body.access_token as string;
    return this.token;
  }

  url<O extends OperationName>(operation: O, params: PathParams<O>, query?: ListQuery, extra?: Record<string, string>): string {
    return this.sandbox.url + buildPath(operation, params) + listQueryString(query, extra);
  }

  async authHeaders(auth: Credential = 'token'): Promise<Record<string, string>> {
    const keyHeader = this.sandbox.credentials.apiKeyHeader;
    if (auth === 'none') return {};
    if (auth === 'apikey') return { [keyHeader]: this.sandbox.credentials.apiKey };
    if (auth === 'token') return { authorization: `Bearer ${this.token ?? (await this.login())}` };
    if ('bearer' in auth) return { authorization: `Bearer ${auth.bearer}` };
    return { [keyHeader]: auth.apiKey };
  }

  /** Calls an operation with the route table's method and path. */
  async call<O extends OperationName>(operation: O, params: PathParams<O>, options: CallOptions = {}): Promise<Reply> {
    const res = await this.send(operation, params, options);
    return toReply(res);
  }

  /** Like call(), but returns the raw fetch promise (for drop faults and ordering tests). */
  async send<O extends OperationName>(operation: O, params: PathParams<O>, options: CallOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(await this.authHeaders(options.auth)), ...options.headers };
    let body: string | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
    return fetch(this.url(operation, params, options.query, options.extra), {
      method: options.method ?? routes[operation].method,
      headers,
      body,
    });
  }

  /** Calls a sandbox admin endpoint (no credential). */
  async admin(operation: keyof typeof sandboxAdminRoutes, body?: unknown): Promise<Reply> {
    const route = sandboxAdminRoutes[operation];
    const res = await fetch(this.sandbox.origin + route.path, {
      method: route.method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return toReply(res);
  }
}

/** Starts a sandbox for the file (beforeAll) and stops it (afterAll). */
export function useSandbox(options: SandboxOptions = {}): { readonly sandbox: Sandbox; readonly client: Client } {
  let sandbox: Sandbox | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ customers: 50, ...options });
    client = new Client(sandbox);
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return {
    get sandbox() {
      if (!sandbox) throw new Error('the sandbox is not started yet');
      return sandbox;
    },
    get client() {
      if (!client) throw new Error('the sandbox is not started yet');
      return client;
    },
  };
}

export const unknownGuid = '00000000-0000-4000-8000-000000000000';

/** A complete customer (every field present) for store.insertCustomer, with fixed children. */
export function fixtureCustomer(customerGuid: string, fields: Partial<schemas.Customer> = {}): schemas.Customer {
  const customer = Object.fromEntries(Object.keys(schemas.customer.entries).map((k) => [k, null])) as unknown as schemas.Customer;
  return { ...customer, customerGuid, fullName: 'Fixture Person', firstname: 'Fixture', lastname: 'Person', juridicalType: 0, addresses: [], links: [], ...fields };
}

export const questionGuids = { postponable: '11111111-1111-4111-8111-111111111111', fixed: '22222222-2222-4222-8222-222222222222' };

export function fixtureChildren(): CustomerChildren {
  const question = (actionGuid: string, allowPostpone: boolean): schemas.Question => ({
    actionGuid,
    loggedAt: '2026-01-01T09:00:00Z',
    processAt: '2026-01-02T09:00:00Z',
    actionItemCode: 'CONFIRM',
    message: 'Confirm the payment plan?',
    allowPostpone,
    actionCategoryCode: 'PLAN',
    actionCategoryDescription: 'Payment plans',
    responses: [{ code: 'YES', description: 'Yes' }, { code: 'NO', description: 'No' }],
    links: [],
  });
  return {
    parameters: [{ name: 'Risk class', type: 'string', value: 'B', href: null }, { name: 'a/b c', type: null, value: '1', href: null }],
    extraFields: [{ name: 'Tags', value: ['vip'] }],
    mandates: [],
    creditInsurances: [],
    questions: [question(questionGuids.postponable, true), question(questionGuids.fixed, false)],
    ledger: {
      totalBalance: 100, accountBalance: 60, currencyCode: 'SEK', unsettledPaymentBalance: 40, purchases: [], invoices: [],
      accounts: [], guarantees: [], collaterals: [], myGuarantors: [], guaranteeFor: [], allRelatedCustomers: [],
    },
    accruedInterest: [
      { loanGuid: 'aaaaaaaa-0000-4000-8000-000000000002', loanNo: 'L-2', fromDate: '2026-01-01T00:00:00Z', toDate: '2026-02-01T00:00:00Z', principal: 2000, interestRate: 5, accruedInterest: 8.5, currencyCode: 'SEK' },
      { loanGuid: 'aaaaaaaa-0000-4000-8000-000000000001', loanNo: 'L-1', fromDate: '2026-01-01T00:00:00Z', toDate: '2026-02-01T00:00:00Z', principal: 1000, interestRate: 5, accruedInterest: 4.25, currencyCode: 'SEK' },
    ],
  };
}

/** The operations each test file must cover; http.test.ts checks that together they are all 36. */
export const coverage = {
  customers: ['listCustomers', 'createCustomer', 'getCustomer', 'updateCustomer', 'deleteCustomer', 'getLedgerSummary', 'ping', 'listAccruedInterest'],
  named: [
    'listParameters', 'createParameters', 'getParameter', 'updateParameter', 'deleteParameter',
    'listExtraFields', 'createExtraField', 'getExtraField', 'updateExtraField', 'deleteExtraField',
  ],
  guids: [
    'listAddresses', 'createAddress', 'getAddress', 'updateAddress', 'deleteAddress',
    'listMandates', 'createMandate', 'getMandate',
    'listCreditInsurances', 'createCreditInsurance', 'getCreditInsurance', 'updateCreditInsurance', 'deleteCreditInsurance',
  ],
  questionsAndServices: ['listQuestions', 'getQuestion', 'respondToQuestion', 'invokeCustomerService', 'invokeService'],
} as const satisfies Record<string, readonly OperationName[]>;

/**
 * Asserts that each operation was answered over HTTP at least once with a success and once
 * with a client error (the sandbox's own counters, so nothing is taken on trust).
 */
export function uncovered(sandbox: Sandbox, operations: readonly OperationName[]): string[] {
  const byStatus = sandbox.stats.get().byOperationStatus;
  return operations.flatMap((op) => {
    const statuses = Object.keys(byStatus[op] ?? {}).map(Number);
    const missing: string[] = [];
    if (!statuses.some((s) => s >= 200 && s < 300)) missing.push(`${op}: no success`);
    if (!statuses.some((s) => s >= 400 && s < 500)) missing.push(`${op}: no client error`);
    return missing;
  });
}
