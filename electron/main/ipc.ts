import { app, BrowserWindow, dialog, ipcMain, safeStorage } from 'electron';
import { join } from 'node:path';
import { invokeChannels, ipcChannelOf, ipcEventChannel } from '../../shared/ipc';
import { createMainBridge } from '../bridge';
import { APP_ENTRY_URL, APP_ORIGIN } from './app-protocol';
import type { WindowFacade } from './facade';
import { entryUrl } from './start';

/*
 * The bridge plugged into Electron: one ipcMain.handle per contract channel, and the bridge's
 * events sent to the app's window. Deliberately logic-free; every decision (sender, payload,
 * failures) is made in electron/bridge, which is tested without Electron. startApp calls this
 * once, after `ready` (safeStorage and the locale need it) and before the page loads.
 */

export interface IpcOptions {
  /** electron-vite's dev server, as startApp got it: its origin may call only when the window loads it. */
  readonly devServerUrl?: string | undefined;
}

export function registerIpc(_window: WindowFacade, options: IpcOptions = {}): void {
  const dataDir = app.getPath('userData');
  const log = (line: string): void => console.log(line);
  const entry = entryUrl(app.isPackaged, options.devServerUrl);
  const main = createMainBridge({
    dataDir,
    app: () => ({ version: app.getVersion(), platform: process.platform, locale: app.getLocale() }),
    allowedOrigins: entry === APP_ENTRY_URL ? [APP_ORIGIN] : [APP_ORIGIN, new URL(entry).origin],
    vault: { safeStorage },
    session: { demo: { persistFile: join(dataDir, 'demo-sandbox.json') } },
    log,
    checkResults: !app.isPackaged,
    // journal.export: the user picks where the pending changes go (main writes; the renderer never names a path).
    chooseSavePath: async (defaultName) => {
      const options = { defaultPath: join(app.getPath('documents'), defaultName), filters: [{ name: 'JSON', extensions: ['json'] }] };
      const parent = BrowserWindow.getFocusedWindow();
      const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
    },
  });

  for (const channel of invokeChannels) {
    // senderFrame is null once the frame navigated away or was destroyed: such a call is refused.
    ipcMain.handle(ipcChannelOf(channel), (event, args: unknown) => main.bridge.invoke(channel, args, { url: event.senderFrame?.url ?? '' }));
  }

  main.bridge.onEvent((event) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (!contents.isDestroyed() && main.bridge.isAllowedSender(contents.getURL())) contents.send(ipcEventChannel, event);
    }
  });
  main.session.start().catch((error: unknown) => log(`session: could not start: ${String(error)}`));

  // Before quitting: stop probing, drop tokens, and let the demo sandbox flush its data.
  let closed = false;
  let closing: Promise<void> | undefined;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    closing ??= main.close().catch((error: unknown) => log(`session: could not close: ${String(error)}`)).finally(() => {
      closed = true;
      app.quit();
    });
  });
}
