import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMainBridge } from '../../electron/bridge';
import type { Sandbox } from '../../electron/sandbox';
import { fakeSafeStorage, missingKeytar } from '../credentials/fake-safe-storage';
import { installBridge } from '../support/bridge-harness';
import { serveDir, type BridgedPage, type TestBrowser } from '../support/browser-page';

/*
 * The bench's bridged page: openBridgedPage() of test/support/browser-page, with the two
 * differences a measurement needs.
 *
 * 1. The main-process side is built as the PACKAGED app builds it: `checkResults` off (the
 *    e2e helper turns it on, as a development build does: every answer is walked and
 *    re-validated once more in main) and the API client's own timeouts and retries.
 * 2. Besides `window.fieldbook` (Playwright's binding, which the real UI in app.html uses), the
 *    bench page gets `window.__benchInvoke(channel, json)`: the same bridge.invoke(), with the
 *    arguments and the result passed as JSON TEXT. Playwright's binding serializes a result
 *    object value by value and validates it against its protocol, which cost ~35 ms of CPU per
 *    page of 100 customers, more than everything else in the path together, so the transfer
 *    figures measured Playwright. A JSON string crosses as one value: stringify in Node plus
 *    parse in the page is about what Electron's structured-clone IPC costs for the same data.
 */

export async function openBenchPage(browser: TestBrowser, dir: string, sandbox: Sandbox): Promise<BridgedPage> {
  const server = await serveDir(dir);
  const dataDir = await mkdtemp(join(tmpdir(), 'fieldbook-bench-main-'));
  const main = createMainBridge({
    dataDir,
    app: () => ({ version: '0.1.0', platform: 'linux', locale: 'en-GB' }),
    allowedOrigins: [server.origin],
    vault: { platform: 'linux', loadKeytar: missingKeytar, safeStorage: fakeSafeStorage() },
    session: {
      // The caller owns the sandbox: the session's shutdown must not close it.
      demo: { start: async () => ({ ...sandbox, close: async () => undefined }) },
      // No background probing: the bench decides when the network is used.
      connectivity: { onlineIntervalMs: 0, backoff: { baseDelayMs: 600_000, maxDelayMs: 600_000 } },
    },
    log: () => undefined,
    checkResults: false,
  });
  const page = await browser.context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') process.stderr.write(`[page] ${message.text()}\n`);
  });
  page.on('pageerror', (error) => process.stderr.write(`[page] ${error.stack ?? error.message}\n`));
  // tsx compiles with keepNames: functions serialized into the page call `__name`.
  await page.addInitScript({ content: 'globalThis.__name ??= (target) => target;' });
  const installed = await installBridge(page, main.bridge, { origin: server.origin });
  await page.exposeBinding('__benchInvoke', async (source, channel: string, json: string) =>
    JSON.stringify(await main.bridge.invoke(channel, json === '' ? undefined : JSON.parse(json), { url: source.frame.url() })));
  const url = `${server.origin}/index.html`;
  await page.goto(url);
  return {
    page,
    url,
    main,
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    async close() {
      installed.dispose();
      await page.close().catch(() => undefined);
      await main.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
