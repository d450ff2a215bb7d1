import type { PermissionDetails, SessionFacade } from './facade';

/*
 * Fieldbook needs no browser permission: no camera, microphone, location, notifications, clipboard
 * reads, HID/USB/serial devices, fullscreen requests or opening external protocols. Electron grants
 * them all by default, so every request and every check is answered "no", with one exception:
 *
 * 'persistent-storage', for the app's own page (main frame, app origin) only. The offline cache
 * (IndexedDB) holds edits not yet sent; without this grant Chromium keeps it as best-effort
 * storage, which it may evict when the disk runs low (renderer/src/app/boot.ts asks for it).
 */

export const GRANTED_TO_APP: ReadonlySet<string> = new Set(['persistent-storage']);

/** `scheme://host[:port]` of a URL, also for app: (whose WHATWG origin is "null"); null when it has none. */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.host && !parsed.username && !parsed.password ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

export function isGranted(permission: string, origin: string | null, details: PermissionDetails, appOrigins: readonly string[]): boolean {
  return GRANTED_TO_APP.has(permission) && origin !== null && appOrigins.includes(origin) && details.isMainFrame !== false;
}

/** `appOrigins`: the origins of the app's own page (app://fieldbook, and unpackaged the local dev server). */
export function lockDownPermissions(session: SessionFacade, appOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(details?.isMainFrame === true && isGranted(permission, originOf(details.requestingUrl), details, appOrigins));
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isGranted(permission, originOf(requestingOrigin), details ?? {}, appOrigins));
  session.setDevicePermissionHandler(() => false);
}
