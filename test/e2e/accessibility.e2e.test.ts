import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { go, literally, openJourney, shootFailures, t, waitForFirstSync, type Journey } from './harness';

/*
 * Journey 9: axe-core over the main screens of the built app with real data. In the light
 * theme: the list, a customer (overview, ledger, custom actions), the edit form, a new
 * customer, Pending changes with a refused change and its edit dialog, and Settings; in the
 * dark theme: the list, a customer and Pending changes again. Serious and critical violations
 * fail the journey, and so does a skipped heading level (`heading-order`, moderate: screen
 * reader users navigate by the outline); the others are printed for the reviewer.
 *
 * The built page's Content-Security-Policy allows scripts from its own origin only, so axe is
 * served from that origin (a route of the page) rather than inlined: the policy stays as shipped.
 */

const axePath = join(resolve(import.meta.dirname, '../..'), 'node_modules/axe-core/axe.min.js');
/** Rules that fail the journey whatever impact axe gives them. */
const alwaysBlocking = new Set(['heading-order']);
const axeUrl = '/__e2e__/axe.min.js';

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; any?: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number; expectedContrastRatio?: string } | null }[] }[];
}

let journey: Journey;
shootFailures(() => journey);
const found = new Map<string, Violation[]>();

beforeAll(async () => {
  journey = await openJourney('accessibility');
  await journey.page.route(`**${axeUrl}`, (route) => route.fulfill({ path: axePath, contentType: 'text/javascript; charset=utf-8' }));
  await waitForFirstSync(journey.page);
});

afterAll(async () => {
  await journey?.close();
});

/** Runs axe on the page as it is now and keeps what it found under `screen`. */
async function scan(page: Page, screen: string): Promise<void> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ url: axeUrl });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as Violation[];
  });
  found.set(screen, violations);
  await journey.shot(screen);
}

function describeViolation(v: Violation): string {
  const targets = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
  // For contrast, the colour pairs say more than the selectors: usually one token is too light.
  const pairs = new Set(v.nodes.flatMap((n) => (n.any ?? []).map((a) => a.data).filter((d) => d?.fgColor)
    .map((d) => `${d!.fgColor} on ${d!.bgColor} = ${d!.contrastRatio}:1 (needs ${d!.expectedContrastRatio})`)));
  const colours = pairs.size ? `; colours: ${[...pairs].join(', ')}` : '';
  return `  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? '' : 's'}: ${targets}${v.nodes.length > 3 ? ' …' : ''}${colours})`;
}

describe('journey 9: accessibility scan', () => {
  it('finds no serious or critical axe violations, and no skipped heading level, on the main screens', async () => {
    const { page, sandbox } = journey;
    const record = sandbox.store.ordered().find((r) => {
      const ch = sandbox.store.children(r);
      return (ch.ledger.invoices?.length ?? 0) > 0 && (r.customer.addresses?.length ?? 0) > 0;
    })!;
    const { customerGuid: guid, fullName } = record.customer;

    await scan(page, 'customer-list');

    await go(page, { name: 'customer', guid, tab: 'overview' });
    await page.getByRole('heading', { level: 1, name: fullName ?? '' }).waitFor();
    await page.getByRole('heading', { name: t('group.identity') }).waitFor();
    await scan(page, 'customer-overview');
    await page.getByRole('tab', { name: new RegExp(`^${literally(t('tab.addresses'))}`, 'u') }).click();
    await page.getByRole('button', { name: t('form.address.add') }).waitFor();
    await scan(page, 'customer-addresses');
    await page.getByRole('tab', { name: new RegExp(`^${literally(t('tab.ledger'))}`, 'u') }).click();
    await page.getByRole('heading', { name: t('ledger.invoices') }).waitFor();
    await scan(page, 'customer-ledger');
    await page.getByRole('tab', { name: new RegExp(`^${literally(t('tab.customActions'))}`, 'u') }).click();
    await page.getByLabel(t('actions.definition.label')).waitFor();
    await scan(page, 'customer-custom-actions');

    await page.getByRole('link', { name: t('detail.edit'), exact: true }).click();
    await page.getByRole('heading', { level: 1, name: t('form.customer.editTitle', { name: fullName ?? '' }) }).waitFor();
    await scan(page, 'edit-form');

    // A change the server refuses gives Pending changes something to show: an entry needing attention.
    await page.getByLabel(t('field.preferredChannel'), { exact: true }).fill('FAX');
    await page.getByRole('button', { name: t('form.save'), exact: true }).click();
    const attention = page.getByRole('link', { name: t('status.attention', { count: 1 }) });
    await attention.click();
    await page.getByRole('heading', { level: 1, name: t('nav.pending') }).waitFor();
    await page.getByRole('group', { name: t('pending.failure.label') }).waitFor();
    await scan(page, 'pending-changes');
    await page.getByRole('button', { name: t('pending.action.edit') }).click();
    await page.getByRole('dialog', { name: t('pending.edit.title') }).waitFor();
    await scan(page, 'pending-edit-dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await go(page, { name: 'customer-new' });
    await page.getByRole('heading', { level: 1, name: t('customers.new') }).waitFor();
    await scan(page, 'new-customer');

    await go(page, { name: 'settings' });
    await page.getByRole('heading', { level: 1, name: t('nav.settings') }).waitFor();
    await scan(page, 'settings');

    // The dark theme has its own colours: the list, a customer and Pending changes again.
    await page.emulateMedia({ colorScheme: 'dark' });
    await go(page, { name: 'customers' });
    await page.getByRole('grid', { name: t('customers.list.label') }).getByRole('row').nth(2).waitFor();
    await scan(page, 'dark-customer-list');
    await go(page, { name: 'customer', guid, tab: 'overview' });
    await page.getByRole('heading', { name: t('group.identity') }).waitFor();
    await scan(page, 'dark-customer-overview');
    await go(page, { name: 'pending' });
    await page.getByRole('group', { name: t('pending.failure.label') }).waitFor();
    await scan(page, 'dark-pending-changes');
    await page.emulateMedia({ colorScheme: 'light' });

    const report: string[] = [];
    const blocking: string[] = [];
    for (const [screen, violations] of found) {
      if (!violations.length) continue;
      report.push(`${screen}:`, ...violations.map(describeViolation));
      for (const v of violations) {
        if (v.impact === 'serious' || v.impact === 'critical' || alwaysBlocking.has(v.id)) blocking.push(`${screen}: ${describeViolation(v).trim()}`);
      }
    }
    console.log(report.length ? `axe violations by screen:\n${report.join('\n')}` : 'axe: no violations on any screen');
    expect(blocking, 'serious or critical accessibility violations, or a skipped heading level').toEqual([]);
    expect(journey.problems).toEqual([]);
  }, 120_000);
});
