import type { Rectangle } from 'electron';
import type { BrowserWindowFacade, WindowFacade } from './facade';
import { MIN_SIZE } from './window-state';

/*
 * The one window. Its renderer is an ordinary, untrusted web page: isolated from the preload's
 * world, sandboxed by the OS, without Node, with the same-origin policy on, with no insecure
 * content, no experimental web platform features and no <webview>. Developer tools exist only
 * unpackaged. The options are written out at the `new BrowserWindow` call on purpose: that is
 * where a reviewer, and Electronegativity, look for them.
 */
export function createMainWindow(BrowserWindow: BrowserWindowFacade, bounds: Rectangle, preload: string, isPackaged: boolean): WindowFacade {
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Fieldbook',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Off: Chromium's spellchecker downloads dictionaries from Google's servers.
      spellcheck: false,
      devTools: !isPackaged,
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
