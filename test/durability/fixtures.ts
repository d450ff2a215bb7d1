import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Sandbox } from '../../electron/sandbox';
import { createBridgeClient, type BridgeClient, type BridgeResult, type BridgeTransport } from '../../shared/ipc';
import { databaseName, FieldbookDb } from '../../renderer/src/cache/db';
import { inEnglish, openDurableCache, type DurableOpenOptions, type DurableOpenResult } from '../../renderer/src/durability';
import { appPage, createHarness, type Harness, type HarnessOptions } from '../bridge/helpers';

/*
 * The durability tests run the renderer's code on fake-indexeddb against the REAL main-process
 * side (createMainBridge in a temp folder, its journal on disk, the Demo profile's sandbox over
 * HTTP), through createBridgeClient as the renderer uses it.
 */

export const dexie = { indexedDB, IDBKeyRange };

export function transportOf(harness: Harness): BridgeTransport {
  return {
    invoke: (channel, args) => harness.main.bridge.invoke(channel, args, { url: appPage }),
    on: (event, listener) => harness.main.bridge.onEvent((e) => e.name === event && listener(e.payload)),
  };
}

export interface World {
  readonly h: Harness;
  readonly client: BridgeClient;
  readonly sandbox: () => Sandbox;
}

/** One harness per file; the Demo profile's database and journal are wiped after every test. */
export function useWorld(options: HarnessOptions = {}): () => World {
  let world: World | undefined;
  beforeAll(async () => {
    const h = await createHarness({ customers: 5, ...options });
    const client = createBridgeClient(transportOf(h));
    // Starts the Demo sandbox.
    await client.connectivity.check();
    world = { h, client, sandbox: () => h.demo() as Sandbox };
  });
  afterEach(async () => {
    if (!world) return;
    for (const db of opened.splice(0)) db.close();
    for (const id of used.splice(0)) {
      await new FieldbookDb(databaseName(id), dexie).delete();
      await world.h.main.journal.clear(id);
    }
  });
  afterAll(async () => world?.h.close());
  return () => {
    if (!world) throw new Error('the world has not started');
    return world;
  };
}

const opened: FieldbookDb[] = [];
const used: string[] = [];

/** openDurableCache as the app calls it, on fake-indexeddb, without a storage manager. */
export async function openDurable(profileId: string, client: BridgeClient, options: DurableOpenOptions = {}): Promise<DurableOpenResult> {
  if (!used.includes(profileId)) used.push(profileId);
  const result = await openDurableCache(profileId, client, { dexie, storage: null, mirror: { retryDelayMs: () => 5 }, ...options });
  if (result.kind === 'ready') opened.push(result.db);
  return result;
}

export async function openReady(profileId: string, client: BridgeClient, options: DurableOpenOptions = {}): Promise<Extract<DurableOpenResult, { kind: 'ready' }>> {
  const result = await openDurable(profileId, client, options);
  if (result.kind !== 'ready') throw new Error(`expected a ready cache: ${inEnglish(result.message)}`);
  return result;
}

export function valueOf<T>(result: BridgeResult<T>): T {
  if (!result.ok) throw new Error(JSON.stringify(result.failure));
  return result.value;
}
