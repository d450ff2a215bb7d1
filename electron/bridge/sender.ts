/*
 * Which frames may use the bridge: the app's own pages only. Electron delivers IPC from every
 * frame of the window (an iframe, or the window after a navigation the shell failed to stop),
 * so each call is checked against the URL of the frame that sent it, not of the window.
 *
 * An allowed entry is an origin (`app://fieldbook`, `http://localhost:5173`), or for pages loaded
 * from disk the exact `file://` URL of the page: every file shares the origin "null".
 */

export type SenderCheck = (url: unknown) => boolean;

const maxUrlLength = 8192;

/** `scheme://host[:port]`, or the page's full URL for file: (no query or fragment); undefined when unusable. */
function originKey(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  // WHATWG URL calls the origin of a non-special scheme such as app: "null", while Chromium
  // (with the scheme registered as standard) uses scheme://host: compare scheme and host ourselves.
  if (url.protocol === 'file:') return url.host ? undefined : `file://${url.pathname}`;
  if (!url.host) return undefined;
  // Chromium lower-cases a standard scheme's host; WHATWG leaves an opaque host as written.
  return `${url.protocol}//${url.host.toLowerCase()}`;
}

export function createSenderCheck(allowed: readonly string[]): SenderCheck {
  const keys = new Set(
    allowed.map((entry) => {
      const key = originKey(entry);
      if (!key) throw new Error(`Not an origin or file page the bridge can allow: ${entry}`);
      return key;
    }),
  );
  return (url) => {
    if (typeof url !== 'string' || url.length === 0 || url.length > maxUrlLength) return false;
    const key = originKey(url);
    return key !== undefined && keys.has(key);
  };
}
