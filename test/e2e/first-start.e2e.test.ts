import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProfile } from '../../shared/profiles';
import { CUSTOMERS, listedNames, navLink, openJourney, shootFailures, statusText, t, waitForFirstSync, type Journey } from './harness';

/*
 * Journey 1: a first start on a fresh computer. No profile has been set up, so the app opens
 * the Demo profile; its first sync pulls the sandbox's seeded customers into the empty cache
 * and the list shows them.
 */

let journey: Journey;
shootFailures(() => journey);

beforeAll(async () => {
  journey = await openJourney('first-start');
});

afterAll(async () => {
  await journey?.close();
});

describe('journey 1: first start', () => {
  it('lands on the Demo profile with the sandbox\'s customers in the list after the first sync', async () => {
    const { page, sandbox } = journey;
    await page.getByRole('heading', { level: 1, name: t('customers.title') }).waitFor();
    await journey.shot('opening');

    await waitForFirstSync(page);
    await journey.shot('first-sync-done');

    // The Demo profile is the active one, and the list is the current section.
    await page.getByTitle(t('profile.label')).getByText(demoProfile.name, { exact: true }).waitFor();
    expect(await navLink(page, 'nav.customers').getAttribute('aria-current')).toBe('page');
    await statusText(page, t('status.online')).waitFor();

    // What the list shows is the sandbox's data, not a fixture of the renderer.
    const onServer = new Map(sandbox.store.ordered().map((record) => [record.customer.fullName ?? '', record.customer]));
    expect(onServer.size).toBe(CUSTOMERS);
    const names = await listedNames(page);
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const name of names) expect(onServer.has(name), `"${name}" is a customer of the sandbox`).toBe(true);
    // Sorted by name, as the column header says (the collation is the list's own business).
    expect(await page.getByRole('columnheader', { name: new RegExp(t('column.name'), 'u') }).getAttribute('aria-sort')).toBe('ascending');

    // One row in full: every column comes from that customer's record on the server.
    const customer = onServer.get(names[0]!)!;
    const row = page.getByRole('grid', { name: t('customers.list.label') }).getByRole('row').filter({ hasText: customer.fullName ?? '' });
    for (const value of [customer.customerReference, customer.idNumber, customer.email]) {
      if (value) await row.getByText(value, { exact: true }).waitFor();
    }
    const legal = customer.addresses?.find((a) => a.defaultAddress) ?? customer.addresses?.[0];
    if (legal?.city) await row.getByText(legal.city, { exact: true }).waitFor();

    // A reload (a restart of the renderer) shows the same customers at once, from the cache.
    await journey.app.reload();
    await page.getByText(t('customers.count', { count: CUSTOMERS }), { exact: true }).waitFor();
    await row.getByText(customer.customerReference ?? '', { exact: true }).waitFor();
    await journey.shot('after-reload');

    expect(journey.problems).toEqual([]);
  }, 90_000);
});
