import type { MenuItemConstructorOptions } from 'electron';
import type { MenuFacade } from './facade';

/*
 * The application menu: the platform's usual roles, so the standard shortcuts (copy, paste, undo,
 * zoom, quit) work in every field. Developer tools and forced reload exist only in unpackaged
 * builds; a packaged build has no way into the renderer's console from the menu.
 *
 * Top-level menus carry a label and their own submenu rather than a menu role such as 'editMenu'
 * (which brings Electron's default submenu); only 'window' and 'help' are marked, as macOS wants.
 */

export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  readonly isPackaged: boolean;
  readonly appName: string;
}

export function menuTemplate({ platform, isPackaged, appName }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: appName,
      submenu: [{ role: 'about' }, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
    });
  }
  template.push({ label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' }, { role: 'redo' }, separator,
      { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'pasteAndMatchStyle' }, { role: 'delete' }, separator,
      { role: 'selectAll' },
    ],
  });
  const developer: MenuItemConstructorOptions[] = isPackaged ? [] : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator];
  template.push({
    label: 'View',
    submenu: [...developer, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }],
  });
  template.push({
    label: 'Window',
    role: 'window',
    submenu: mac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  });
  template.push({ label: 'Help', role: 'help', submenu: mac ? [] : [{ role: 'about' }] });
  return template;
}

export function installMenu(Menu: MenuFacade, options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
