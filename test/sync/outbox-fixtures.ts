import { randomUUID } from 'node:crypto';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createApiClient, type ApiClient } from '../../electron/api-client';
import { startSandbox, type CustomerChildren, type Sandbox, type SandboxOptions } from '../../electron/sandbox';
import type { CustomersApi, OperationName } from '../../shared/api';
import { schemas } from '../../shared/api';
import { toCachedCustomer } from '../../renderer/src/cache/customer-index';
import { FieldbookDb } from '../../renderer/src/cache/db';
import type { EntityKind } from '../../renderer/src/cache/records';
import { baseKeyOf } from '../../renderer/src/outbox/keys';
import { tableOf } from '../../renderer/src/outbox/tables';

/*
 * Shared by the outbox and push tests: a fresh cache on fake-indexeddb per test, a real
 * sandbox per file over HTTP, and a stand-in for the pull (server records stored as base and
 * working copy), so the tests start from what a synced cache holds.
 */

export const openDb = (name = `outbox-test-${randomUUID()}`): FieldbookDb => new FieldbookDb(name, { indexedDB, IDBKeyRange });

type Row = Record<string, unknown>;

/** Stores a server record as the pull would: its base, and the working copy equal to it. */
export async function storeServerRecord(db: FieldbookDb, entity: EntityKind, customerGuid: string, id: string, record: Row): Promise<void> {
  const fetchedAt = '2026-01-01T00:00:00.000Z';
  await db.bases.put({ entity, key: baseKeyOf(entity, customerGuid, id), record, fetchedAt });
  if (entity === 'customer') {
    await db.customers.put(toCachedCustomer(record as schemas.Customer, { fetchedAt, detailFetchedAt: null, passId: 1 }));
    return;
  }
  const row: Row = { ...record, customerGuid, fetchedAt };
  if (entity === 'address' || entity === 'mandate' || entity === 'creditInsurance') Object.assign(row, { id, serverId: id });
  await tableOf(db, entity).put(row);
}

export function fixtureCustomer(customerGuid: string, fields: Partial<schemas.Customer> = {}): schemas.Customer {
  const empty = Object.fromEntries(Object.keys(schemas.customer.entries).map((k) => [k, null])) as unknown as schemas.Customer;
  return {
    ...empty, customerGuid, fullName: 'Ada Lindqvist', firstname: 'Ada', lastname: 'Lindqvist', juridicalType: 0,
    email: 'ada@example.se', preferredChannel: 'EMAIL', cellularPhone: '+46 70 123 45 67',
    addresses: [{
      addressGuid: 'a0000000-0000-4000-8000-000000000001', addressType: 'LEGAL', fullName: null, street: 'Storgatan', houseNo: '1',
      houseNoExtension: null, city: 'Uppsala', zipCode: '753 20', stateCode: null, countryCode: 'SE', fullAddress: 'Storgatan 1, 753 20 Uppsala, SE',
      addressNotValidDate: null, defaultAddress: true, validFrom: null, validTo: null, validatedAt: null, validOverride: null, lastUpdatedAt: null,
    }],
    links: [],
    ...fields,
  };
}

export const questionGuids = { postponable: '11111111-1111-4111-8111-111111111111', fixed: '22222222-2222-4222-8222-222222222222' };

export function fixtureChildren(): CustomerChildren {
  const question = (actionGuid: string, allowPostpone: boolean): schemas.Question => ({
    actionGuid, loggedAt: '2026-01-01T09:00:00Z', processAt: '2026-01-02T09:00:00Z', actionItemCode: 'CONFIRM',
    message: 'Confirm the payment plan?', allowPostpone, actionCategoryCode: 'PLAN', actionCategoryDescription: 'Payment plans',
    responses: [{ code: 'YES', description: 'Yes' }, { code: 'NO', description: 'No' }], links: [],
  });
  return {
    parameters: [{ name: 'Risk class', type: 'string', value: 'B', href: null }],
    extraFields: [{ name: 'Tags', value: ['vip'] }],
    mandates: [],
    creditInsurances: [{
      insuranceGuid: 'c1000000-0000-4000-8000-000000000001', insuranceDate: '2025-01-01T00:00:00Z', insuranceCompanyName: 'Coface',
      insuranceCompanyNumber: 'CF-1', insuranceCompanyCustomerNumber: null, note: 'first', endDate: null, currencyCode: 'SEK',
      amount: 1000, extraLimitAmount: null, extraLimitEndDate: null, paymentTerm: 30, graceDays: 5, links: [],
    }],
    questions: [question(questionGuids.postponable, true), question(questionGuids.fixed, false)],
    ledger: {
      totalBalance: 0, accountBalance: 0, currencyCode: 'SEK', unsettledPaymentBalance: 0, purchases: [], invoices: [],
      accounts: [], guarantees: [], collaterals: [], myGuarantors: [], guaranteeFor: [], allRelatedCustomers: [],
    },
    accruedInterest: [],
  };
}

/** A customer with children in the cache only (no server): the start of most unit tests. */
export async function cachedFixture(db: FieldbookDb, customerGuid = randomUUID()): Promise<string> {
  await storeServerRecord(db, 'customer', customerGuid, customerGuid, fixtureCustomer(customerGuid) as unknown as Row);
  const children = fixtureChildren();
  for (const p of children.parameters) await storeServerRecord(db, 'parameter', customerGuid, p.name as string, p);
  for (const f of children.extraFields) await storeServerRecord(db, 'extraField', customerGuid, f.name as string, f);
  for (const c of children.creditInsurances) await storeServerRecord(db, 'creditInsurance', customerGuid, c.insuranceGuid, c);
  for (const q of children.questions) await storeServerRecord(db, 'question', customerGuid, q.actionGuid, q);
  for (const a of fixtureCustomer(customerGuid).addresses ?? []) await storeServerRecord(db, 'address', customerGuid, a.addressGuid, a);
  return customerGuid;
}

/** The same customer on the sandbox and in the cache, as after a sync. */
export async function syncedFixture(sandbox: Sandbox, db: FieldbookDb, customerGuid = randomUUID()): Promise<string> {
  sandbox.store.insertCustomer(fixtureCustomer(customerGuid), {}, fixtureChildren());
  return cachedFixture(db, customerGuid);
}

/** One real sandbox per test file; faults and stats are reset after every test. */
export function useSandbox(options: SandboxOptions = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ customers: 5, ...options });
  });
  afterEach(() => {
    sandbox?.faults.reset();
    sandbox?.stats.reset();
  });
  afterAll(async () => sandbox?.close());
  return () => {
    if (!sandbox) throw new Error('the sandbox has not started');
    return sandbox;
  };
}

/** The real API client against the sandbox; its own retry sleeps are skipped so no test waits. */
export function apiOf(sandbox: Sandbox, secret = sandbox.credentials.clientSecret): ApiClient {
  return createApiClient({
    baseUrl: sandbox.url,
    auth: { mode: 'oauth2', clientId: sandbox.credentials.clientId },
    secrets: async () => ({ clientSecret: secret }),
    timeoutMs: 5_000,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => undefined,
  });
}

/**
 * The real client, but the server drops the connection after committing `operation`: the
 * fault is switched on for that one request only, so the reads around it still answer.
 */
export function droppingApi(sandbox: Sandbox, api: CustomersApi, operation: OperationName, times = 1): CustomersApi {
  let left = times;
  return {
    call: (async (op: OperationName, ...args: unknown[]) => {
      const drop = op === operation && left-- > 0;
      if (drop) sandbox.faults.set({ dropRateAfterCommit: 1 });
      try {
        return await (api.call as (o: OperationName, ...a: unknown[]) => Promise<unknown>)(op, ...args);
      } finally {
        if (drop) sandbox.faults.set({ dropRateAfterCommit: 0 });
      }
    }) as CustomersApi['call'],
  };
}

/** Counts requests per operation that reached the server. */
export const arrived = (sandbox: Sandbox, operation: OperationName): number => sandbox.stats.get().byOperation[operation] ?? 0;
