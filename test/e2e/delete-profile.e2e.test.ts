import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../../electron/sandbox';
import { demoProfile, type ConnectionProfile } from '../../shared/profiles';
import { CUSTOMERS, eventually, go, literally, navLink, statusText, t, waitForFirstSync } from './harness';
import { databaseNames, openSettingsWorld, type SettingsWorld } from './settings-world';

/*
 * Deleting a connection profile in Settings, in real Chromium with the real main process:
 * its offline database (its customers, and its outbox of unsent changes) really disappears
 * from the browser's IndexedDB, its secrets leave the vault and its journal goes; while its
 * outbox still holds a change the user typed offline, the user is told how many, may cancel or
 * export them first, and only "Delete anyway" loses them. Deleting the profile in use starts the
 * window again on the Demo profile, without the deleted profile's database.
 */

let world: SettingsWorld;

beforeAll(async () => {
  world = await openSettingsWorld('delete-profile');
  await waitForFirstSync(world.page);
});

afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && world && !world.page.isClosed()) await world.shot('FAILED').catch(() => undefined);
});

afterAll(async () => {
  await world?.close();
});

const dbOf = (id: string): string => `fieldbook-${id}`;

/** A profile of the user's own, on the sandbox over loopback, with its client secret in the vault. */
async function createProfile(name: string): Promise<ConnectionProfile> {
  const profile = await world.value<ConnectionProfile>('profiles.create', {
    input: { name, kind: 'aptic', baseUrl: world.sandbox.url, tokenUrl: world.sandbox.tokenUrl, authMode: 'oauth2', clientId: demoCredentials.clientId },
  });
  await world.value('credentials.set', { profileId: profile.id, kind: 'clientSecret', value: demoCredentials.clientSecret });
  return profile;
}

async function openSettings(): Promise<void> {
  const { page } = world;
  await navLink(page, 'nav.settings').click();
  await page.getByRole('heading', { level: 1, name: t('nav.settings') }).waitFor();
}

/** Selects a profile in Settings' list. */
async function select(name: string): Promise<void> {
  const { page } = world;
  await page.getByRole('navigation', { name: t('settings.profiles.title') }).getByRole('button', { name: new RegExp(`^${literally(name)}`, 'u') }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

/** "Switch to this profile": the window starts again on it. */
async function switchTo(name: string): Promise<void> {
  const { page } = world;
  await openSettings();
  await select(name);
  await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: t('settings.profile.switch') }).click()]);
  await page.getByTitle(t('profile.label')).getByText(name, { exact: true }).waitFor();
  await navLink(page, 'nav.customers').click();
}

/** The outbox of a profile's database, read straight from IndexedDB (without creating it). */
function outboxOf(id: string): Promise<number | null> {
  return world.page.evaluate(async (name) => {
    if (!(await indexedDB.databases()).some((info) => info.name === name)) return null;
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => ok(request.result);
      request.onerror = () => fail(request.error);
    });
    try {
      return await new Promise<number>((ok, fail) => {
        const request = db.transaction('outbox').objectStore('outbox').count();
        request.onsuccess = () => ok(request.result);
        request.onerror = () => fail(request.error);
      });
    } finally {
      db.close();
    }
  }, dbOf(id));
}

describe('deleting a connection profile', () => {
  it('of another profile with a change typed offline: told how many, cancel keeps it, export saves it, "Delete anyway" deletes its database', async () => {
    const { page, sandbox, network, main } = world;
    const office = await createProfile('Field office');

    // The user works in "Field office": its first sync fills its own database.
    await switchTo('Field office');
    await waitForFirstSync(page);
    expect(await databaseNames(page)).toEqual([dbOf(demoProfile.id), dbOf(office.id)].sort());

    // Offline, they change a customer's e-mail: queued on this computer only.
    const record = sandbox.store.ordered().find((r) => r.customer.juridicalType === 0 && r.customer.email)!;
    const { customerGuid: guid, fullName } = record.customer;
    const typed = `typed.offline.${guid.slice(0, 8)}@example.se`;
    await go(page, { name: 'customer', guid, tab: 'overview' });
    await page.getByRole('heading', { level: 1, name: fullName ?? '' }).waitFor();
    await network.goOffline();
    await statusText(page, t('status.offline')).waitFor();
    await page.getByRole('link', { name: t('detail.edit'), exact: true }).click();
    await page.getByLabel(t('field.email'), { exact: true }).fill(typed);
    await page.getByRole('button', { name: t('form.save'), exact: true }).click();
    await statusText(page, t('status.pending', { count: 1 })).waitFor();
    expect(await outboxOf(office.id)).toBe(1);

    // Back to the Demo profile; "Field office" keeps its database, with the change in it.
    await switchTo(demoProfile.name);
    network.restore();
    await openSettings();
    await select('Field office');
    await world.shot('field-office-selected');

    // Delete: first the plain confirmation, which says the offline data goes too.
    const removeDialog = page.getByRole('dialog', { name: t('settings.delete.title', { name: 'Field office' }) });
    const unsynced = page.getByRole('dialog', { name: t('settings.unsynced.title') });
    await page.getByRole('button', { name: t('settings.profile.delete'), exact: true }).click();
    await removeDialog.getByText(t('settings.delete.offlineData')).waitFor();
    await removeDialog.getByRole('button', { name: t('settings.delete.confirm') }).click();
    // Then what would be lost, counted from the profile's own outbox.
    await unsynced.getByText(t('settings.unsynced.body', { count: 1, name: 'Field office' })).waitFor();
    await world.shot('unsynced-changes');

    // Cancel: nothing is deleted.
    await unsynced.getByRole('button', { name: t('pending.cancel') }).click();
    await unsynced.waitFor({ state: 'detached' });
    expect(await databaseNames(page)).toContain(dbOf(office.id));
    expect(await outboxOf(office.id)).toBe(1);
    expect(await main.journal.count(office.id)).toBe(1);
    expect((await main.bridge.invoke('profiles.list', {}, { url: page.url() }))).toMatchObject({ ok: true, value: { profiles: [{ id: 'demo' }, { id: office.id }] } });

    // Again, and export first: the file holds what was typed.
    await page.getByRole('button', { name: t('settings.profile.delete'), exact: true }).click();
    await removeDialog.getByRole('button', { name: t('settings.delete.confirm') }).click();
    await unsynced.getByRole('button', { name: t('settings.unsynced.export') }).click();
    const saved = unsynced.getByRole('status').filter({ hasText: /^Saved 1 change to / });
    await saved.waitFor();
    const path = ((await saved.textContent()) ?? '').replace(/^.*Saved 1 change to /su, '').trim();
    expect(path.startsWith(world.savedDir)).toBe(true);
    const exported = JSON.parse(await readFile(path, 'utf8')) as { count: number; changes: { values: Record<string, unknown> }[] };
    expect(exported.count).toBe(1);
    expect(exported.changes[0]?.values).toMatchObject({ email: typed });
    await world.shot('exported');

    // "Delete anyway": the profile, its secret, its journal and its database are gone; Demo's stays.
    await unsynced.getByRole('button', { name: t('settings.unsynced.deleteAnyway') }).click();
    await page.getByRole('status').filter({ hasText: t('settings.delete.done') }).waitFor();
    await eventually(() => databaseNames(page)).toEqual([dbOf(demoProfile.id)]);
    expect(await page.getByRole('navigation', { name: t('settings.profiles.title') }).getByRole('button', { name: /^Field office/u }).count()).toBe(0);
    expect(await main.journal.count(office.id)).toBe(0);
    await expect(readFile(join(world.dataDir, 'profiles.json'), 'utf8')).resolves.not.toContain(office.id);
    expect(await world.vault().has(office.id, 'clientSecret')).toBe(false);
    await world.shot('deleted');

    // The Demo profile's own cache is untouched and still shows its customers.
    await navLink(page, 'nav.customers').click();
    await page.getByText(t('customers.count', { count: CUSTOMERS }), { exact: true }).waitFor();
    // The typed change never reached the server: the user chose to lose it (after exporting it).
    expect(sandbox.store.record(guid)!.customer.email).not.toBe(typed);
    expect(world.problems).toEqual([]);
  }, 240_000);

  it('the profile in use, with a change typed offline: "Delete anyway" starts the window again on the Demo profile, without its database', async () => {
    const { page, main, sandbox, network } = world;
    const branch = await createProfile('Branch office');
    await switchTo('Branch office');
    await waitForFirstSync(page);
    expect(await databaseNames(page)).toContain(dbOf(branch.id));

    const record = sandbox.store.ordered().filter((r) => r.customer.juridicalType === 0 && r.customer.email).at(-1)!;
    const { customerGuid: guid, fullName } = record.customer;
    await go(page, { name: 'customer', guid, tab: 'overview' });
    await page.getByRole('heading', { level: 1, name: fullName ?? '' }).waitFor();
    await network.goOffline();
    await page.getByRole('link', { name: t('detail.edit'), exact: true }).click();
    await page.getByLabel(t('field.email'), { exact: true }).fill('lost.on.purpose@example.se');
    await page.getByRole('button', { name: t('form.save'), exact: true }).click();
    await statusText(page, t('status.pending', { count: 1 })).waitFor();

    await openSettings();
    await page.getByRole('heading', { level: 2, name: 'Branch office' }).waitFor();
    await page.getByRole('button', { name: t('settings.profile.delete'), exact: true }).click();
    const removeDialog = page.getByRole('dialog', { name: t('settings.delete.title', { name: 'Branch office' }) });
    await removeDialog.getByText(t('settings.delete.inUse')).waitFor();
    await world.shot('delete-in-use');
    await removeDialog.getByRole('button', { name: t('settings.delete.confirm') }).click();
    const unsynced = page.getByRole('dialog', { name: t('settings.unsynced.title') });
    await unsynced.getByText(t('settings.unsynced.body', { count: 1, name: 'Branch office' })).waitFor();
    await Promise.all([page.waitForEvent('load'), unsynced.getByRole('button', { name: t('settings.unsynced.deleteAnyway') }).click()]);
    network.restore();

    // On the Demo profile, from its cache, with the deleted profile's database, journal and secret gone.
    await page.getByTitle(t('profile.label')).getByText(demoProfile.name, { exact: true }).waitFor();
    await navLink(page, 'nav.customers').click();
    await page.getByText(t('customers.count', { count: CUSTOMERS }), { exact: true }).waitFor();
    expect(await databaseNames(page)).toEqual([dbOf(demoProfile.id)]);
    expect(await main.journal.count(branch.id)).toBe(0);
    expect(await world.vault().has(branch.id, 'clientSecret')).toBe(false);
    // The user chose to lose that change: it never reached the server.
    expect(sandbox.store.record(guid)!.customer.email).not.toBe('lost.on.purpose@example.se');
    await world.shot('restarted-on-demo');
    expect(world.problems).toEqual([]);
  }, 180_000);
});
