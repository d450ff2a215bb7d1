import type { AppFacade, ShellFacade, WebContentsFacade } from './facade';

/*
 * The app never navigates: it is one page, and everything else it needs comes over the bridge.
 * So every navigation and redirect is cancelled, every new window is denied and no <webview>
 * may attach. A link to an https page is handed to the user's browser instead, but only after
 * safeExternalUrl: no other scheme (file:, smb:, javascript:, custom handlers that launch
 * programs), no credentials in the URL, nothing malformed.
 */

const MAX_EXTERNAL_URL_LENGTH = 2048;

/** The link as the browser should get it (normalised by the URL parser), or null when it is not a plain https link. */
export function safeExternalUrl(candidate: string): string | null {
  // Whitespace or control characters could be "repaired" differently by the URL parser and the OS;
  // `https:///x` or `https:\\x` are parsed as a host the raw text does not show.
  if (candidate.length > MAX_EXTERNAL_URL_LENGTH || /[\s\u0000-\u001f\u007f]/u.test(candidate) || !/^https:\/\/[^/\\]/iu.test(candidate)) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  return url.protocol === 'https:' && url.hostname !== '' && url.username === '' && url.password === '' ? url.href : null;
}

export function isSafeExternalUrl(candidate: string): boolean {
  return safeExternalUrl(candidate) !== null;
}

/** Opens a link in the user's browser when it is safe; returns whether it did. */
export function openExternalIfSafe(shell: ShellFacade, candidate: string, log: (message: string) => void = () => undefined): boolean {
  const url = safeExternalUrl(candidate);
  if (url === null) {
    log('Fieldbook refused to open a link that is not a plain https URL');
    return false;
  }
  shell.openExternal(url).catch(() => log('Fieldbook could not open a link in the browser'));
  return true;
}

/** Applied to every webContents the app creates (app 'web-contents-created'), the main window's included. */
export function hardenWebContents(contents: WebContentsFacade, shell: ShellFacade, log?: (message: string) => void): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    openExternalIfSafe(shell, event.url, log);
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(shell, url, log);
    return { action: 'deny' };
  });
}

export function hardenAllWebContents(app: Pick<AppFacade, 'on'>, shell: ShellFacade, log?: (message: string) => void): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell, log));
}
