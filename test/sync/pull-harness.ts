import { Dexie } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { createApiClient, type ApiClient } from '../../electron/api-client';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../electron/sandbox';
import type { CustomersApi, OperationName } from '../../shared/api';
import { customerOf } from '../../renderer/src/cache/customer-index';
import { FieldbookDb } from '../../renderer/src/cache/db';
import type { EntityKind, OutboxEntry, OutboxOp } from '../../renderer/src/cache/records';
import { entityKeyOf } from '../../renderer/src/outbox/keys';

/*
 * The sync tests' harness: the REAL API client against the REAL sandbox over HTTP, and the
 * cache on fake-indexeddb, one fresh database per test.
 */

export function useSyncSandbox(options: SandboxOptions = {}): () => Sandbox {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ customers: 300, ...options });
  });
  afterEach(() => {
    sandbox?.reset();
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return () => {
    if (!sandbox) throw new Error('the sandbox has not started');
    return sandbox;
  };
}

/** A client with the sandbox's real credentials; retries are immediate (or off). */
export function apiOf(sandbox: Sandbox, maxAttempts = 3): ApiClient {
  return createApiClient({
    baseUrl: sandbox.url,
    auth: { mode: 'oauth2', clientId: sandbox.credentials.clientId },
    secrets: async () => ({ clientSecret: sandbox.credentials.clientSecret }),
    retry: { maxAttempts, baseDelayMs: 1, maxDelayMs: 1 },
    sleep: async () => {},
  });
}

type After = (operation: OperationName, count: number, result: unknown) => void | Promise<void>;

/** Counts calls per operation and runs `after` once each answer is in, before the caller sees it. */
export function spyApi(inner: CustomersApi, after?: After) {
  const counts: Partial<Record<OperationName, number>> = {};
  const call = async (operation: OperationName, ...args: unknown[]): Promise<unknown> => {
    const result = await (inner.call as (o: OperationName, ...a: unknown[]) => Promise<unknown>)(operation, ...args);
    counts[operation] = (counts[operation] ?? 0) + 1;
    await after?.(operation, counts[operation] ?? 0, result);
    return result;
  };
  return { api: { call } as CustomersApi, counts };
}

/**
 * Dexie's liveQuery reads Dexie's GLOBAL dependencies (not a database's own options) and stays
 * silent without them; a browser has them, Node needs them pointed at fake-indexeddb.
 */
export function enableLiveQueries(): void {
  Dexie.dependencies.indexedDB = indexedDB;
  Dexie.dependencies.IDBKeyRange = IDBKeyRange;
}

let dbCount = 0;
export function newDb(): FieldbookDb {
  return new FieldbookDb(`sync-test-${process.pid}-${++dbCount}`, { indexedDB, IDBKeyRange });
}

/** A GUID whose first hex digit is `i % 16`, so test customers spread over every key range. */
export function spreadGuid(i: number, upper = false): string {
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const guid = `${hex((i * 7) % 16, 1)}${hex(i, 7)}-5eed-4000-8000-${hex(i, 12)}`;
  return upper ? guid.toUpperCase() : guid;
}

export function outboxEntry(entity: EntityKind, op: OutboxOp, customerGuid: string, id: string, body: OutboxEntry['body']): OutboxEntry {
  const now = new Date().toISOString();
  return {
    entity, op, customerGuid, id, body,
    entityKey: entityKeyOf(entity, customerGuid, id),
    state: 'pending', attempts: 0, notBefore: 0, lastFailure: null, createdAt: now, updatedAt: now,
  };
}

/** Every customer on the server is cached exactly once, equal field by field, and nothing else is. */
export async function expectCacheEqualsServer(db: FieldbookDb, sandbox: Sandbox): Promise<void> {
  const server = sandbox.store.ordered().map((r) => r.customer);
  const cached = await db.customers.toArray();
  const byKey = new Map(cached.map((c) => [c.customerGuid.toLowerCase(), c]));
  expect(byKey.size, 'no customer is cached twice').toBe(cached.length);
  expect(cached.length).toBe(server.length);
  for (const customer of server) {
    const row = byKey.get(customer.customerGuid.toLowerCase());
    expect(row, `customer ${customer.customerGuid} is cached`).toBeDefined();
    if (row) expect(customerOf(row)).toEqual(customer);
  }
}
