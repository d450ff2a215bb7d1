import { readFile as nodeReadFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';
import type { CustomScheme } from 'electron';
import { SECURITY_HEADERS } from './csp';
import type { ProtocolFacade, ProtocolRequest } from './facade';

/*
 * The app's pages come from app://fieldbook/…, never from file://: a file:// page may read any
 * file the user can, and every file:// page shares one origin. The custom scheme is registered as
 * standard (real origin, relative URLs) and secure (a secure context, like https); the handler
 * serves files from the built renderer folder only and refuses any path that would leave it.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'fieldbook';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  // supportFetchAPI: module scripts and fetch() of the page's own files go through the fetch stack.
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** Must run before the app is ready (Electron ignores a later registration). */
export function registerAppScheme(protocol: Pick<ProtocolFacade, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

// In a decoded path segment: separators of any OS, NUL, a drive or stream colon, control characters.
const UNSAFE_SEGMENT = /[/\\:\u0000-\u001f\u007f]/u;

/**
 * The file under `root` that an app:// URL names, or null when the URL must be refused: another
 * scheme, host, port or credentials; a segment that is `.` or `..` after decoding (`%2e%2e`,
 * `..%2f`, `..%5c`); a separator, NUL or colon hidden in a segment; or a path that would resolve
 * outside `root`. `/` serves index.html.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST || parsed.port !== '' || parsed.username !== '' || parsed.password !== '') {
    return null;
  }
  const segments: string[] = [];
  for (const raw of parsed.pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === '.' || segment === '..' || UNSAFE_SEGMENT.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const path = join(root, ...segments);
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return path;
}

export type ReadFile = (path: string) => Promise<Uint8Array>;

function respond(status: number, body: BodyInit | null = null, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, ...headers } });
}

/** Serves GET and HEAD from `root`; every response, error or not, carries the security headers. */
export function createAppProtocolHandler(root: string, readFile: ReadFile = nodeReadFile): (request: ProtocolRequest) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(405, null, { Allow: 'GET, HEAD' });
    const path = resolveAppPath(root, request.url);
    if (path === null) return respond(403);
    let content: Uint8Array;
    try {
      content = await readFile(path);
    } catch {
      // Missing, a folder, unreadable: all the same to the page.
      return respond(404);
    }
    const type = { 'Content-Type': mimeTypeOf(path) };
    return respond(200, request.method === 'HEAD' ? null : new Uint8Array(content), type);
  };
}

export function installAppProtocol(protocol: Pick<ProtocolFacade, 'handle'>, root: string, readFile?: ReadFile): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root, readFile));
}
