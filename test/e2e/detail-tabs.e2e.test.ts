import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerRecord, Store } from '../../electron/sandbox';
import { detailTabs, type DetailTab } from '../../renderer/src/customers/detail/tabs';
import { go, literally, openJourney, shootFailures, t, waitForFirstSync, type Journey } from './harness';

/*
 * Journey 3: every section of a customer, loaded from the sandbox when the customer is opened
 * online. The customer is the seeded one with something in every section, and "another client"
 * adds a parameter on the server just before it is opened: seeing it proves the page shows what
 * the server has now, not only what the first sync brought.
 */

let journey: Journey;
shootFailures(() => journey);

beforeAll(async () => {
  journey = await openJourney('detail-tabs');
  await waitForFirstSync(journey.page);
});

afterAll(async () => {
  await journey?.close();
});

/** The first seeded customer with something in every section. */
function richest(store: Store): CustomerRecord | undefined {
  return store.ordered().find((record) => {
    const ch = store.children(record);
    return (record.customer.addresses?.length ?? 0) >= 2 && ch.parameters.length > 0 && ch.extraFields.some((f) => f.value?.length) &&
      ch.mandates.length > 0 && ch.creditInsurances.length > 0 && ch.questions.length > 0 && (ch.ledger.invoices?.length ?? 0) > 0 &&
      ch.accruedInterest.length > 0;
  });
}

/** The tab of a section: its name, then the count of what it holds when it has one. */
function tabOf(page: Page, tab: DetailTab, count?: number): Locator {
  const label = literally(t(detailTabs.find((d) => d.id === tab)!.label));
  return page.getByRole('tab', { name: new RegExp(count === undefined ? `^${label}(\\s*\\d+)?$` : `^${label}\\s*${count}$`, 'u') });
}

async function openTab(page: Page, tab: DetailTab): Promise<Locator> {
  await tabOf(page, tab).click();
  await page.getByRole('tab', { selected: true }).and(tabOf(page, tab)).waitFor();
  expect(new URL(page.url()).hash.endsWith(tab === 'overview' ? '' : `/${tab}`)).toBe(true);
  return page.getByRole('tabpanel');
}

const shown = (panel: Locator, text: string) => panel.getByText(text, { exact: false }).first().waitFor();

describe('journey 3: every section of a customer', () => {
  it('loads each tab of the detail page from the sandbox', async () => {
    const { page, sandbox } = journey;
    const { store } = sandbox;
    const record = richest(store);
    expect(record, 'the seeded sandbox has a customer with something in every section').toBeDefined();
    const customer = record!.customer;
    const ch = store.children(record!);
    // Another client adds a parameter on the server after the first sync.
    ch.parameters.push({ name: 'E2eMarker', type: 'string', value: 'set on the server after the first sync', href: null });
    store.touch(record!, 'children');

    await go(page, { name: 'customer', guid: customer.customerGuid, tab: 'overview' });
    await page.getByRole('heading', { level: 1, name: customer.fullName ?? '' }).waitFor();
    await page.getByRole('heading', { name: t('group.identity') }).waitFor();
    // Opened online: the full detail is downloaded now, and the tab bar counts what came.
    await tabOf(page, 'parameters', ch.parameters.length).waitFor();
    await tabOf(page, 'addresses', customer.addresses?.length ?? 0).waitFor();
    await tabOf(page, 'questions', ch.questions.length).waitFor();
    if (customer.customerReference) await shown(page.getByRole('tabpanel'), customer.customerReference);
    await journey.shot('overview');

    let panel = await openTab(page, 'addresses');
    for (const address of customer.addresses ?? []) {
      if (address.street) await shown(panel, address.street);
      if (address.city) await shown(panel, address.city);
    }
    await panel.getByText(t('address.default'), { exact: true }).waitFor();
    await journey.shot('addresses');

    panel = await openTab(page, 'parameters');
    for (const parameter of ch.parameters) {
      await panel.getByRole('rowheader', { name: parameter.name ?? '' }).waitFor();
      if (parameter.value) await shown(panel, parameter.value);
    }
    await journey.shot('parameters');

    panel = await openTab(page, 'extra-fields');
    for (const field of ch.extraFields) {
      await shown(panel, field.name ?? '');
      for (const value of field.value ?? []) await shown(panel, value);
    }
    await journey.shot('extra-fields');

    panel = await openTab(page, 'mandates');
    for (const mandate of ch.mandates) {
      if (mandate.referenceNo) await shown(panel, mandate.referenceNo);
      if (mandate.bankAccountNo) await shown(panel, mandate.bankAccountNo);
    }
    await journey.shot('mandates');

    panel = await openTab(page, 'credit-insurances');
    for (const insurance of ch.creditInsurances) {
      if (insurance.insuranceCompanyName) await panel.getByRole('heading', { name: insurance.insuranceCompanyName }).waitFor();
      if (insurance.insuranceCompanyNumber) await shown(panel, insurance.insuranceCompanyNumber);
    }
    await journey.shot('credit-insurances');

    panel = await openTab(page, 'questions');
    for (const question of ch.questions) {
      if (question.message) await shown(panel, question.message);
      for (const response of question.responses ?? []) await shown(panel, response.description ?? response.code ?? '');
    }
    await journey.shot('questions');

    panel = await openTab(page, 'ledger');
    await panel.getByRole('heading', { name: t('ledger.invoices') }).waitFor();
    for (const invoice of ch.ledger.invoices ?? []) {
      if (invoice.invoiceNo) await panel.getByRole('cell', { name: invoice.invoiceNo, exact: true }).waitFor();
    }
    for (const account of ch.ledger.accounts ?? []) {
      if (account.accountNo) await panel.getByRole('cell', { name: account.accountNo, exact: true }).waitFor();
    }
    await journey.shot('ledger');

    panel = await openTab(page, 'accrued-interest');
    const loans = [...new Set(ch.accruedInterest.map((row) => row.loanNo).filter((no): no is string => Boolean(no)))];
    for (const loan of loans) {
      expect(await panel.getByRole('cell', { name: loan, exact: true }).count()).toBe(ch.accruedInterest.filter((r) => r.loanNo === loan).length);
    }
    await panel.getByRole('rowheader', { name: t('interest.total') }).waitFor();
    await journey.shot('accrued-interest');

    // Custom actions run on the server at once: the sandbox echoes the call for this customer.
    panel = await openTab(page, 'custom-actions');
    await panel.getByRole('heading', { name: t('actions.title') }).waitFor();
    await panel.getByText(t('actions.onlineOnly'), { exact: true }).first().waitFor();
    await panel.getByLabel(t('actions.definition.label')).fill('SendReminder');
    await panel.getByLabel(t('actions.body.label')).fill('{ "channel": "EMAIL", "note": "from the e2e journey" }');
    await panel.getByRole('button', { name: t('actions.run.customer') }).click();
    await panel.getByRole('heading', { name: t('actions.result.ok', { name: 'SendReminder' }) }).waitFor();
    const answer = JSON.parse((await panel.getByRole('region', { name: t('actions.result.json') }).textContent()) ?? 'null') as Record<string, unknown>;
    expect(answer).toMatchObject({
      serviceDefinition: 'SendReminder', customerGuid: customer.customerGuid, result: 'OK', received: { channel: 'EMAIL', note: 'from the e2e journey' },
    });
    expect(sandbox.stats.get().byOperation['invokeCustomerService']).toBe(1);
    await journey.shot('custom-actions');

    expect(journey.problems).toEqual([]);
  }, 90_000);
});
