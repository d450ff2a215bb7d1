import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type SandboxOptions } from '../../electron/sandbox';
import { Client } from './helpers';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fieldbook-sandbox-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withSandbox<T>(options: SandboxOptions, run: (client: Client) => Promise<T>): Promise<T> {
  const sandbox = await startSandbox({ customers: 30, ...options });
  try {
    return await run(new Client(sandbox));
  } finally {
    await sandbox.close();
  }
}

describe('persistence', () => {
  it('keeps creates, updates, deletes and child edits across a restart', async () => {
    const persistFile = join(dir, 'demo.json');
    const changed = await withSandbox({ persistFile }, async (client) => {
      const [kept, edited, removed] = client.sandbox.store.ordered().map((r) => r.customer.customerGuid) as [string, string, string];
      const created = await client.call('createCustomer', {}, { body: { fullName: 'Persisted AB', juridicalType: 1, clientReference: 'P-1' } });
      await client.call('updateCustomer', { customerGuid: edited }, { body: { email: 'kept@example.se' } });
      await client.call('deleteCustomer', { customerGuid: removed });
      await client.call('createParameters', { customerGuid: kept }, { body: [{ name: 'Persisted param', value: 'yes' }] });
      const parameters = (await client.call('listParameters', { customerGuid: kept }, { query: { top: 100 } })).body;
      return { created: created.body.customerGuid as string, kept, edited, removed, parameters, snapshot: client.sandbox.store.snapshot() };
    });

    await withSandbox({ persistFile }, async (client) => {
      expect(client.sandbox.persistence).toEqual({ file: persistFile, loaded: 'loaded' });
      expect(client.sandbox.store.snapshot()).toEqual(changed.snapshot);
      // The edited seeded customer's children were kept, not regenerated from the edited customer.
      expect(client.sandbox.store.record(changed.edited)?.children).toBeDefined();
      expect((await client.call('getCustomer', { guid: changed.created })).body.fullName).toBe('Persisted AB');
      expect(client.sandbox.store.record(changed.created)?.clientReference).toBe('P-1');
      expect((await client.call('getCustomer', { guid: changed.edited })).body.email).toBe('kept@example.se');
      expect((await client.call('getCustomer', { guid: changed.removed })).status).toBe(404);
      const parameters = (await client.call('listParameters', { customerGuid: changed.kept }, { query: { top: 100 } })).body;
      expect(parameters).toEqual(changed.parameters);
    });
    // Atomic writes leave no temp files behind.
    expect(await readdir(dir)).toEqual(['demo.json']);
  });

  it('stores only what differs from the seed', async () => {
    const persistFile = join(dir, 'small.json');
    await withSandbox({ persistFile, customers: 2000 }, async (client) => {
      await client.call('createCustomer', {}, { body: { fullName: 'Only me', juridicalType: 1 } });
    });
    const file = JSON.parse(await readFile(persistFile, 'utf8'));
    expect(file).toMatchObject({ format: 1, seed: 1, customers: 2000 });
    expect(file.snapshot.customers).toHaveLength(1);
  });

  it('sets aside a file written for another seed instead of applying it', async () => {
    const persistFile = join(dir, 'seeded.json');
    await withSandbox({ persistFile, seed: 1 }, async (client) => {
      await client.call('createCustomer', {}, { body: { fullName: 'Seed one', juridicalType: 1 } });
    });
    await withSandbox({ persistFile, seed: 2 }, async (client) => {
      expect(client.sandbox.persistence?.loaded).toBe('set-aside');
      expect(client.sandbox.store.snapshot().customers).toEqual([]);
    });
    expect((await readdir(dir)).some((name) => name.startsWith('seeded.json.') && name.endsWith('.set-aside'))).toBe(true);
  });

  it('a reset clears the persisted changes too', async () => {
    const persistFile = join(dir, 'reset.json');
    await withSandbox({ persistFile }, async (client) => {
      await client.call('createCustomer', {}, { body: { fullName: 'Gone after reset', juridicalType: 1 } });
      await client.admin('reset');
    });
    await withSandbox({ persistFile }, async (client) => {
      expect(client.sandbox.store.snapshot()).toEqual({ customers: [], deleted: [] });
    });
  });
});
