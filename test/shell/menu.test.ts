import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { installMenu, menuTemplate } from '../../electron/main/menu';
import { FakeMenu } from './fake-electron';

function roles(items: MenuItemConstructorOptions[] | undefined): string[] {
  return (items ?? []).flatMap((item) => [...(item.role ? [item.role] : []), ...roles(item.submenu as MenuItemConstructorOptions[] | undefined)]);
}
const labels = (template: MenuItemConstructorOptions[]) => template.map((item) => item.label);
const submenuOf = (template: MenuItemConstructorOptions[], label: string) =>
  roles(template.find((item) => item.label === label)?.submenu as MenuItemConstructorOptions[]);

describe('the application menu', () => {
  it('has the app menu on macOS, then File, Edit, View, Window and Help', () => {
    expect(labels(menuTemplate({ platform: 'darwin', isPackaged: true, appName: 'Fieldbook' }))).toEqual(['Fieldbook', 'File', 'Edit', 'View', 'Window', 'Help']);
    for (const platform of ['win32', 'linux'] as const) {
      expect(labels(menuTemplate({ platform, isPackaged: true, appName: 'Fieldbook' }))).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    }
  });

  it('uses the standard roles, so the usual shortcuts work', () => {
    const mac = menuTemplate({ platform: 'darwin', isPackaged: true, appName: 'Fieldbook' });
    expect(submenuOf(mac, 'Fieldbook')).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(submenuOf(mac, 'File')).toEqual(['close']);
    expect(submenuOf(mac, 'Edit')).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'pasteAndMatchStyle', 'delete', 'selectAll']);
    expect(submenuOf(mac, 'View')).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
    expect(submenuOf(mac, 'Window')).toEqual(['minimize', 'zoom', 'front']);
    expect(mac.find((item) => item.label === 'Window')?.role).toBe('window');
    expect(mac.find((item) => item.label === 'Help')?.role).toBe('help');

    const win = menuTemplate({ platform: 'win32', isPackaged: true, appName: 'Fieldbook' });
    expect(submenuOf(win, 'File')).toEqual(['quit']);
    expect(submenuOf(win, 'Window')).toEqual(['minimize', 'close']);
    expect(submenuOf(win, 'Help')).toEqual(['about']);
  });

  it('has no developer tools or forced reload in a packaged build, on any platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const all = roles(menuTemplate({ platform, isPackaged: true, appName: 'Fieldbook' }));
      expect(all).not.toContain('toggleDevTools');
      expect(all).not.toContain('forceReload');
      expect(all).not.toContain('reload');
      expect(roles(menuTemplate({ platform, isPackaged: false, appName: 'Fieldbook' }))).toContain('toggleDevTools');
    }
  });

  it('is built from the template and installed as the application menu', () => {
    const Menu = new FakeMenu();
    installMenu(Menu, { platform: 'linux', isPackaged: true, appName: 'Fieldbook' });
    expect(Menu.applied?.template).toEqual(menuTemplate({ platform: 'linux', isPackaged: true, appName: 'Fieldbook' }));
  });
});
