import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerRecord } from '../../electron/sandbox';
import {
  CUSTOMERS, eventually, fillNewCustomer, literally, navLink, openJourney, shootFailures, statusText, t, waitForAllSynced, waitForFirstSync, type Journey,
} from './harness';

/*
 * Journey 5: a new customer, created offline with its main address, and a second address added
 * to it while it exists only on this computer. After the sync the server has the customer once
 * and each address once: nothing lost, nothing duplicated, the address sent after its parent.
 * Before it syncs, its page shows what was typed: the main address counted and listed in the
 * Addresses tab, and no separator in the header for the reference and ID number it has not got.
 */

let journey: Journey;
shootFailures(() => journey);

beforeAll(async () => {
  journey = await openJourney('offline-create');
  await waitForFirstSync(journey.page);
});

afterAll(async () => {
  await journey?.close();
});

describe('journey 5: create a customer with an address offline, then sync', () => {
  it('creates the customer and both addresses exactly once on the server', async () => {
    const { page, sandbox, network } = journey;
    const first = 'Saga';
    const last = 'Offlinesson';
    const fullName = `${first} ${last}`;
    const named = (): CustomerRecord[] => sandbox.store.ordered().filter((r) => r.customer.lastname === last);

    await network.goOffline();
    await statusText(page, t('status.offline')).waitFor();

    await fillNewCustomer(page, {
      person: { first, last },
      email: 'saga.offlinesson@example.se',
      address: { street: 'Storgatan', houseNo: '12', zipCode: '411 38', city: 'Göteborg', countryCode: 'SE' },
    });
    await journey.shot('new-customer-form');
    await page.getByRole('button', { name: t('form.customer.create') }).click();

    // The new customer's page, marked pending; its main address is shown with its contact data.
    const heading = page.getByRole('heading', { level: 1, name: fullName });
    await heading.waitFor();
    await page.locator('header').getByText(t('badge.pending'), { exact: true }).first().waitFor();
    await page.getByText('Storgatan 12').first().waitFor();
    await statusText(page, t('status.pending', { count: 1 })).waitFor();
    // The line under the name: no reference or ID number yet, so no "·" before the kind of customer.
    const subline = ((await heading.locator('xpath=following-sibling::p[1]').textContent()) ?? '').replace(/\s+/gu, ' ').trim();
    expect(subline).toContain(t('enum.juridicalType.0'));
    expect(subline.split('·').map((part) => part.trim()), `"${subline}": a separator stands only between two values`).not.toContain('');
    await journey.shot('created-offline');

    // The main address typed into the form is the customer's first address already: counted and shown.
    await page.getByRole('tab', { name: new RegExp(`^${t('tab.addresses')}\\s*1$`, 'u') }).click();
    await page.getByRole('tabpanel').getByText('Storgatan 12').first().waitFor();
    await page.getByRole('tabpanel').getByText(t('address.ofCreate')).waitFor();
    await journey.shot('main-address-offline');

    // A second address, added while the customer exists only here.
    await page.getByRole('button', { name: t('form.address.add') }).click();
    const dialog = page.getByRole('dialog', { name: t('form.address.newTitle') });
    await dialog.waitFor();
    await dialog.getByLabel(t('address.addressType'), { exact: true }).fill('DELIVERY');
    await dialog.getByLabel(t('address.street'), { exact: true }).fill('Hamngatan');
    await dialog.getByLabel(t('address.houseNo'), { exact: true }).fill('3');
    await dialog.getByLabel(t('address.zipCode'), { exact: true }).fill('111 47');
    await dialog.getByLabel(t('address.city'), { exact: true }).fill('Stockholm');
    await dialog.getByLabel(t('address.countryCode'), { exact: true }).fill('SE');
    await journey.shot('address-dialog');
    await dialog.getByRole('button', { name: t('form.address.add') }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('tabpanel').getByText('Hamngatan 3').first().waitFor();
    await page.getByRole('tab', { name: new RegExp(`^${t('tab.addresses')}\\s*2$`, 'u') }).waitFor();
    await page.getByRole('tabpanel').getByText('Storgatan 12').first().waitFor();
    await statusText(page, t('status.pending', { count: 2 })).waitFor();
    await journey.shot('address-added');

    // Pending changes: the customer (not yet on the server) with its two changes, in order.
    await navLink(page, 'nav.pending').click();
    const group = page.getByRole('region', { name: fullName });
    await group.waitFor();
    await group.getByText(t('badge.localOnly'), { exact: true }).waitFor();
    const entries = group.getByRole('article');
    await eventually(() => entries.count()).toBe(2);
    expect(await entries.nth(0).getAttribute('aria-label')).toMatch(new RegExp(`^${literally(t('pending.do.create.customer', { name: fullName }))}`, 'u'));
    expect(await entries.nth(1).getAttribute('aria-label')).toMatch(/Hamngatan 3.*Stockholm/u);
    await journey.shot('pending-page');
    expect(named()).toEqual([]);

    // Back online: one sync sends the customer, then its address.
    network.restore();
    await page.getByRole('main').getByRole('button', { name: t('status.syncNow') }).click();
    await page.getByRole('heading', { name: t('pending.empty.title') }).waitFor();
    await waitForAllSynced(page);
    await journey.shot('synced');

    await eventually(() => named().length, 'the customer is on the server').toBe(1);
    const [record] = named();
    expect(record!.customer.fullName).toBe(fullName);
    expect(sandbox.store.size).toBe(CUSTOMERS + 1);
    const addresses = record!.customer.addresses ?? [];
    expect(addresses.filter((a) => a.street === 'Storgatan' && a.houseNo === '12' && a.city === 'Göteborg')).toHaveLength(1);
    expect(addresses.filter((a) => a.street === 'Hamngatan' && a.houseNo === '3' && a.city === 'Stockholm' && a.addressType === 'DELIVERY')).toHaveLength(1);
    expect(addresses).toHaveLength(2);

    // After a restart of the renderer the list has it once; opened, it is the server's customer with both addresses.
    await navLink(page, 'nav.customers').click();
    await journey.app.reload();
    await page.getByText(t('customers.count', { count: CUSTOMERS + 1 }), { exact: true }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type(last.toLowerCase());
    await page.getByText(t('customers.matching', { count: 1 }), { exact: true }).waitFor();
    await journey.shot('listed-once');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: fullName }).waitFor();
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain(record!.customer.customerGuid);
    await page.getByRole('tab', { name: new RegExp(`^${t('tab.addresses')}\\s*2$`, 'u') }).click();
    await page.getByRole('tabpanel').getByText('Hamngatan 3').first().waitFor();
    await page.getByRole('tabpanel').getByText('Storgatan 12').first().waitFor();
    expect(await page.locator('header').getByText(t('badge.pending'), { exact: true }).count()).toBe(0);
    await journey.shot('customer-on-server');

    // A second sync sends nothing again.
    await page.keyboard.press('Control+Shift+S');
    await waitForAllSynced(page);
    expect(named()).toHaveLength(1);
    expect(named()[0]!.customer.addresses).toHaveLength(2);

    expect(journey.problems).toEqual([]);
  }, 90_000);
});
