import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually, go, literally, navLink, openJourney, shootFailures, outboxEntries, statusText, t, waitForAllSynced, waitForFirstSync, type Journey,
} from './harness';

/*
 * Journey 4: the point of the app. Offline, the user edits a customer; the change is saved on
 * this computer and shown as pending; the server does not have it. When the network is back
 * the user asks for a sync (Ctrl+Shift+S) and the change reaches the server.
 */

let journey: Journey;
shootFailures(() => journey);

beforeAll(async () => {
  journey = await openJourney('offline-edit');
  await waitForFirstSync(journey.page);
});

afterAll(async () => {
  await journey?.close();
});

describe('journey 4: edit offline, sync when back online', () => {
  it('keeps the edit pending while offline and puts it on the server after reconnecting', async () => {
    const { page, sandbox, network } = journey;
    const record = sandbox.store.ordered().find((r) => r.customer.juridicalType === 0 && r.customer.email)!;
    const { customerGuid: guid, fullName } = record.customer;
    const before = record.customer.email;
    const typed = `offline.edit.${guid.slice(0, 8)}@example.se`;
    const pendingBadge = page.locator('header').getByText(t('badge.pending'), { exact: true });

    await go(page, { name: 'customer', guid, tab: 'overview' });
    await page.getByRole('heading', { level: 1, name: fullName ?? '' }).waitFor();

    await network.goOffline();
    await statusText(page, t('status.offline')).waitFor();
    await journey.shot('offline');

    await page.getByRole('link', { name: t('detail.edit'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t('form.customer.editTitle', { name: fullName ?? '' }) }).waitFor();
    const email = page.getByLabel(t('field.email'), { exact: true });
    expect(await email.inputValue()).toBe(before);
    await email.fill(typed);
    await journey.shot('edited');
    await page.getByRole('button', { name: t('form.save'), exact: true }).click();

    // Back on the customer: the new value, marked pending, counted in the header.
    await page.getByRole('heading', { level: 1, name: fullName ?? '' }).waitFor();
    await page.getByText(typed, { exact: true }).first().waitFor();
    await pendingBadge.first().waitFor();
    await statusText(page, t('status.pending', { count: 1 })).waitFor();
    await page.getByRole('navigation', { name: t('nav.label') }).getByRole('link', { name: new RegExp(`^${literally(t('nav.pending'))}\\s*1$`, 'u') }).waitFor();
    await journey.shot('pending-on-detail');
    // Not on the server.
    expect(sandbox.store.record(guid)!.customer.email).toBe(before);

    // The Pending changes page lists it, waiting, with a note that we are offline.
    await navLink(page, 'nav.pending').click();
    await page.getByRole('heading', { level: 1, name: t('nav.pending') }).waitFor();
    const entry = page.getByRole('article', { name: new RegExp(literally(t('pending.do.update.customer', { name: fullName ?? '' })), 'u') });
    await entry.waitFor();
    await entry.getByText(new RegExp(t('field.email'), 'iu')).waitFor();
    await page.getByText(t('pending.offlineNote')).waitFor();
    await journey.shot('pending-page-offline');
    expect(sandbox.store.record(guid)!.customer.email).toBe(before);

    // The network returns; the user syncs with the keyboard.
    network.restore();
    await page.keyboard.press('Control+Shift+S');
    await waitForAllSynced(page);
    await page.getByRole('heading', { name: t('pending.empty.title') }).waitFor();
    await journey.shot('synced');

    // On the server, exactly as typed.
    await eventually(() => sandbox.store.record(guid)!.customer.email).toBe(typed);

    // And the customer is no longer marked pending.
    await go(page, { name: 'customer', guid, tab: 'overview' });
    await page.getByText(typed, { exact: true }).first().waitFor();
    await eventually(() => pendingBadge.count()).toBe(0);
    await journey.shot('customer-after-sync');

    expect(journey.problems).toEqual([]);
  }, 90_000);

  it('sends a change that was backing off as soon as the user syncs', async () => {
    // The first attempt, made offline, fails; its back-off (with the jitter pinned near its cap)
    // is about 2 s. The user reconnects and syncs at once, inside that back-off: asking for a
    // sync wakes what waits (app/sync-adapter.ts), so the change goes now, not at the next
    // 5-minute interval.
    const { page, sandbox, network } = journey;
    const record = sandbox.store.ordered().filter((r) => r.customer.juridicalType === 0)[1]!;
    const { customerGuid: guid, fullName } = record.customer;
    const typed = `backoff.${guid.slice(0, 8)}@example.se`;
    await page.evaluate(() => {
      Math.random = () => 0.999;
    });

    await network.goOffline();
    await statusText(page, t('status.offline')).waitFor();
    await go(page, { name: 'customer-edit', guid });
    await page.getByRole('heading', { level: 1, name: t('form.customer.editTitle', { name: fullName ?? '' }) }).waitFor();
    await page.getByLabel(t('field.email'), { exact: true }).fill(typed);
    await page.getByRole('button', { name: t('form.save'), exact: true }).click();
    await eventually(async () => (await outboxEntries(page)).map((e) => e.attempts), 'the first attempt failed').toEqual([1]);
    expect((await outboxEntries(page))[0]!.notBefore).toBeGreaterThan(Date.now());

    network.restore();
    await page.keyboard.press('Control+Shift+S');
    await eventually(() => sandbox.store.record(guid)!.customer.email, 'the change reaches the server after its back-off').toBe(typed);
    await waitForAllSynced(page);
    await journey.shot('sent-after-backoff');
    expect(journey.problems).toEqual([]);
  }, 60_000);
});
