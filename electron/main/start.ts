import { join } from 'node:path';
import { removeStaleTempFiles } from '../files/atomic-write';
import { APP_ENTRY_URL, APP_ORIGIN, installAppProtocol, registerAppScheme } from './app-protocol';
import type { ElectronFacade, WindowFacade } from './facade';
import { installMenu } from './menu';
import { hardenAllWebContents } from './navigation';
import { lockDownPermissions, originOf } from './permissions';
import { bringToFront, claimSingleInstance } from './single-instance';
import { guardUnload } from './unload-guard';
import { createMainWindow } from './window';
import { applyRestoredState, loadWindowState, restoreBounds, saveWindowState, trackWindowState, windowStatePath } from './window-state';

/*
 * The shell's start-up, in order. Everything before the first await runs synchronously when
 * index.ts calls startApp, i.e. before Electron is ready, as scheme registration and
 * app.enableSandbox require.
 */

export const APP_NAME = 'Fieldbook';

export interface StartOptions {
  /** The folder of the built main process (out/main): the preload and the renderer sit beside it. */
  readonly mainDir: string;
  readonly platform: NodeJS.Platform;
  /** electron-vite's dev server (ELECTRON_RENDERER_URL); used only unpackaged, and only on this machine. */
  readonly devServerUrl?: string | undefined;
  /**
   * The IPC bridge (electron/main/ipc.ts): called once, with the main window, before its page
   * loads, so every handler exists when the renderer first calls.
   */
  readonly registerIpc?: (window: WindowFacade) => void | Promise<void>;
  readonly log?: (message: string) => void;
}

/** Only a dev server on the loopback interface: an environment variable must not point the app at the network. */
export function isLocalDevServerUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    && url.username === '' && url.password === '';
}

/** What the window loads: the app protocol, or (unpackaged, when electron-vite dev runs) the dev server. */
export function entryUrl(isPackaged: boolean, devServerUrl: string | undefined): string {
  return !isPackaged && devServerUrl && isLocalDevServerUrl(devServerUrl) ? devServerUrl : APP_ENTRY_URL;
}

/** Resolves with the main window once its page is loading, or null when another instance runs. */
export async function startApp(electron: ElectronFacade, options: StartOptions): Promise<WindowFacade | null> {
  const { app } = electron;
  const log = options.log ?? ((message: string) => console.error(message));
  registerAppScheme(electron.protocol);
  app.enableSandbox();

  let mainWindow: WindowFacade | null = null;
  if (!claimSingleInstance(app, () => mainWindow)) return null;
  hardenAllWebContents(app, electron.shell, log);
  // One window and one set of IPC handlers: closing it quits, on macOS too, which also drops the
  // session's access tokens from memory. Clicking the dock icon meanwhile just brings it forward.
  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => bringToFront(mainWindow));

  await app.whenReady();
  const entry = entryUrl(app.isPackaged, options.devServerUrl);
  const pageOrigin = originOf(entry);
  lockDownPermissions(electron.session.defaultSession, pageOrigin && pageOrigin !== APP_ORIGIN ? [APP_ORIGIN, pageOrigin] : [APP_ORIGIN]);
  installAppProtocol(electron.protocol, join(options.mainDir, '../renderer'));
  installMenu(electron.Menu, { platform: options.platform, isPackaged: app.isPackaged, appName: APP_NAME });

  const statePath = windowStatePath(app.getPath('userData'));
  await removeStaleTempFiles(statePath);
  const saved = await loadWindowState(statePath);
  const bounds = restoreBounds(saved, electron.screen.getAllDisplays().map((display) => display.workArea), electron.screen.getPrimaryDisplay().workArea);
  const window = createMainWindow(electron.BrowserWindow, bounds, join(options.mainDir, '../preload/index.cjs'), app.isPackaged);
  mainWindow = window;
  applyRestoredState(window, saved);
  // Closing, quitting or reloading with unsaved typing in a form: the user decides (Stay by default).
  guardUnload(window, electron.dialog, () => app.getLocale());

  const tracker = trackWindowState(window, (state) => saveWindowState(statePath, state));
  let stateWritten = false;
  app.on('will-quit', (event) => {
    if (stateWritten) return;
    // Let the last window-state write finish (it is atomic either way), then quit for real.
    event.preventDefault();
    void tracker.flush().finally(() => {
      stateWritten = true;
      app.quit();
    });
  });

  await options.registerIpc?.(window);
  await window.loadURL(entry);
  return window;
}
