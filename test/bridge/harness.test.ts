import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumExecutable, installBridge } from '../support/bridge-harness';
import { createHarness, type Harness } from './helpers';

// The e2e transport in real Chromium: a page served over http gets `window.fieldbook` with the
// preload's shape, its calls reach the bridge with the calling frame's URL as the sender, and
// the bridge's events arrive in the page.

const html = '<!doctype html><html><head><meta charset="utf-8"><title>Fieldbook harness</title></head><body><p>harness</p></body></html>';

function serve(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  }));
}

let h: Harness;
let browser: Browser;
let page: Page;
let app: { server: Server; origin: string };
let foreign: { server: Server; origin: string };

beforeAll(async () => {
  app = await serve();
  foreign = await serve();
  h = await createHarness({ customers: 9, origins: [app.origin] });
  browser = await chromium.launch({ executablePath: chromiumExecutable, args: chromiumArgs, headless: true });
  page = await browser.newPage();
  await installBridge(page, h.main.bridge, { origin: app.origin });
  await page.goto(`${app.origin}/index.html`);
});

afterAll(async () => {
  await browser?.close();
  await h?.close();
  for (const { server } of [app, foreign]) if (server) await new Promise((resolve) => server.close(resolve));
});

describe('the bridge in Chromium', () => {
  it('answers profiles.list and api.call from the page', async () => {
    const listing = await page.evaluate(() => window.fieldbook?.invoke('profiles.list'));
    expect(listing).toMatchObject({ ok: true, value: { activeId: 'demo', profiles: [{ id: 'demo' }] } });
    const page2 = await page.evaluate(() => window.fieldbook?.invoke('api.call', { operation: 'listCustomers', params: {}, query: { top: 4 } }));
    expect(page2).toMatchObject({ ok: true, value: { total: 9, count: 4 } });
    expect((page2 as { value: { value: unknown[] } }).value.value).toHaveLength(4);
  });

  it('delivers events to the page, payload only', async () => {
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as unknown as { seen: unknown[] }).seen = seen;
      window.fieldbook?.on('profiles.changed', (payload) => seen.push(payload));
    });
    const created = await page.evaluate(() => window.fieldbook?.invoke('profiles.create', {
      input: { name: 'From Chromium', kind: 'aptic', baseUrl: 'https://gw.example.com/APIGW', authMode: 'apikey' },
    }));
    expect(created).toMatchObject({ ok: true, value: { name: 'From Chromium' } });
    await page.waitForFunction(() => (window as unknown as { seen: unknown[] }).seen.length > 0);
    expect(await page.evaluate(() => (window as unknown as { seen: unknown[] }).seen)).toEqual([{ activeId: 'demo' }]);
  });

  it('keeps to the contract, as the preload does', async () => {
    expect(await page.evaluate(() => (window.fieldbook as unknown as { invoke(c: string): Promise<unknown> }).invoke('shell.exec'))).toMatchObject({
      ok: false, failure: { kind: 'invalid-request' },
    });
    expect(await page.evaluate(() => window.fieldbook?.invoke('profiles.remove', { id: 'demo', force: true } as { id: string }))).toMatchObject({
      ok: false, failure: { kind: 'invalid-request', fieldErrors: { force: ['Is not a field of this request'] } },
    });
    expect(await page.evaluate(() => {
      try {
        (window.fieldbook as unknown as { on(e: string, l: () => void): void }).on('anything', () => undefined);
        return 'subscribed';
      } catch (error) {
        return (error as Error).name;
      }
    })).toBe('TypeError');
    expect(await page.evaluate(() => Object.keys(window.fieldbook ?? {}).sort())).toEqual(['invoke', 'on']);
  });

  it('refuses a page of another origin, even with window.fieldbook in it', async () => {
    const other = await browser.newPage();
    await installBridge(other, h.main.bridge);
    await other.goto(`${foreign.origin}/index.html`);
    expect(await other.evaluate(() => window.fieldbook?.invoke('profiles.list'))).toMatchObject({ ok: false, failure: { kind: 'forbidden-sender' } });
    await other.close();
  });
});
