import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, go, literally, openJourney, shootFailures, t, waitForAllSynced, waitForFirstSync, type Journey } from './harness';

/*
 * Journey 7: a change the server refuses for good. The client's schema takes any text as the
 * preferred channel; the tenant only knows LETTER, E-INVOICE, EMAIL and SMS, so 'FAX' comes
 * back as a 400 with the field's error. The change is not lost and not retried blindly: it
 * waits for the user, who fixes it from the Pending changes page and sends it again.
 */

let journey: Journey;
shootFailures(() => journey);

beforeAll(async () => {
  journey = await openJourney('validation-error');
  await waitForFirstSync(journey.page);
});

afterAll(async () => {
  await journey?.close();
});

describe('journey 7: a server validation error, fixed from Pending changes', () => {
  it('shows the server\'s refusal at the field and sends the corrected change', async () => {
    const { page, sandbox } = journey;
    expect(sandbox.tenant.channels).not.toContain('FAX');
    const record = sandbox.store.ordered().find((r) => r.customer.preferredChannel && r.customer.preferredChannel !== 'EMAIL')!;
    const { customerGuid: guid, fullName } = record.customer;
    const before = record.customer.preferredChannel;

    await go(page, { name: 'customer-edit', guid });
    await page.getByRole('heading', { level: 1, name: t('form.customer.editTitle', { name: fullName ?? '' }) }).waitFor();
    await page.getByLabel(t('field.preferredChannel'), { exact: true }).fill('FAX');
    await page.getByRole('button', { name: t('form.save'), exact: true }).click();

    // Online, the change is sent at once and refused: the header says so and links to it.
    const attention = page.getByRole('link', { name: t('status.attention', { count: 1 }) });
    await attention.waitFor();
    await page.locator('header').getByText(t('badge.attention'), { exact: true }).first().waitFor();
    await journey.shot('refused');
    expect(sandbox.store.record(guid)!.customer.preferredChannel).toBe(before);

    // Pending changes: the entry needs attention, with the server's answer at the field.
    await attention.click();
    const entry = page.getByRole('article', { name: new RegExp(literally(t('pending.do.update.customer', { name: fullName ?? '' })), 'u') });
    await entry.getByText(t('pending.state.attention'), { exact: true }).waitFor();
    const answer = entry.getByRole('group', { name: t('pending.failure.label') });
    await answer.getByText(t('field.preferredChannel')).waitFor();
    await answer.getByText(/Must be one of LETTER, E-INVOICE, EMAIL, SMS/u).waitFor();
    await journey.shot('pending-attention');

    // Edit the queued change: the refused value is there to fix.
    await entry.getByRole('button', { name: t('pending.action.edit') }).click();
    const dialog = page.getByRole('dialog', { name: t('pending.edit.title') });
    await dialog.waitFor();
    const channel = dialog.getByLabel(t('field.preferredChannel'), { exact: true });
    expect(await channel.inputValue()).toBe('FAX');
    await channel.fill('EMAIL');
    await journey.shot('edit-dialog');
    await dialog.getByRole('button', { name: t('pending.edit.save') }).click();
    await dialog.waitFor({ state: 'hidden' });

    // Sent: nothing waits, nothing needs attention, and the server has the corrected value.
    await page.getByRole('heading', { name: t('pending.empty.title') }).waitFor();
    await waitForAllSynced(page);
    expect(await attention.count()).toBe(0);
    await eventually(() => sandbox.store.record(guid)!.customer.preferredChannel).toBe('EMAIL');
    await journey.shot('synced');

    await go(page, { name: 'customer', guid, tab: 'overview' });
    await page.getByRole('heading', { level: 1, name: fullName ?? '' }).waitFor();
    await page.getByText('EMAIL', { exact: true }).first().waitFor();
    expect(await page.locator('header').getByText(t('badge.attention'), { exact: true }).count()).toBe(0);

    expect(journey.problems).toEqual([]);
  }, 90_000);
});
