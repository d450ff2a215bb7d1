import { createBridgeClient } from '../../shared/ipc';
import { openDurableCache, type DurableOpenResult } from '../../renderer/src/durability';
import { createCustomer, createParameter } from '../../renderer/src/outbox';

/*
 * Bundled (vite, iife) into the page of chromium.test.ts: the renderer's durability code running
 * in real Chromium, on its real IndexedDB and navigator.storage, talking to main through
 * `window.fieldbook` (the e2e bridge harness).
 */

let current: Extract<DurableOpenResult, { kind: 'ready' }> | undefined;

const api = {
  async open(profileId: string) {
    const bridge = window.fieldbook;
    if (!bridge) throw new Error('no window.fieldbook');
    const result = await openDurableCache(profileId, createBridgeClient(bridge));
    if (result.kind !== 'ready') return { kind: result.kind, message: result.message };
    current = result;
    return { kind: result.kind, report: result.report, outbox: await result.db.outbox.orderBy('seq').toArray() };
  },
  async queueChanges() {
    if (!current) throw new Error('not open');
    const guid = await createCustomer(current.db, { fullName: 'Chromium Kund AB', juridicalType: 1, city: 'Malmö' });
    await createParameter(current.db, guid, { name: 'Segment', value: 'Browser' });
    await current.mirror.flush();
    return guid;
  },
  async customer(guid: string) {
    return current?.db.customers.get(guid);
  },
  close() {
    current?.mirror.detach();
    current?.db.close();
  },
};

(window as unknown as { durability: typeof api }).durability = api;
