import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';

/*
 * The Electron shell: kept thin on purpose, since the Electron binary cannot run in CI here.
 * Everything it wires together (sandbox, API client, vault, IPC handlers) is plain Node code
 * tested without Electron.
 */

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'Fieldbook',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  // electron-vite serves the renderer in development and builds it to out/renderer otherwise.
  const devServer = process.env['ELECTRON_RENDERER_URL'];
  if (!app.isPackaged && devServer) void window.loadURL(devServer);
  else void window.loadFile(join(import.meta.dirname, '../renderer/index.html'));
}

app.whenReady().then(createWindow, (error: unknown) => {
  console.error('Fieldbook could not start:', error);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
