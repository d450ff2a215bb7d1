import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Dialog, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedChildren, seedCustomers } from '../../electron/sandbox/seed';
import { schemas } from '../../shared/api';
import type { Customer } from '../../shared/api/schemas';
import { defaultTokenUrl, demoProfile, type ConnectionProfile } from '../../shared/profiles';
import { toCachedCustomer } from '../../renderer/src/cache/customer-index';
import { hrefOf } from '../../renderer/src/app/routes';
import { putRows, serveBuiltRenderer, type StaticServer } from '../support/browser-page';

/*
 * A look at the sync screens for real: Pending changes (pending, refused with field errors, a
 * conflict, waiting, retrying), the conflict view, Settings (profiles, a form with errors, the
 * credential store, unsynced-changes confirmation), "Prepare for offline" with its progress,
 * the re-authentication banner and the restore notice. As test/ui/smoke.e2e.test.ts: the built
 * renderer served over loopback, Debian's Chromium, a scripted stand-in for the preload's
 * bridge, and the cache seeded through IndexedDB. The sync loop is held (the test takes its
 * Web Lock first), so the queue stays exactly as seeded while it is looked at.
 */

const root = resolve(import.meta.dirname, '../..');
const shots = join(root, 'test-results/screenshots');
const CUSTOMERS = 3_000;
const SEED = 7;
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

let server: StaticServer;
let baseUrl: string;
let browser: Browser;
let customers: Customer[];
let sorted: Customer[];
let featured: Customer;


const tenant: ConnectionProfile = {
  id: '7b0c8b5e-2f0e-4c1e-9a51-3d7b9a2f4e10',
  name: 'Nordbank production',
  kind: 'aptic',
  baseUrl: 'https://gateway.nordbank.example/APIGW',
  authMode: 'both',
  clientId: 'fieldbook-field-app',
  apiKeyHeader: 'X-Gateway-Key',
  downloadScope: 'juridicalType eq 1',
};
const newCustomer = 'd1e2f3a4-5b6c-4d7e-8f90-a1b2c3d4e5f6';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await serveBuiltRenderer();
  baseUrl = `${server.origin}/`;
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  customers = seedCustomers(CUSTOMERS, SEED);
  sorted = [...customers].sort((a, b) => (a.fullName ?? '').toLowerCase().localeCompare((b.fullName ?? '').toLowerCase()));
  featured = customers.find((c) => {
    const ch = seedChildren(c, SEED);
    return (c.addresses?.length ?? 0) > 0 && ch.questions.some((q) => (q.responses?.length ?? 0) > 0) && c.juridicalType === 0;
  }) ?? customers[0]!;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Scenario {
  profiles: ConnectionProfile[];
  activeId: string;
  connectivity: 'online' | 'offline';
  credentials: Record<string, { clientSecret: boolean; apiKey: boolean; builtIn: boolean }>;
  backend: { kind: 'keytar' | 'safeStorage' | 'unavailable'; detail: string; insecure?: boolean };
  /** What journal.read answers: entries here are restored into an empty outbox at start. */
  journal: unknown[];
  /** journal.read fails (main cannot read the journal file). */
  journalUnreadable: boolean;
  /** Unsynced changes main reports for profiles.remove / credentials.clear without confirmUnsynced. */
  unsynced: number;
  apiDelayMs: number;
}

const scenario = (parts: Partial<Scenario> = {}): Scenario => ({
  profiles: [demoProfile, tenant],
  activeId: demoProfile.id,
  connectivity: 'offline',
  credentials: { demo: { clientSecret: true, apiKey: true, builtIn: true }, [tenant.id]: { clientSecret: true, apiKey: false, builtIn: false } },
  backend: { kind: 'keytar', detail: 'OS keychain (libsecret / Secret Service)' },
  journal: [],
  journalUnreadable: false,
  unsynced: 0,
  apiDelayMs: 120,
  ...parts,
});

/** The preload's bridge, played by a script (self-contained: Playwright serializes it into the page). */
function fakeBridge(s: Scenario): void {
  // Hold the sync loop: the queue stays as seeded while the screens are looked at.
  void navigator.locks.request('fieldbook-sync', () => new Promise(() => undefined));
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const emit = (event: string, payload: unknown): void => listeners.get(event)?.forEach((listener) => listener(payload));
  const ok = (value: unknown) => ({ ok: true, value });
  const fail = (failure: unknown) => ({ ok: false, failure });
  const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
  const status = (profileId: string) => ok({ ...s.credentials[profileId], backend: s.backend });
  const readCustomer = (guid: string) => new Promise<unknown>((done) => {
    const request = indexedDB.open(`fieldbook-${s.activeId}`);
    request.onsuccess = () => {
      // Customers are stored in buckets of their GUID's first three characters (cache/customer-buckets.ts).
      const get = request.result.transaction('customerBuckets').objectStore('customerBuckets').get(guid.slice(0, 3).toLowerCase());
      get.onsuccess = () => {
        request.result.close();
        done((get.result as { rows: Record<string, unknown> } | undefined)?.rows[guid]);
      };
    };
  });
  async function api({ operation, params }: { operation: string; params: Record<string, string> }): Promise<unknown> {
    await sleep(s.apiDelayMs);
    if (s.connectivity !== 'online') return fail({ kind: 'network', message: 'The server could not be reached.' });
    if (operation === 'getCustomer') return ok(await readCustomer(params['guid'] ?? ''));
    if (operation === 'getLedgerSummary') {
      return ok({ totalBalance: 0, accountBalance: 0, currencyCode: 'SEK', unsettledPaymentBalance: 0, purchases: [], invoices: [], accounts: [], guarantees: [], collaterals: [], myGuarantors: [], guaranteeFor: [], allRelatedCustomers: [] });
    }
    if (operation === 'listAccruedInterest') return ok([]);
    if (operation.startsWith('list')) return ok({ count: 0, skip: 0, total: 0, value: [] });
    return fail({ kind: 'network', message: 'The server could not be reached.' });
  }
  const profile = (id: string) => s.profiles.find((p) => p.id === id);
  const answers: Record<string, (args: Record<string, unknown>) => unknown> = {
    'app.info': () => ok({ version: '0.1.0', platform: 'linux', locale: navigator.language }),
    'profiles.list': () => ok({ profiles: s.profiles, activeId: s.activeId }),
    'profiles.update': ({ id, input }) => ok({ ...profile(id as string), ...(input as object), id }),
    'profiles.create': ({ input }) => ok({ ...(input as object), id: crypto.randomUUID() }),
    'profiles.remove': ({ confirmUnsynced }) => (s.unsynced && !confirmUnsynced
      ? fail({ kind: 'unsynced-changes', message: `${s.unsynced} changes have not reached the server.`, count: s.unsynced })
      : ok({ activeId: s.activeId, secretsDeleted: true })),
    'profiles.activate': ({ id }) => ok(profile(id as string)),
    'profiles.test': ({ id }) => (id === 'demo' ? ok({ latencyMs: 84 })
      : fail({ kind: 'unauthorized', status: 401, message: 'The gateway refused the client credentials (HTTP 401 from the token endpoint).' })),
    'credentials.status': ({ profileId }) => status(profileId as string),
    'credentials.set': ({ profileId, kind }) => {
      s.credentials[profileId as string]![kind as 'apiKey'] = true;
      setTimeout(() => emit('auth.changed', { profileId, state: 'ok' }), 100);
      return status(profileId as string);
    },
    'credentials.clear': ({ profileId, kind, confirmUnsynced }) => {
      if (s.unsynced && !confirmUnsynced) return fail({ kind: 'unsynced-changes', message: 'Unsynced changes', count: s.unsynced });
      s.credentials[profileId as string]![kind as 'apiKey'] = false;
      return status(profileId as string);
    },
    'connectivity.check': () => ok({ state: s.connectivity, profileId: s.activeId }),
    'api.call': (args) => api(args as { operation: string; params: Record<string, string> }),
    'journal.read': () => (s.journalUnreadable ? fail({ kind: 'internal', message: 'EACCES: permission denied' }) : ok({ entries: s.journal, notes: [] })),
    'journal.append': () => ok({ live: 0 }),
    'journal.export': ({ entries }) => ok({ path: '/home/field/Documents/fieldbook-pending-changes.json', count: Array.isArray(entries) ? entries.length : 0 }),
    'journal.clear': () => ok({ cleared: 0 }),
  };
  Object.assign(window, { __fake: { emit, scenario: s } });
  Object.defineProperty(window, 'fieldbook', {
    value: Object.freeze({
      invoke: async (channel: string, args: Record<string, unknown>) =>
        (answers[channel] ?? (() => fail({ kind: 'internal', message: 'not in this test' })))(args ?? {}),
      on: (event: string, listener: (payload: unknown) => void) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    }),
  });
}

type Rows = Record<string, unknown[]>;
const minutesAgo = (n: number) => new Date(Date.now() - n * 60e3).toISOString();

function customerRows(): Rows {
  const fetchedAt = minutesAgo(120);
  const rows: Rows = { customers: [], addresses: [], questions: [] };
  for (const customer of customers) {
    const full = customer.customerGuid === featured.customerGuid;
    rows['customers']!.push(toCachedCustomer(customer, { fetchedAt, detailFetchedAt: full ? fetchedAt : null, passId: 1 }));
  }
  const guid = featured.customerGuid;
  rows['addresses']!.push(...(featured.addresses ?? []).map((a) => ({ ...a, id: a.addressGuid, customerGuid: guid, serverId: a.addressGuid, fetchedAt })));
  rows['questions']!.push(...seedChildren(featured, SEED).questions.map((q) => ({ ...q, customerGuid: guid, fetchedAt })));
  rows['meta'] = [{ key: 'sync.lastSyncedAt', value: minutesAgo(38) }];
  return rows;
}

/** A queue with one of everything: pending, queued behind, waiting for a parent, retrying, refused, in conflict. */
function queueRows(): Rows {
  const rows = customerRows();
  let seq = 0;
  const entry = (fields: Record<string, unknown>) => {
    const { entity, customerGuid, id } = fields as { entity: string; customerGuid: string; id: string };
    const key = entity === 'customer' ? `customer:${customerGuid}` : `${entity}:${customerGuid}/${['parameter', 'extraField'].includes(entity) ? id.toLowerCase() : id}`;
    seq++;
    return { seq, entityKey: key, state: 'pending', attempts: 0, notBefore: 0, lastFailure: null, createdAt: minutesAgo(60 - seq * 4), updatedAt: minutesAgo(60 - seq * 4), ...fields };
  };
  const f = featured.customerGuid;
  const address = featured.addresses![0]!;
  const question = seedChildren(featured, SEED).questions.find((q) => (q.responses?.length ?? 0) > 0)!;
  const refused = sorted[3]!;
  const conflicted = sorted[6]!;
  const retrying = sorted[4]!;
  const local = {
    ...Object.fromEntries(Object.keys(schemas.customer.entries).map((k) => [k, null])),
    customerGuid: newCustomer, fullName: 'Nordlund Bygg AB', juridicalType: 1, email: 'info@nordlundbygg.se', addresses: [], links: [],
  } as unknown as Customer;
  rows['customers']!.push(toCachedCustomer(local, { fetchedAt: null, detailFetchedAt: null, passId: 0, localOnly: true }));
  rows['outbox'] = [
    entry({ entity: 'customer', op: 'update', customerGuid: f, id: f, body: { email: 'anna.berg@fastmail.se', cellularPhone: '+46 70 555 01 23' } }),
    entry({ entity: 'address', op: 'update', customerGuid: f, id: address.addressGuid, body: { street: 'Kungsgatan', houseNo: '12', zipCode: '753 21' } }),
    entry({ entity: 'parameter', op: 'create', customerGuid: f, id: 'Risk class', body: { name: 'Risk class', type: 'string', value: 'B', href: null } }),
    entry({
      entity: 'customer', op: 'update', customerGuid: refused.customerGuid, id: refused.customerGuid, state: 'attention', attempts: 1,
      body: { invoiceChannel: 'e-invoice', preferredChannel: 'EMAIL' },
      lastFailure: {
        kind: 'validation', status: 400, operation: 'updateCustomer', message: 'The server refused the change (400).',
        problem: {
          type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: 400,
          detail: 'The request body does not follow the tenant\'s rules.',
          errors: { invoiceChannel: ['Must be one of LETTER, E-INVOICE, EMAIL or SMS (exact case).'] },
        },
      },
    }),
    entry({ entity: 'customer', op: 'update', customerGuid: conflicted.customerGuid, id: conflicted.customerGuid, state: 'conflict', body: { email: 'kontakt@lindgrens.se', workPhone: '08-555 12 34' } }),
    entry({ entity: 'customer', op: 'create', customerGuid: newCustomer, id: newCustomer, body: { customerGuid: newCustomer, fullName: 'Nordlund Bygg AB', juridicalType: 1, email: 'info@nordlundbygg.se' } }),
    entry({ entity: 'address', op: 'create', customerGuid: newCustomer, id: 'local-5f0c2a9e-1d7b-4c59-9a57-0b8a1f2e3d4c', body: { addressType: 'DELIVERY', street: 'Industrivägen', houseNo: '4', zipCode: '903 27', city: 'Umeå', countryCode: 'SE' } }),
    entry({ entity: 'extraField', op: 'create', customerGuid: newCustomer, id: 'Segment', body: { name: 'Segment', value: ['SME', 'Construction'] } }),
    entry({
      entity: 'customer', op: 'update', customerGuid: retrying.customerGuid, id: retrying.customerGuid, attempts: 3, notBefore: Date.now() + 12 * 60e3,
      body: { homePhone: '018-12 34 56' }, lastFailure: { kind: 'server', status: 503, message: 'The server answered 503 Service Unavailable.' },
    }),
    entry({ entity: 'question', op: 'respond', customerGuid: f, id: question.actionGuid, body: { response: question.responses![0]!.code, note: 'Agreed on the phone' } }),
  ];
  rows['conflicts'] = [{
    id: 1, entityKey: `customer:${conflicted.customerGuid}`, entity: 'customer', customerGuid: conflicted.customerGuid, outboxSeq: 5,
    fields: [
      { field: 'email', base: conflicted.email, theirs: 'info@lindgrens-ekonomi.se', yours: 'kontakt@lindgrens.se' },
      { field: 'workPhone', base: conflicted.workPhone ?? null, theirs: '08-123 45 67', yours: '08-555 12 34' },
    ],
    theirs: { ...conflicted, email: 'info@lindgrens-ekonomi.se', workPhone: '08-123 45 67' },
    detectedAt: minutesAgo(9),
  }];
  // The last server versions, as a pull stores them: the working copies are rebuilt over these.
  const base = (entity: string, key: string, record: unknown) => ({ entity, key, record, fetchedAt: minutesAgo(120) });
  rows['bases'] = [
    ...[featured, refused, conflicted, retrying].map((c) => base('customer', c.customerGuid, c)),
    base('address', `${f}/${address.addressGuid}`, address),
    base('question', `${f}/${question.actionGuid}`, question),
  ];
  return rows;
}

type CheckedPage = Page & { errors: string[] };

async function open(s: Scenario, options: { rows?: Rows; height?: number; locale?: string } = {}): Promise<{ context: BrowserContext; page: CheckedPage }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: options.height ?? 900 }, colorScheme: 'light', locale: options.locale ?? 'en-GB' });
  await context.addInitScript(fakeBridge, s);
  const page = (await context.newPage()) as CheckedPage;
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) page.errors.push(message.text());
  });
  await page.goto(baseUrl);
  await page.getByRole('grid').waitFor();
  if (options.rows) {
    await putRows(page, `fieldbook-${s.activeId}`, options.rows);
    await page.reload();
    await page.getByRole('grid').waitFor();
  }
  return { context, page };
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`) });
/** Dark theme, after the buttons' colour transition has run (a shot mid-way shows grey buttons). */
async function dark(page: Page): Promise<void> {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForTimeout(400);
}
const go = (page: Page, route: Parameters<typeof hrefOf>[0]) => page.goto(`${baseUrl}${hrefOf(route)}`);

/** The user closes the window (running beforeunload): the question the page raised, or null when it closed without asking. */
async function closeWindow(page: Page): Promise<Dialog | null> {
  const asked = page.waitForEvent('dialog').then((dialog) => dialog, () => null);
  const closed = page.waitForEvent('close').then(() => null, () => null);
  await page.close({ runBeforeUnload: true });
  return Promise.race([asked, closed]);
}

const literally = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** The customers and stored sentences of whyRows(): every reason push and reconcile store, word for word as 0.1.0 stored them. */
const why = {
  /** Five customers no other customer shares a name with, so each change is found by its sentence. */
  customers: (): Customer[] => sorted.filter((c) => sorted.filter((d) => d.fullName === c.fullName).length === 1).slice(8, 13),
  stored: [
    'This address was deleted on the server after you edited it; your changes are kept here: discard them, or re-create it',
    'Its customer no longer exists on the server, so this cannot be saved there',
    'The question is no longer open on the server (someone else answered or removed it)',
    'A parameter named \'Segment\' already exists on the server with other values; rename yours or discard it',
    'Not sent: email: Must be an e-mail address',
    'The app stopped while this change was being sent',
  ],
  closedConflict: 3,
};

/** One change for every reason a change did not go, its failure stored as the sync layer stores it. */
function whyRows(): Rows {
  const rows = customerRows();
  const [gone, notSent, stopped, busy, unreachable] = why.customers() as [Customer, Customer, Customer, Customer, Customer];
  const [deleted, parentGone, closed, taken, invalid, appStopped] = why.stored as [string, string, string, string, string, string];
  const f = featured.customerGuid;
  const address = featured.addresses![0]!;
  const question = seedChildren(featured, SEED).questions.find((q) => (q.responses?.length ?? 0) > 0)!;
  let seq = 0;
  const entry = (fields: Record<string, unknown>) => {
    const { entity, customerGuid, id } = fields as { entity: string; customerGuid: string; id: string };
    const key = entity === 'customer' ? `customer:${customerGuid}` : `${entity}:${customerGuid}/${['parameter', 'extraField'].includes(entity) ? id.toLowerCase() : id}`;
    seq++;
    return { seq, entityKey: key, state: 'attention', attempts: 1, notBefore: 0, createdAt: minutesAgo(60 - seq * 4), updatedAt: minutesAgo(60 - seq * 4), ...fields };
  };
  const later = Date.now() + 30 * 60e3;
  rows['outbox'] = [
    entry({ entity: 'address', op: 'update', customerGuid: f, id: address.addressGuid, body: { houseNo: '3' }, lastFailure: { kind: 'not-found', message: deleted } }),
    entry({
      entity: 'address', op: 'create', customerGuid: gone.customerGuid, id: 'local-7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      body: { addressType: 'DELIVERY', street: 'Industrigatan', houseNo: '9', city: 'Luleå', countryCode: 'SE' },
      lastFailure: { kind: 'not-found', operation: 'createAddress', status: 404, message: parentGone, problem: { title: 'Not Found', status: 404, detail: 'No customer with this GUID' } },
    }),
    entry({ entity: 'question', op: 'respond', customerGuid: f, id: question.actionGuid, body: { response: question.responses![0]!.code }, lastFailure: { kind: 'not-found', operation: 'respondToQuestion', message: closed } }),
    entry({ entity: 'parameter', op: 'create', customerGuid: f, id: 'Segment', body: { name: 'Segment', value: 'SME' }, lastFailure: { kind: 'conflict', message: taken } }),
    entry({
      entity: 'customer', op: 'update', customerGuid: notSent.customerGuid, id: notSent.customerGuid, body: { email: 'inte en adress' },
      lastFailure: { kind: 'validation', message: invalid, fieldErrors: { email: ['Must be an e-mail address'] } },
    }),
    entry({ entity: 'customer', op: 'update', customerGuid: stopped.customerGuid, id: stopped.customerGuid, state: 'sending', body: { homePhone: '0920-123 45' }, lastFailure: { kind: 'unknown-outcome', message: appStopped } }),
    entry({
      entity: 'customer', op: 'update', customerGuid: busy.customerGuid, id: busy.customerGuid, state: 'pending', attempts: 2, notBefore: later, body: { workPhone: '08-555 00 11' },
      lastFailure: { kind: 'server', operation: 'getCustomer', status: 503, message: 'Could not get a customer: the server reported a fault (Service Unavailable).', problem: { title: 'Service Unavailable', status: 503 } },
    }),
    entry({
      entity: 'customer', op: 'update', customerGuid: unreachable.customerGuid, id: unreachable.customerGuid, state: 'pending', notBefore: later, body: { telefax: '08-555 00 12' },
      lastFailure: { kind: 'network', operation: 'getCustomer', message: 'Could not get a customer: the server could not be reached (connect ECONNREFUSED 10.0.0.7:443).' },
    }),
  ];
  // A conflict whose change is no longer in conflict (settled in another window a moment ago).
  rows['conflicts'] = [{
    id: why.closedConflict, entityKey: `customer:${unreachable.customerGuid}`, entity: 'customer', customerGuid: unreachable.customerGuid, outboxSeq: seq,
    fields: [{ field: 'telefax', base: null, theirs: '08-555 99 99', yours: '08-555 00 12' }],
    theirs: { ...unreachable, telefax: '08-555 99 99' }, detectedAt: minutesAgo(5),
  }];
  const base = (entity: string, key: string, record: unknown) => ({ entity, key, record, fetchedAt: minutesAgo(120) });
  rows['bases'] = [
    ...[featured, gone, notSent, stopped, busy, unreachable].map((c) => base('customer', c.customerGuid, c)),
    base('address', `${f}/${address.addressGuid}`, address),
    base('question', `${f}/${question.actionGuid}`, question),
  ];
  return rows;
}

/** Two changes made offline, as the journal in main keeps them (the outbox lost them). */
function journalOfTwo(): unknown[] {
  const at = minutesAgo(30);
  const guid = 'b7d3c2a1-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  return [
    { seq: 1, entity: 'customer', op: 'create', customerGuid: guid, id: guid, entityKey: `customer:${guid}`, body: { customerGuid: guid, fullName: 'Lindberg Fastigheter AB', juridicalType: 1 }, state: 'pending', attempts: 0, notBefore: 0, lastFailure: null, createdAt: at, updatedAt: at },
    { seq: 2, entity: 'parameter', op: 'create', customerGuid: guid, id: 'Risk class', entityKey: `parameter:${guid}/risk class`, body: { name: 'Risk class', value: 'A' }, state: 'pending', attempts: 0, notBefore: 0, lastFailure: null, createdAt: at, updatedAt: at },
  ];
}

describe('the sync screens in Chromium', () => {
  it('Pending changes: every state in words, the server\'s field errors, edit, discard twice, export', async () => {
    const { context, page } = await open(scenario(), { rows: queueRows(), height: 1480 });
    await go(page, { name: 'pending' });
    await page.getByRole('heading', { level: 1, name: 'Pending changes' }).waitFor();
    const article = (text: string | RegExp) => page.getByRole('article', { name: text });
    await article(/^Update customer .*: e-mail, mobile phone$/u).waitFor();
    await expect.poll(() => page.locator('.summary').textContent()).toMatch(/10 changes not yet synced.*for 5 customers/u);
    expect(await article(/^Update customer .*: e-mail, mobile phone$/u).textContent()).toContain('Pending');
    expect(await article(/^Add address “Industrivägen 4, Umeå” to Nordlund Bygg AB$/u).textContent()).toContain('Waiting for the customer to be created');
    expect(await article(/: home phone$/u).textContent()).toMatch(/Retrying at \d\d:\d\d after 3 attempts/u);
    const refused = article(/: invoice channel, preferred channel$/u);
    expect(await refused.textContent()).toContain('Must be one of LETTER, E-INVOICE, EMAIL or SMS');
    expect(await refused.textContent()).toContain('One or more validation errors occurred.');
    expect(await article(/^Answer a question about /u).count()).toBe(1);
    await shot(page, 'pending-light');
    await dark(page);
    await shot(page, 'pending-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Edit the refused change: the body's fields, checked with the schema before it is saved.
    await refused.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the change' });
    // The server's field error sits under the field it names.
    await dialog.locator('#edit-invoiceChannel-error').getByText('Must be one of LETTER, E-INVOICE, EMAIL or SMS').waitFor();
    await shot(page, 'pending-edit');
    await dialog.getByLabel('Another field…').or(dialog.locator('#edit-add')).first().selectOption('email');
    await dialog.getByRole('button', { name: 'Add field' }).click();
    await dialog.getByRole('textbox', { name: 'E-mail' }).fill('not an address');
    await dialog.getByRole('button', { name: 'Save and send' }).click();
    await dialog.getByText('Must be an e-mail address').waitFor();
    await shot(page, 'pending-edit-error');
    await dialog.getByRole('textbox', { name: 'E-mail' }).fill('faktura@example.se');
    await dialog.getByRole('textbox', { name: 'Invoice channel' }).fill('E-INVOICE');
    await dialog.getByRole('button', { name: 'Save and send' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => article(/: invoice channel, preferred channel, e-mail$/u).textContent()).toContain('Pending');

    // Discarding a customer's creation: confirmed, then confirmed again naming its details' changes.
    await article('New customer Nordlund Bygg AB').getByRole('button', { name: 'Discard' }).click();
    await page.getByRole('dialog', { name: 'Discard this change?' }).getByRole('button', { name: 'Discard the change' }).click();
    const second = page.getByRole('dialog', { name: 'Discard the changes to its details too?' });
    await second.getByText('Add extra field “Segment” to Nordlund Bygg AB').waitFor();
    await shot(page, 'pending-discard-children');
    await second.getByRole('button', { name: 'Keep them' }).click();
    expect(await article('New customer Nordlund Bygg AB').count()).toBe(1);

    await page.getByRole('button', { name: 'Export pending changes' }).click();
    await page.getByText('Saved 10 changes to /home/field/Documents/fieldbook-pending-changes.json').waitFor();
    expect(page.errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('the conflict view: base, theirs and yours per field, chosen by keyboard, resolved', async () => {
    const { context, page } = await open(scenario(), { rows: queueRows() });
    const conflicted = sorted[6]!;
    await go(page, { name: 'pending' });
    await page.getByRole('link', { name: 'Resolve' }).click();
    await page.getByRole('heading', { level: 1, name: `Conflict: ${conflicted.fullName}` }).waitFor();
    const phone = page.getByRole('group', { name: 'Work phone' });
    expect(await phone.getByRole('radio', { name: /Keep yours/u }).isChecked()).toBe(true);
    await shot(page, 'conflict-light');
    await phone.getByRole('radio', { name: /Keep yours/u }).focus();
    await page.keyboard.press('ArrowLeft');
    expect(await phone.getByRole('radio', { name: /Keep theirs/u }).isChecked()).toBe(true);
    await shot(page, 'conflict-choice');
    await dark(page);
    await shot(page, 'conflict-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('heading', { level: 1, name: 'Pending changes' }).waitFor();
    await expect.poll(() => page.getByRole('article', { name: `Update customer ${conflicted.fullName}: e-mail` }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Resolve' }).count()).toBe(0);
    expect(page.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('an empty queue says everything is synced, and when', async () => {
    const { context, page } = await open(scenario({ connectivity: 'online' }), { rows: { meta: [{ key: 'sync.lastSyncedAt', value: minutesAgo(6) }] } });
    await go(page, { name: 'pending' });
    await page.getByRole('heading', { name: 'Everything is synced' }).waitFor();
    await page.getByText(/Last synced at .* \(6 minutes ago\)/u).waitFor();
    await shot(page, 'pending-empty');
    await context.close();
  }, 60_000);

  it('Settings: profiles, the credential store, a form with errors, a failed test, unsynced changes on delete', async () => {
    const { context, page } = await open(scenario({ unsynced: 4 }), { height: 1300 });
    await go(page, { name: 'settings' });
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByText('The Demo profile uses the sandbox\'s built-in credentials; they cannot be changed.').waitFor();
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connected: the gateway answered in 84 ms.').waitFor();
    await shot(page, 'settings-demo');

    await page.getByRole('button', { name: /Nordbank production/u }).click();
    await page.getByRole('heading', { level: 2, name: 'Nordbank production' }).waitFor();
    await page.getByText('Stored in: OS keychain (libsecret / Secret Service)').waitFor();
    const secrets = page.locator('.secrets');
    await expect.poll(() => secrets.textContent()).toMatch(/Client secret.*Set.*API key.*Not set/u);
    expect(await page.getByLabel('Token URL').getAttribute('placeholder')).toBe(defaultTokenUrl(tenant.baseUrl));
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('The server refused the credentials.').waitFor();
    await shot(page, 'settings-profile');

    await page.getByLabel('Base URL').fill('http://gateway.nordbank.example/APIGW');
    await page.getByLabel('Download scope ($filter)').fill('juridicalType eq 1 and regDate gt 2020-13-01');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Must use https:\/\//u).waitFor();
    await expect.poll(() => page.locator('#profile-7b0c8b5e-2f0e-4c1e-9a51-3d7b9a2f4e10-downloadScope-note').textContent()).toContain('2020-13-01');
    await expect.poll(() => page.locator('.mirror mark').textContent()).toBe('2020-13-01');
    await shot(page, 'settings-form-error');

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete “Nordbank production”?' }).getByRole('button', { name: 'Delete profile' }).click();
    const unsynced = page.getByRole('dialog', { name: 'Changes have not reached the server' });
    await unsynced.getByText('“Nordbank production” has 4 changes that have not reached the server.').waitFor();
    await shot(page, 'settings-unsynced');
    await unsynced.getByRole('button', { name: 'Cancel' }).click();

    // The form still holds the refused edit: leaving it for a new profile asks first.
    await page.getByRole('button', { name: 'New profile' }).click();
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await page.getByRole('heading', { name: 'New connection profile' }).waitFor();
    await page.getByLabel('Authentication').selectOption('both');
    await shot(page, 'settings-new');

    await page.locator('.appearance label', { hasText: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inställningar' }).waitFor();
    // The new profile's form holds a choice: the question asks in Swedish before it is dropped.
    await page.getByRole('button', { name: /Nordbank production/u }).click();
    await page.getByRole('button', { name: 'Kasta ändringarna' }).click();
    await page.getByRole('heading', { level: 2, name: 'Nordbank production' }).waitFor();
    await shot(page, 'settings-sv');
    await page.locator('.appearance label', { hasText: 'English' }).click();
    expect(page.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('Prepare for offline: how many, progress with Cancel, and what finished', async () => {
    const { context, page } = await open(scenario({ connectivity: 'online', apiDelayMs: 90 }), { rows: customerRows() });
    // A prefix that selects a few dozen customers: enough to watch the bar move.
    const letters = [...new Set(customers.map((c) => (c.fullName ?? '').slice(0, 2)))];
    const prefix = letters.find((p) => {
      const n = customers.filter((c) => (c.fullName ?? '').toLowerCase().startsWith(p.toLowerCase())).length;
      return n >= 24 && n <= 60;
    }) ?? 'A';
    const expected = customers.filter((c) => (c.fullName ?? '').toLowerCase().startsWith(prefix.toLowerCase())).length;
    await page.getByRole('button', { name: 'Prepare for offline' }).click();
    const dialog = page.getByRole('dialog', { name: 'Prepare for offline' });
    await dialog.getByText('All customers on this computer').waitFor();
    await dialog.getByRole('radio', { name: 'Customers matching a $filter' }).check();
    await dialog.getByLabel('Customers where ($filter)').fill(`startswith(fullName, '${prefix}') and regDate gt 2020-13`);
    await dialog.getByRole('alert').waitFor();
    await dialog.getByLabel('Customers where ($filter)').fill(`startswith(fullName, '${prefix}')`);
    await dialog.getByText(`${expected} customers, full detail`).waitFor();
    await shot(page, 'offline-choose');
    await dialog.getByRole('button', { name: 'Download' }).click();
    const bar = dialog.getByRole('progressbar');
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(expected / 3);
    await shot(page, 'offline-progress');
    await dialog.getByText(`${expected} customers are now kept offline with full detail.`).waitFor({ timeout: 60_000 });
    await shot(page, 'offline-report');
    await dialog.locator('.buttons').getByRole('button', { name: 'Close' }).click();

    // Cancel keeps what finished and says how far it got.
    await page.getByRole('button', { name: 'Prepare for offline' }).click();
    await dialog.getByRole('button', { name: 'Download' }).click();
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(3);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.getByText(/^Cancelled after \d+ of 3,000 customers\.$/u).waitFor();
    await shot(page, 'offline-cancelled');
    expect(page.errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('re-authentication: a banner that keeps work going, and leads to the credentials', async () => {
    const s = scenario({ activeId: tenant.id, connectivity: 'online' });
    const { context, page } = await open(s);
    await page.evaluate((id) => (window as unknown as { __fake: { emit(e: string, p: unknown): void } }).__fake.emit('auth.changed', { profileId: id, state: 'rejected' }), tenant.id);
    const banner = page.getByRole('status').filter({ hasText: 'Fieldbook could not sign in to Nordbank production.' });
    await banner.getByText('Your changes are safe and waiting.').waitFor();
    await shot(page, 'reauth-banner');
    await banner.getByRole('button', { name: 'Update credentials' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('credentials');
    await shot(page, 'reauth-settings');
    await page.locator('.secrets li', { hasText: 'Client secret' }).getByRole('button', { name: 'Replace' }).click();
    await page.locator('#secret-clientSecret').fill('s3cret-from-the-admin');
    await page.locator('.secrets li', { hasText: 'Client secret' }).getByRole('button', { name: 'Save' }).click();
    await page.getByText('Client secret saved.').waitFor();
    await expect.poll(() => banner.count()).toBe(0);
    await shot(page, 'reauth-fixed');
    expect(page.errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('the restore notice: changes restored from the journal are announced and listed', async () => {
    const { context, page } = await open(scenario({ journal: journalOfTwo() }));
    const banner = page.getByRole('status').filter({ hasText: 'Restored 2 unsynced changes from the journal.' });
    await banner.waitFor();
    await shot(page, 'restore-banner');
    await banner.getByRole('link', { name: 'Show them' }).click();
    await page.getByRole('article', { name: 'New customer Lindberg Fastigheter AB' }).getByText('Checking whether it arrived').waitFor();
    await shot(page, 'restore-pending');
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    expect(await banner.count()).toBe(0);
    expect(page.errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('the restore notice in Swedish: the banner and each restored change say what happened in Swedish', async () => {
    const { context, page } = await open(scenario({ journal: journalOfTwo() }), { locale: 'sv-SE' });
    const banner = page.getByRole('status').filter({ hasText: 'Återställde 2 osynkade ändringar från journalen.' });
    await banner.waitFor();
    await banner.getByRole('link', { name: 'Visa dem' }).click();
    const restored = page.getByRole('article', { name: 'Ny kund Lindberg Fastigheter AB' });
    await restored.getByText('Kontrollerar om den kom fram').waitFor();
    await restored.getByText('Återställd från journalen efter att offlinedatabasen gick förlorad; Fieldbook kontrollerar med servern om ändringen redan har kommit fram innan den skickas.').waitFor();
    expect(await page.locator('main').textContent()).not.toContain('Restored from the journal');
    await shot(page, 'restore-pending-sv');
    expect(page.errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('why each change did not go, in Swedish, from entries stored as they always were; the server\'s words apart; in English after a switch', async () => {
    const { context, page } = await open(scenario(), { rows: whyRows(), height: 1600, locale: 'sv-SE' });
    await go(page, { name: 'pending' });
    await page.getByRole('heading', { level: 1, name: 'Väntande ändringar' }).waitFor();
    const main = page.locator('main');
    const said = async (entry: RegExp, ...texts: string[]) => {
      const article = page.getByRole('article', { name: entry });
      await article.waitFor();
      for (const text of texts) expect(await article.textContent(), `${entry} says ${text}`).toContain(text);
      return article;
    };
    const name = (c: Customer) => literally(c.fullName ?? '');
    const [gone, notSent, stopped, busy, unreachable] = why.customers() as [Customer, Customer, Customer, Customer, Customer];

    await said(/^Ändra adress /u, 'Behöver åtgärd', 'Posten togs bort på servern efter att du ändrade den. Dina ändringar finns kvar här: släng dem eller skapa posten igen.');
    // The reason in Swedish; what the server answered (its status, its problem document) is kept as it came.
    await said(new RegExp(`^Lägg till adress ”Industrigatan 9, Luleå” för ${name(gone)}$`, 'u'),
      'Kunden finns inte längre på servern, så det här kan inte sparas där.', '404', 'Not Found: No customer with this GUID');
    await said(/^Besvara en fråga om /u, 'Frågan är inte längre öppen på servern: någon annan har besvarat eller tagit bort den.');
    await said(/^Lägg till parameter ”Segment” för /u, 'Namnet ”Segment” är redan upptaget på servern, med andra värden: byt namn på ditt eller släng det.');
    await said(new RegExp(`^Ändra kund ${name(notSent)}: e-post$`, 'u'),
      'Inte skickad: några värden följer inte serverns regler.', 'E-post', 'Inte en e-postadress');
    await said(new RegExp(`^Ändra kund ${name(stopped)}: hemtelefon$`, 'u'), 'Kontrollerar om den kom fram', 'Appen stängdes medan ändringen skickades.');
    await said(new RegExp(`^Ändra kund ${name(busy)}: arbetstelefon$`, 'u'), 'Senaste försöket: Servern fick ett fel. HTTP 503: Service Unavailable');
    await said(new RegExp(`^Ändra kund ${name(unreachable)}: telefax$`, 'u'), 'Senaste försöket: Servern gick inte att nå.');
    const text = await main.textContent() ?? '';
    for (const english of [...why.stored, 'Could not', 'Last attempt', 'ECONNREFUSED']) expect(text, english).not.toContain(english);
    await shot(page, 'pending-why-sv');

    // The edit dialog of a refused change says why in Swedish too.
    await page.getByRole('article', { name: new RegExp(`^Ändra kund ${name(notSent)}: e-post$`, 'u') }).getByRole('button', { name: 'Ändra' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ändra ändringen' });
    await dialog.getByText('Inte skickad: några värden följer inte serverns regler.').waitFor();
    await dialog.getByRole('button', { name: 'Avbryt' }).first().click();
    await dialog.waitFor({ state: 'detached' });

    // A conflict settled meanwhile (its change is no longer in conflict): Resolve says so in Swedish.
    await go(page, { name: 'conflict', id: why.closedConflict });
    await page.getByRole('heading', { level: 1, name: `Konflikt: ${unreachable.fullName}` }).waitFor();
    await page.getByRole('button', { name: 'Lös konflikten' }).click();
    await page.getByRole('alert').getByText('Konflikten är inte längre öppen: den har lösts, eller så har ändringen slängts.').waitFor();
    expect(await main.textContent()).not.toContain('no longer open');

    // The same entries in English once the user picks English: the page says keys, not the stored sentences.
    await go(page, { name: 'pending' });
    await page.getByRole('button', { name: 'Utseende och språk' }).click();
    await page.locator('#appearance-panel').getByRole('combobox').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Pending changes' }).waitFor();
    await said(/^Update address /u, 'This was deleted on the server after you changed it. Your changes are kept here: discard them, or create it again.');
    await said(/^Answer a question about /u, 'The question is no longer open on the server: someone else answered or removed it.');
    await said(new RegExp(`^Update customer ${name(stopped)}: home phone$`, 'u'), 'The app stopped while this change was being sent.');
    await said(new RegExp(`^Update customer ${name(unreachable)}: telefax$`, 'u'), 'Last attempt: The server could not be reached.');
    expect(page.errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('a journal that cannot be read at start is announced in the user\'s language', async () => {
    const { context, page } = await open(scenario({ journalUnreadable: true }), { locale: 'sv-SE' });
    const banner = page.getByRole('status').filter({ hasText: 'Säkerhetsjournalen med osynkade ändringar gick inte att läsa; Fieldbook fortsätter att försöka skriva den.' });
    await banner.waitFor();
    expect(await banner.textContent()).not.toContain('safety journal');
    await shot(page, 'journal-unreadable-sv');
    await banner.getByRole('button', { name: 'Stäng' }).click();
    expect(await banner.count()).toBe(0);
    expect(page.errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('closing the window while a queued change is being edited asks first; once saved it does not', async () => {
    const { context, page } = await open(scenario(), { rows: queueRows() });
    await go(page, { name: 'pending' });
    const refused = page.getByRole('article', { name: /: invoice channel, preferred channel$/u });
    await refused.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit the change' });
    const channel = dialog.getByRole('textbox', { name: 'Invoice channel' });
    await channel.fill('E-INVOICE');

    const question = await closeWindow(page);
    expect(question?.type()).toBe('beforeunload');
    await question!.dismiss();
    expect(page.isClosed()).toBe(false);
    expect(await channel.inputValue()).toBe('E-INVOICE');

    await dialog.getByRole('button', { name: 'Save and send' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await closeWindow(page)).toBeNull();
    expect(page.isClosed()).toBe(true);
    expect(page.errors).toEqual([]);
    await context.close();
  }, 60_000);
});
