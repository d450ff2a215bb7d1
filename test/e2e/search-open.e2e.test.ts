import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOMERS, eventually, listedNames, openJourney, shootFailures, t, waitForFirstSync, type Journey } from './harness';

/*
 * Journey 2: find a customer by the start of their surname and open them, the way a field
 * worker on the phone does: "/" to the search box, a few letters, Enter into the list, the
 * arrows to the right row, Enter to open.
 */

let journey: Journey;
shootFailures(() => journey);

beforeAll(async () => {
  journey = await openJourney('search-open');
  await waitForFirstSync(journey.page);
});

afterAll(async () => {
  await journey?.close();
});

describe('journey 2: search and open', () => {
  it('narrows the list to a surname prefix and opens the customer with Enter', async () => {
    const { page, sandbox } = journey;
    const all = sandbox.store.ordered().map((record) => record.customer);
    const startsWord = (prefix: string, name: string | null | undefined) =>
      (name ?? '').toLowerCase().split(/\s+/u).some((word) => word.startsWith(prefix));
    // The first four letters of a surname that more than one customer's name has: the list narrows to several.
    const prefix = all
      .filter((c) => c.juridicalType === 0 && (c.lastname?.length ?? 0) >= 4)
      .map((c) => c.lastname!.slice(0, 4).toLowerCase())
      .find((p) => all.filter((c) => startsWord(p, c.fullName)).length >= 2)!;
    expect(prefix, 'the seeded data has two customers with a common surname prefix').toBeDefined();
    const byName = all.filter((c) => startsWord(prefix, c.fullName)).map((c) => c.fullName ?? '');
    const search = page.getByRole('searchbox', { name: t('customers.search.label') });

    await page.keyboard.press('/');
    await eventually(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(prefix, { delay: 30 });
    expect(await search.inputValue()).toBe(prefix);

    // The count says how many match, fewer than all; every customer with such a name is among them.
    const count = page.getByText(/^\d+ match(es)?$/u);
    await count.waitFor();
    const matches = Number((await count.textContent())!.match(/\d+/u)![0]);
    expect(matches).toBeLessThan(CUSTOMERS);
    expect(matches).toBeGreaterThanOrEqual(byName.length);
    await eventually(async () => (await listedNames(page)).length).toBe(matches);
    const names = await listedNames(page);
    for (const name of byName) expect(names).toContain(name);
    await journey.shot('narrowed');

    // Enter moves into the list (first row active); the arrows go to the last match; Enter opens it.
    await page.keyboard.press('Enter');
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('grid');
    const at = names.length - 1;
    const target = all.find((c) => c.fullName === names[at])!;
    for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
    await eventually(() => page.locator('[role="row"][aria-selected="true"]').getByRole('link').textContent()).toBe(target.fullName);
    await journey.shot('row-active');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: target.fullName ?? '' }).waitFor();
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain(target.customerGuid);
    if (target.customerReference) await page.getByText(target.customerReference, { exact: true }).first().waitFor();
    await page.getByRole('tab', { name: new RegExp(`^${t('tab.overview')}`, 'u'), selected: true }).waitFor();
    await journey.shot('opened');

    // Back (Alt+←) to the list: the search is still there, with the same matches.
    await page.keyboard.press('Alt+ArrowLeft');
    await page.getByText(t('customers.matching', { count: matches }), { exact: true }).waitFor();
    expect(await search.inputValue()).toBe(prefix);

    expect(journey.problems).toEqual([]);
  }, 90_000);

  it('searches again after coming back from a customer', async () => {
    // Where the first test left off: back on the list from a customer, a search still in the box.
    // Fails while the list model (listModelOf, customers/list-model.svelte.ts) is created inside
    // the first CustomersPage: its $derived queryKey dies with that page, so after leaving the
    // list and coming back no search, filter or sort runs again until a reload. Creating the model
    // under $effect.root(...) fixes it (tried on a copy of the tree: this test then passes).
    const { page } = journey;
    const search = page.getByRole('searchbox', { name: t('customers.search.label') });
    await search.fill('');
    await page.getByText(t('customers.count', { count: CUSTOMERS }), { exact: true }).waitFor();
    const first = (await listedNames(page))[0]!;
    const word = first.split(/\s+/u)[0]!.toLowerCase();
    await search.fill(word);
    await eventually(async () => (await listedNames(page)).every((name) => name.toLowerCase().includes(word)), `the list narrows to "${word}"`).toBe(true);
    await journey.shot('searched-again');
    expect(journey.problems).toEqual([]);
  }, 60_000);
});
