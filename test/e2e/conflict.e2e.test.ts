import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventually, go, literally, openJourney, shootFailures, statusText, t, waitForAllSynced, waitForFirstSync, type Journey,
} from './harness';

/*
 * Journey 6: another client changes the same fields on the server while the user's edit waits
 * offline. The sync finds the conflict instead of overwriting either side; the user settles it
 * field by field (theirs for one field, theirs kept for a field only they changed, mine for
 * another), and the server ends with exactly those values.
 */

let journey: Journey;
shootFailures(() => journey);

beforeAll(async () => {
  journey = await openJourney('conflict');
  await waitForFirstSync(journey.page);
});

afterAll(async () => {
  await journey?.close();
});

describe('journey 6: a conflict with another client, resolved field by field', () => {
  it('shows both versions and puts the chosen values on the server', async () => {
    const { page, sandbox, network } = journey;
    const record = sandbox.store.ordered().find((r) => r.customer.juridicalType === 0 && r.customer.email && r.customer.cellularPhone)!;
    const { customerGuid: guid, fullName } = record.customer;
    const base = { email: record.customer.email, cellularPhone: record.customer.cellularPhone };
    const mine = { email: `mine.${guid.slice(0, 6)}@example.se`, cellularPhone: '+46 70 111 11 11' };
    const theirs = { email: `theirs.${guid.slice(0, 6)}@example.se`, cellularPhone: '+46 70 222 22 22', homePhone: '+46 8 333 33 33' };

    await go(page, { name: 'customer', guid, tab: 'overview' });
    await page.getByRole('heading', { level: 1, name: fullName ?? '' }).waitFor();
    await network.goOffline();
    await statusText(page, t('status.offline')).waitFor();

    // The user's edit, queued offline.
    await page.getByRole('link', { name: t('detail.edit'), exact: true }).click();
    await page.getByLabel(t('field.email'), { exact: true }).fill(mine.email);
    await page.getByLabel(t('field.cellularPhone'), { exact: true }).fill(mine.cellularPhone);
    await page.getByRole('button', { name: t('form.save'), exact: true }).click();
    await statusText(page, t('status.pending', { count: 1 })).waitFor();

    // Meanwhile another client changes the same two fields, and one more, on the server.
    expect(sandbox.store.updateCustomer(guid, theirs)).toBe(true);

    // Back online: the sync stops at the conflict and says so.
    network.restore();
    await page.keyboard.press('Control+Shift+S');
    const conflicts = page.getByRole('link', { name: t('status.conflicts', { count: 1 }) });
    await conflicts.waitFor();
    await page.locator('header').getByText(t('badge.conflict'), { exact: true }).first().waitFor();
    await journey.shot('conflict-found');
    // Nothing of the user's reached the server; theirs is intact.
    expect(sandbox.store.record(guid)!.customer).toMatchObject(theirs);

    await conflicts.click();
    const entry = page.getByRole('article', { name: new RegExp(literally(t('pending.do.update.customer', { name: fullName ?? '' })), 'u') });
    await entry.getByText(t('pending.state.conflict')).waitFor();
    await journey.shot('pending-page');
    await entry.getByRole('link', { name: t('pending.action.resolve') }).click();

    // The conflict view: per field, the value before, the server's and mine.
    await page.getByRole('heading', { level: 1, name: t('conflict.heading', { name: fullName ?? '' }) }).waitFor();
    const emailRow = page.getByRole('group', { name: t('field.email') });
    const phoneRow = page.getByRole('group', { name: t('field.cellularPhone') });
    await emailRow.getByRole('radio', { name: new RegExp(`${literally(t('conflict.choice.base'))}.*${literally(base.email!)}`, 'u') }).waitFor();
    await emailRow.getByRole('radio', { name: new RegExp(`${literally(t('conflict.choice.theirs'))}.*${literally(theirs.email)}`, 'u') }).waitFor();
    await emailRow.getByRole('radio', { name: new RegExp(`${literally(t('conflict.choice.yours'))}.*${literally(mine.email)}`, 'u') }).waitFor();
    await phoneRow.getByRole('radio', { name: new RegExp(`${literally(t('conflict.choice.theirs'))}.*${literally(theirs.cellularPhone)}`, 'u') }).waitFor();
    // homePhone changed only on the server: it is not a conflict.
    expect(await page.getByRole('group', { name: t('field.homePhone') }).count()).toBe(0);
    await journey.shot('conflict-view');

    // Field by field: my e-mail, their mobile phone.
    await emailRow.getByRole('radio', { name: new RegExp(`^${literally(t('conflict.choice.yours'))}`, 'u') }).check();
    await phoneRow.getByRole('radio', { name: new RegExp(`^${literally(t('conflict.choice.theirs'))}`, 'u') }).check();
    await journey.shot('choices');
    await page.getByRole('button', { name: t('conflict.resolve') }).click();

    // Settled and sent: the server has exactly the chosen values, and the other client's third change.
    await eventually(() => sandbox.store.record(guid)!.customer.email, 'my e-mail reaches the server').toBe(mine.email);
    expect(sandbox.store.record(guid)!.customer).toMatchObject({ email: mine.email, cellularPhone: theirs.cellularPhone, homePhone: theirs.homePhone });
    await waitForAllSynced(page);
    expect(await conflicts.count()).toBe(0);
    await journey.shot('resolved');

    // The customer shows the same.
    await go(page, { name: 'customer', guid, tab: 'overview' });
    await page.getByText(mine.email, { exact: true }).first().waitFor();
    await page.getByText(theirs.cellularPhone, { exact: true }).first().waitFor();
    await page.getByText(theirs.homePhone, { exact: true }).first().waitFor();
    await journey.shot('customer-after');

    expect(journey.problems).toEqual([]);
  }, 90_000);
});
