import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { entryUrl, isLocalDevServerUrl, startApp } from '../../electron/main/start';
import type { WindowFacade } from '../../electron/main/facade';
import { FakeEvent, FakeWindow, fakeElectron, type FakeElectron } from './fake-electron';

let userData: string;
beforeEach(async () => {
  userData = await mkdtemp(join(tmpdir(), 'fieldbook-start-'));
});
afterEach(async () => {
  await rm(userData, { recursive: true, force: true });
});

const mainDir = '/opt/Fieldbook/resources/app.asar/out/main';

async function started(electron: FakeElectron, options: Partial<Parameters<typeof startApp>[1]> = {}): Promise<FakeWindow> {
  const window = startApp(electron, { mainDir, platform: 'linux', log: () => undefined, ...options });
  electron.app.becomeReady();
  const result = await window;
  expect(result).toBeInstanceOf(FakeWindow);
  return result as FakeWindow;
}

describe('startApp', () => {
  it('registers the app scheme and sandboxes all renderers before the app is ready', async () => {
    const electron = fakeElectron({ userData });
    const running = startApp(electron, { mainDir, platform: 'linux' });
    expect(electron.app.calls).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'requestSingleInstanceLock']);
    expect(electron.protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
    expect(FakeWindow.created).toHaveLength(0);
    electron.app.becomeReady();
    await running;
    expect(electron.app.sandboxed).toBe(true);
  });

  it('quits at once, creating nothing, when another instance is running', async () => {
    const electron = fakeElectron({ userData, lock: false });
    const running = startApp(electron, { mainDir, platform: 'linux' });
    electron.app.becomeReady();
    expect(await running).toBeNull();
    expect(electron.app.quitCount).toBe(1);
    expect(FakeWindow.created).toHaveLength(0);
    expect(electron.protocol.handlers.size).toBe(0);
  });

  it('creates one hardened window that loads the app protocol, with the preload beside the main bundle', async () => {
    const electron = fakeElectron({ userData });
    const window = await started(electron);
    expect(FakeWindow.created).toEqual([window]);
    expect(window.loaded).toEqual([APP_ENTRY_URL]);
    expect(window.options.webPreferences).toMatchObject({
      preload: join(mainDir, '../preload/index.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, devTools: false,
    });
    expect(window.options.webPreferences).not.toHaveProperty('allowRunningInsecureContent', true);
    expect(window.options.webPreferences).not.toHaveProperty('experimentalFeatures', true);
  });

  it('serves out/renderer through app:// with the policy header, and nothing above it', async () => {
    const electron = fakeElectron({ userData });
    // mainDir/../renderer is what the handler serves: point mainDir into a temp tree.
    const out = await mkdtemp(join(tmpdir(), 'fieldbook-out-'));
    try {
      await mkdir(join(out, 'renderer'));
      await mkdir(join(out, 'main'));
      await writeFile(join(out, 'renderer', 'index.html'), '<title>built</title>');
      await writeFile(join(out, 'outside.html'), 'outside');
      await started(electron, { mainDir: join(out, 'main') });
      const handler = electron.protocol.handlers.get('app')!;
      const page = await handler({ url: APP_ENTRY_URL, method: 'GET' });
      expect(await page.text()).toBe('<title>built</title>');
      expect(page.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      expect((await handler({ url: 'app://fieldbook/../outside.html', method: 'GET' })).status).toBe(404);
      expect((await handler({ url: 'app://fieldbook/..%2foutside.html', method: 'GET' })).status).toBe(403);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('denies permissions, installs the menu and hardens every webContents', async () => {
    const electron = fakeElectron({ userData });
    const window = await started(electron);
    const session = electron.session.defaultSession;
    expect(session.check('media', 'app://fieldbook')).toBe(false);
    expect(session.request('geolocation', APP_ENTRY_URL)).toEqual([false]);
    expect(session.request('persistent-storage', APP_ENTRY_URL)).toEqual([true]);
    expect(session.request('persistent-storage', 'http://localhost:5173/')).toEqual([false]);
    expect(electron.Menu.applied?.template.map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    // The window's own webContents goes through web-contents-created in Electron; here the test fires it.
    electron.app.emit('web-contents-created', new FakeEvent(), window.webContents);
    expect(window.webContents.navigate('https://example.com/')).toBe(true);
    expect(electron.shell.opened).toEqual(['https://example.com/']);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('calls the IPC bridge once, with the window, before the page loads', async () => {
    const electron = fakeElectron({ userData });
    const seen: Array<{ window: WindowFacade; loadedBefore: number }> = [];
    const window = await started(electron, {
      registerIpc: async (w) => {
        seen.push({ window: w, loadedBefore: (w as FakeWindow).loaded.length });
      },
    });
    expect(seen).toEqual([{ window, loadedBefore: 0 }]);
    expect(window.loaded).toEqual([APP_ENTRY_URL]);
  });

  it('loads the dev server only unpackaged and only on this machine', async () => {
    const dev = fakeElectron({ userData, isPackaged: false });
    expect(await started(dev, { devServerUrl: 'http://localhost:5173/' })).toMatchObject({ loaded: ['http://localhost:5173/'] });
    expect(dev.session.defaultSession.request('persistent-storage', 'http://localhost:5173/')).toEqual([true]);
    expect(await started(fakeElectron({ userData, isPackaged: true }), { devServerUrl: 'http://localhost:5173/' })).toMatchObject({ loaded: [APP_ENTRY_URL] });
    expect(entryUrl(false, 'http://evil.example:5173/')).toBe(APP_ENTRY_URL);
    expect(entryUrl(false, undefined)).toBe(APP_ENTRY_URL);
    for (const url of ['http://127.0.0.1:5173', 'http://[::1]:5173/', 'https://localhost:5173']) expect(isLocalDevServerUrl(url), url).toBe(true);
    for (const url of ['http://192.168.1.2:5173', 'file:///tmp/index.html', 'http://localhost.evil.example', 'http://user:pw@localhost:5173', 'nonsense']) {
      expect(isLocalDevServerUrl(url), url).toBe(false);
    }
  });

  it('opens where the window was left, clamped to the displays there are now', async () => {
    await writeFile(join(userData, 'window-state.json'), JSON.stringify({ x: 3000, y: 100, width: 1000, height: 700, maximized: true, fullScreen: false }));
    const electron = fakeElectron({ userData, workAreas: [{ x: 0, y: 0, width: 1920, height: 1040 }] });
    const window = await started(electron);
    expect(window.options).toMatchObject({ x: 460, y: 170, width: 1000, height: 700 });
    expect(window.maximized).toBe(true);
  });

  it('saves the window state on close, and lets the app quit only once it is written', async () => {
    const electron = fakeElectron({ userData });
    const window = await started(electron);
    window.bounds = { x: 5, y: 6, width: 1000, height: 700 };
    window.emit('close');
    const quit = new FakeEvent();
    electron.app.emit('will-quit', quit);
    expect(quit.defaultPrevented).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(electron.app.quitCount).toBe(1);
    const again = new FakeEvent();
    electron.app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
    expect(JSON.parse(await readFile(join(userData, 'window-state.json'), 'utf8'))).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: false, fullScreen: false });
  });

  it('asks before its page unloads with unsaved input, in the language of the system, and keeps it on Stay', async () => {
    const electron = fakeElectron({ userData });
    electron.app.locale = 'sv-SE';
    const window = await started(electron);
    // The page's beforeunload cancelled the close; Electron asks main.
    expect(window.webContents.preventUnload()).toBe(false);
    expect(electron.dialog.shown).toHaveLength(1);
    expect(electron.dialog.shown[0]).toMatchObject({ window, options: { message: 'Lämna utan att spara?', defaultId: 1, cancelId: 1 } });
    electron.dialog.answer = 0;
    expect(window.webContents.preventUnload()).toBe(true);
  });

  it('quits when its window closes, on every platform, and brings the window forward on activate', async () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const electron = fakeElectron({ userData });
      const window = await started(electron, { platform });
      window.minimized = true;
      electron.app.emit('activate');
      expect(window.minimized).toBe(false);
      electron.app.emit('window-all-closed');
      expect(electron.app.quitCount, platform).toBe(1);
    }
  });
});
