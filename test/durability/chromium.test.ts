import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../renderer/src/cache/records';
import type { DurabilityReport, DurabilityText } from '../../renderer/src/durability';
import { createHarness, type Harness } from '../bridge/helpers';
import { chromiumArgs, chromiumExecutable, installBridge } from '../support/bridge-harness';

// The restore in real Chromium: the renderer's durability code (bundled from page-entry.ts) on
// the browser's own IndexedDB, with the real main-process bridge behind window.fieldbook. The
// page queues changes, the database is deleted from the page (indexedDB.deleteDatabase), the
// page reloads, and the changes are back from the journal.

type Opened = { kind: 'ready'; report: DurabilityReport; outbox: OutboxEntry[] } | { kind: 'unavailable'; message: DurabilityText };
interface PageApi {
  open(profileId: string): Promise<Opened>;
  queueChanges(): Promise<string>;
  customer(guid: string): Promise<unknown>;
  close(): void;
}
declare global {
  interface Window {
    durability: PageApi;
  }
}

const root = resolve(import.meta.dirname, '../..');
let bundleDir: string;
let server: Server;
let origin: string;
let h: Harness;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  bundleDir = await mkdtemp(join(tmpdir(), 'fieldbook-durability-page-'));
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir: bundleDir,
      emptyOutDir: false,
      minify: false,
      lib: { entry: join(root, 'test/durability/page-entry.ts'), formats: ['iife'], name: 'fieldbookDurability', fileName: () => 'durability.js' },
    },
  });
  const script = await readFile(join(bundleDir, 'durability.js'), 'utf8');
  const html = '<!doctype html><html><head><meta charset="utf-8"><title>Fieldbook durability</title><script src="/durability.js"></script></head><body></body></html>';
  server = createServer((req, res) => {
    if (req.url === '/durability.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  h = await createHarness({ customers: 5, origins: [origin] });
  browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs, headless: true });
  page = await browser.newPage();
  await installBridge(page, h.main.bridge, { origin });
  await page.goto(`${origin}/index.html`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await h?.close();
  await new Promise((done) => server?.close(done));
  if (bundleDir) await rm(bundleDir, { recursive: true, force: true });
});

describe('restore in Chromium', () => {
  it('changes queued, the database deleted from the page, a reload: the changes are back', async () => {
    const first = await page.evaluate(() => window.durability.open('demo'));
    expect(first).toMatchObject({ kind: 'ready', report: { restored: 0, journal: 'ok', persisted: expect.any(Boolean) }, outbox: [] });
    const guid = await page.evaluate(() => window.durability.queueChanges());
    expect(await h.main.journal.count('demo')).toBe(2);

    const deleted = await page.evaluate(async () => {
      window.durability.close();
      return new Promise<string>((done) => {
        const request = indexedDB.deleteDatabase('fieldbook-demo');
        request.onsuccess = () => done('deleted');
        request.onerror = () => done('error');
        request.onblocked = () => done('blocked');
      });
    });
    expect(deleted).toBe('deleted');
    await page.reload();

    const second = await page.evaluate(() => window.durability.open('demo'));
    expect(second).toMatchObject({
      kind: 'ready',
      report: { restored: 2, restoredBecause: 'outbox-empty', messages: [{ key: 'durability.restored', params: { count: 2 } }] },
    });
    const outbox = second.kind === 'ready' ? second.outbox : [];
    expect(outbox.map((e) => [e.entity, e.op, e.state])).toEqual([['customer', 'create', 'sending'], ['parameter', 'create', 'sending']]);
    expect(await page.evaluate((id) => window.durability.customer(id), guid)).toMatchObject({ fullName: 'Chromium Kund AB', localOnly: true });
  });
});
