import type { AppFacade, WindowFacade } from './facade';

/*
 * One Fieldbook at a time: two instances would race on the same offline cache, settings files and
 * keychain entries. A second start hands over to the first (which comes to the front) and quits.
 */

/** Returns false, and quits, when another instance holds the lock. */
export function claimSingleInstance(app: Pick<AppFacade, 'requestSingleInstanceLock' | 'quit' | 'on'>, mainWindow: () => WindowFacade | null): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => bringToFront(mainWindow()));
  return true;
}

export function bringToFront(window: WindowFacade | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
