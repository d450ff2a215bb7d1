import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerRecord } from '../../electron/sandbox';
import {
  eventually, fillNewCustomer, literally, navLink, openJourney, outboxEntries, shootFailures, statusText, t, waitForAllSynced, waitForFirstSync,
  type Journey,
} from './harness';

/*
 * Journey 5b: a field worker creates a customer offline and typed its street and city wrong.
 * Still offline, they correct the main address from the Addresses tab with the same address
 * dialog as any other address: a value the create cannot take is shown at its field and
 * nothing is saved; the correction goes into the customer's queued create (still one change
 * waiting), the card, the list's city column and search follow at once. After the sync the
 * server has the corrected address exactly once, and no address request was ever sent.
 */

let journey: Journey;
shootFailures(() => journey);

beforeAll(async () => {
  journey = await openJourney('offline-create-address');
  await waitForFirstSync(journey.page);
});

afterAll(async () => {
  await journey?.close();
});

describe('journey 5b: correct the main address of a customer created offline', () => {
  it('edits it offline; the server gets the corrected address once', async () => {
    const { page, sandbox, network } = journey;
    const first = 'Tove';
    const last = 'Adressdottir';
    const fullName = `${first} ${last}`;
    const named = (): CustomerRecord[] => sandbox.store.ordered().filter((r) => r.customer.lastname === last);
    const grid = page.getByRole('grid', { name: t('customers.list.label') });
    const panel = page.getByRole('tabpanel');

    await network.goOffline();
    await statusText(page, t('status.offline')).waitFor();

    // The new customer, with a street and a city typed wrong.
    await fillNewCustomer(page, {
      person: { first, last },
      address: { street: 'Kungsgatn', houseNo: '7', zipCode: '753 21', city: 'Upsala', countryCode: 'SE' },
    });
    await page.getByRole('button', { name: t('form.customer.create') }).click();
    await page.getByRole('heading', { level: 1, name: fullName }).waitFor();
    await statusText(page, t('status.pending', { count: 1 })).waitFor();

    // Its main address is in the Addresses tab, part of the queued create, with an Edit button like any other.
    await page.getByRole('tab', { name: new RegExp(`^${t('tab.addresses')}\\s*1$`, 'u') }).click();
    await panel.getByText('Kungsgatn 7').first().waitFor();
    await panel.getByText(t('address.ofCreate')).waitFor();
    await panel.getByRole('button', { name: t('form.editThing', { name: 'Kungsgatn 7' }) }).click();
    const dialog = page.getByRole('dialog', { name: t('form.address.editTitle', { name: 'Kungsgatn 7' }) });
    await dialog.waitFor();
    const street = dialog.getByLabel(t('address.street'), { exact: true });
    const city = dialog.getByLabel(t('address.city'), { exact: true });
    expect(await street.inputValue()).toBe('Kungsgatn');
    expect(await city.inputValue()).toBe('Upsala');
    // Only what the create can carry: the type and validity wait until the customer is on the server.
    expect(await dialog.getByLabel(t('address.addressType'), { exact: true }).count()).toBe(0);
    await journey.shot('edit-created-address');

    // A city longer than the create takes (the input's maxlength stops typing; a paste by script does not):
    // the message is at the field, focus goes there, and nothing is saved.
    await street.fill('Kungsgatan');
    await city.evaluate((input: HTMLInputElement) => {
      input.value = 'U'.repeat(201);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await dialog.getByRole('button', { name: t('form.save'), exact: true }).click();
    const cityError = dialog.locator(`#${await city.getAttribute('id')}-error`);
    await cityError.getByText(t('validation.maxLength', { max: 200 })).waitFor();
    expect(await city.getAttribute('aria-invalid')).toBe('true');
    await eventually(() => city.evaluate((input) => input === document.activeElement)).toBe(true);
    await journey.shot('created-address-error');
    expect(await dialog.isVisible()).toBe(true);
    await panel.getByText('Kungsgatn 7').first().waitFor();

    // Corrected and saved: the card follows, and it is still ONE change waiting (the create), no address entry.
    await city.fill('Uppsala');
    await dialog.getByRole('button', { name: t('form.save'), exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await panel.getByText('Kungsgatan 7').first().waitFor();
    await panel.getByText('Uppsala', { exact: true }).first().waitFor();
    expect(await panel.getByText('Kungsgatn 7').count()).toBe(0);
    await page.getByRole('tab', { name: new RegExp(`^${t('tab.addresses')}\\s*1$`, 'u') }).waitFor();
    await statusText(page, t('status.pending', { count: 1 })).waitFor();
    expect((await outboxEntries(page)).map((e) => [e.entity, e.op])).toEqual([['customer', 'create']]);
    await journey.shot('created-address-corrected');

    // The list: its city column says Uppsala, and a search for the city finds it (not the typo).
    await navLink(page, 'nav.customers').click();
    const search = page.getByRole('search').getByRole('searchbox');
    await search.fill(last.toLowerCase());
    await page.getByText(t('customers.matching', { count: 1 }), { exact: true }).waitFor();
    const row = grid.getByRole('row').filter({ hasText: fullName });
    await row.getByRole('gridcell').getByText('Uppsala', { exact: true }).waitFor();
    await search.fill(`${last.toLowerCase()} upsala`);
    await page.getByText(t('customers.noMatch.title'), { exact: true }).waitFor();
    await search.fill(`${last.toLowerCase()} uppsala`);
    await page.getByText(t('customers.matching', { count: 1 }), { exact: true }).waitFor();
    await journey.shot('list-city-corrected');
    expect(named()).toEqual([]);

    // Back online: the customer arrives with the corrected address, once; no address request was sent.
    network.restore();
    await page.keyboard.press('Control+Shift+S');
    await waitForAllSynced(page);
    await eventually(() => named().length, 'the customer is on the server').toBe(1);
    const addresses = named()[0]!.customer.addresses ?? [];
    expect(addresses.map((a) => [a.addressType, a.defaultAddress, a.street, a.houseNo, a.zipCode, a.city])).toEqual([
      ['LEGAL', true, 'Kungsgatan', '7', '753 21', 'Uppsala'],
    ]);
    const byOperation = sandbox.stats.get().byOperation;
    expect((byOperation['createAddress'] ?? 0) + (byOperation['updateAddress'] ?? 0) + (byOperation['deleteAddress'] ?? 0)).toBe(0);

    // Opened again, it is the server's address now: no "sent with the new customer" note, still once.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: fullName }).waitFor();
    await page.getByRole('tab', { name: new RegExp(`^${t('tab.addresses')}\\s*1$`, 'u') }).click();
    await panel.getByText('Kungsgatan 7').first().waitFor();
    await eventually(() => panel.getByText(t('address.ofCreate')).count()).toBe(0);
    await panel.getByRole('button', { name: new RegExp(`^${literally(t('form.editThing', { name: 'Kungsgatan 7' }))}`, 'u') }).waitFor();
    await journey.shot('synced');

    expect(journey.problems).toEqual([]);
  }, 90_000);

  it('removes it offline; the customer arrives without an address', async () => {
    const { page, sandbox, network } = journey;
    const name = 'Adresslösa AB';
    const panel = page.getByRole('tabpanel');
    const named = (): CustomerRecord[] => sandbox.store.ordered().filter((r) => r.customer.fullName === name);

    await network.goOffline();
    await statusText(page, t('status.offline')).waitFor();
    await navLink(page, 'nav.customers').click();
    await fillNewCustomer(page, { company: name, address: { street: 'Fel väg', houseNo: '1', city: 'Ingenstans' } });
    await page.getByRole('button', { name: t('form.customer.create') }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();

    await page.getByRole('tab', { name: new RegExp(`^${t('tab.addresses')}\\s*1$`, 'u') }).click();
    await panel.getByRole('button', { name: t('form.deleteThing', { name: 'Fel väg 1' }) }).click();
    const confirm = page.getByRole('alertdialog', { name: t('form.deleteChild.address', { name: 'Fel väg 1' }) });
    await confirm.getByText(t('form.deleteChild.ofCreateBody')).waitFor();
    await confirm.getByRole('button', { name: t('detail.delete'), exact: true }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: new RegExp(`^${t('tab.addresses')}\\s*0$`, 'u') }).waitFor();
    await panel.getByText(t('address.none'), { exact: true }).first().waitFor();
    expect(await panel.getByText('Fel väg 1').count()).toBe(0);
    await statusText(page, t('status.pending', { count: 1 })).waitFor();
    expect((await outboxEntries(page)).map((e) => [e.entity, e.op])).toEqual([['customer', 'create']]);
    await journey.shot('created-address-removed');

    network.restore();
    await page.keyboard.press('Control+Shift+S');
    await waitForAllSynced(page);
    await eventually(() => named().length, 'the customer is on the server').toBe(1);
    expect(named()[0]!.customer.addresses).toEqual([]);
    expect(journey.problems).toEqual([]);
  }, 90_000);
});
