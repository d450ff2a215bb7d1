import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, openJourney, shootFailures, t, waitForAllSynced, waitForFirstSync, type Journey } from './harness';

/*
 * Journey 8: an edit completed with the keyboard alone (no click anywhere): "/" to search,
 * Enter into the list and Enter to open, Tab to "Edit", Tab to the field, type, Ctrl+S to save.
 * Online, the change is on the server right after.
 */

let journey: Journey;
shootFailures(() => journey);

beforeAll(async () => {
  journey = await openJourney('keyboard-edit');
  await waitForFirstSync(journey.page);
});

afterAll(async () => {
  await journey?.close();
});

/** What has the focus: its tag, its text or value, and the text of its label. */
function focused(page: Page): Promise<{ tag: string; text: string; label: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const labels = el && 'labels' in el ? (el as HTMLInputElement).labels : null;
    return { tag: el?.tagName.toLowerCase() ?? '', text: (el?.textContent ?? '').trim(), label: (labels?.[0]?.textContent ?? '').trim() };
  });
}

/** Presses Tab until `wanted` has the focus; fails after `max` presses. */
async function tabTo(page: Page, wanted: (f: { tag: string; text: string; label: string }) => boolean, what: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return;
  }
  throw new Error(`${what} was not reached with ${max} presses of Tab`);
}

describe('journey 8: an edit by keyboard alone', () => {
  it('finds, opens, edits and saves a customer without the mouse', async () => {
    const { page, sandbox } = journey;
    const record = sandbox.store.ordered().find((r) => r.customer.juridicalType === 1 && r.customer.email)!;
    const { customerGuid: guid, fullName } = record.customer;
    const typed = `keyboard.${guid.slice(0, 8)}@example.se`;

    // Search by the whole name: the customer is the only match, first in the list.
    await page.keyboard.press('/');
    await page.keyboard.type(fullName ?? '', { delay: 20 });
    await page.getByText(t('customers.matching', { count: 1 }), { exact: true }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: fullName ?? '' }).waitFor();
    await journey.shot('opened');

    await tabTo(page, (f) => f.tag === 'a' && f.text === t('detail.edit'), `The "${t('detail.edit')}" link`);
    await journey.shot('edit-focused');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: t('form.customer.editTitle', { name: fullName ?? '' }) }).waitFor();

    await tabTo(page, (f) => f.tag === 'input' && f.label === t('field.email'), `The "${t('field.email')}" field`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type(typed);
    expect(await page.getByLabel(t('field.email'), { exact: true }).inputValue()).toBe(typed);
    await journey.shot('typed');
    await page.keyboard.press('Control+S');

    // Saved: back on the customer, and (online) sent to the server.
    await page.getByRole('heading', { level: 1, name: fullName ?? '' }).waitFor();
    await page.getByText(typed, { exact: true }).first().waitFor();
    await eventually(() => sandbox.store.record(guid)!.customer.email, 'the edit reaches the server').toBe(typed);
    await waitForAllSynced(page);
    await journey.shot('saved');

    expect(journey.problems).toEqual([]);
  }, 90_000);
});
