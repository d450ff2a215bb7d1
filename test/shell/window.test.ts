import { describe, expect, it } from 'vitest';
import { createMainWindow } from '../../electron/main/window';
import { FakeWindow } from './fake-electron';

const bounds = { x: 10, y: 20, width: 1000, height: 700 };
const create = (isPackaged: boolean) => createMainWindow(FakeWindow, bounds, '/app/out/preload/index.cjs', isPackaged) as FakeWindow;

describe('the main window', () => {
  it('isolates, sandboxes and strips Node from its renderer', () => {
    expect(create(true).options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
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
      spellcheck: false,
      devTools: false,
    });
    // (toEqual: nothing else either — no enableBlinkFeatures, additionalArguments or partition.)
  });

  it('allows developer tools only unpackaged', () => {
    expect(create(false).options.webPreferences?.devTools).toBe(true);
    expect(create(true).options.webPreferences?.devTools).toBe(false);
  });

  it('is created hidden at the given bounds, and shown when ready', () => {
    const window = create(true);
    expect(window.options).toMatchObject({ ...bounds, show: false, minWidth: 800, minHeight: 560, title: 'Fieldbook' });
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });
});
