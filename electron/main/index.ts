import { app, BrowserWindow, dialog, Menu, protocol, screen, session, shell } from 'electron';
import { registerIpc } from './ipc';
import { startApp } from './start';

/*
 * The Electron shell: the real modules handed to startApp, which wires the shell's parts (each in
 * its own file, tested under Node with a fake facade in test/shell), and the IPC bridge plugged in
 * through its registerIpc hook. The Electron binary cannot run in CI here, so nothing else
 * happens in this file.
 */

const devServerUrl = process.env['ELECTRON_RENDERER_URL'];

startApp(
  {
    app, BrowserWindow, Menu, protocol, screen, session, shell,
    // The facade's windows are the BrowserWindows startApp created through the facade.
    dialog: { showMessageBoxSync: (window, options) => dialog.showMessageBoxSync(window as BrowserWindow, options) },
  },
  { mainDir: import.meta.dirname, platform: process.platform, devServerUrl, registerIpc: (window) => registerIpc(window, { devServerUrl }) },
).catch((error: unknown) => {
  console.error('Fieldbook could not start:', error);
  app.exit(1);
});
