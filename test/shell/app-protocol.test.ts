import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_ENTRY_URL, APP_SCHEME_PRIVILEGES, createAppProtocolHandler, installAppProtocol, mimeTypeOf, registerAppScheme, resolveAppPath,
} from '../../electron/main/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { FakeProtocol } from './fake-electron';

let base: string;
let root: string;

beforeAll(async () => {
  // base/renderer is what the protocol serves; base/secret.txt and base/renderer-evil/ sit beside it.
  base = await mkdtemp(join(tmpdir(), 'fieldbook-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await mkdir(join(base, 'renderer-evil'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Fieldbook</title>');
  await writeFile(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(root, 'assets', 'index-abc.css'), 'main{}');
  await writeFile(join(root, 'assets', 'a b.svg'), '<svg/>');
  await writeFile(join(base, 'secret.txt'), 'client secret');
  await writeFile(join(base, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => createAppProtocolHandler(root)({ url, method });

describe('the app:// scheme', () => {
  it('is registered as standard and secure', () => {
    const protocol = new FakeProtocol();
    registerAppScheme(protocol);
    expect(protocol.privileged).toEqual([APP_SCHEME_PRIVILEGES]);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    // Never a way around the page's policy or the same-origin policy.
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('bypassCSP');
    expect(APP_SCHEME_PRIVILEGES.privileges).not.toHaveProperty('corsEnabled');
  });

  it('installs a handler for app that serves the renderer folder', async () => {
    const protocol = new FakeProtocol();
    installAppProtocol(protocol, root);
    const handler = protocol.handlers.get('app');
    expect(handler).toBeDefined();
    const response = await handler!({ url: APP_ENTRY_URL, method: 'GET' });
    expect(await response.text()).toContain('<title>Fieldbook</title>');
  });
});

describe('the app:// handler', () => {
  it('serves the entry page, and / as the entry page, with their MIME types', async () => {
    for (const url of ['app://fieldbook/index.html', 'app://fieldbook/', 'app://fieldbook']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8');
    }
    const script = await get('app://fieldbook/assets/index-abc.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await get('app://fieldbook/assets/index-abc.css')).headers.get('Content-Type')).toBe('text/css; charset=utf-8');
    expect((await get('app://fieldbook/assets/a%20b.svg')).status).toBe(200);
    // Query and fragment do not name a file.
    expect((await get('app://fieldbook/index.html?x=1#top')).status).toBe(200);
  });

  it('sets the Content-Security-Policy and the other security headers on every response, errors included', async () => {
    const responses = await Promise.all([
      get('app://fieldbook/index.html'),
      get('app://fieldbook/index.html', 'HEAD'),
      get('app://fieldbook/missing.js'),
      get('app://fieldbook/assets'),
      get('app://fieldbook/..%2fsecret.txt'),
      get('app://elsewhere/index.html'),
      get('app://fieldbook/index.html', 'POST'),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 404, 403, 403, 405]);
    for (const response of responses) {
      expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
      expect(response.headers.get('Cache-Control')).toBe('no-store');
    }
  });

  it('sends no body for HEAD and refuses other methods', async () => {
    expect(await (await get('app://fieldbook/index.html', 'HEAD')).text()).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const response = await get('app://fieldbook/index.html', method);
      expect(response.status).toBe(405);
      expect(response.headers.get('Allow')).toBe('GET, HEAD');
    }
  });

  const traversals = [
    'app://fieldbook/../../etc/passwd',
    'app://fieldbook/../secret.txt',
    'app://fieldbook/%2e%2e/secret.txt',
    'app://fieldbook/%2E%2E/%2E%2E/etc/passwd',
    'app://fieldbook/..%2fsecret.txt',
    'app://fieldbook/..%2Fsecret.txt',
    'app://fieldbook/assets/..%2f..%2fsecret.txt',
    'app://fieldbook/%2e%2e%2fsecret.txt',
    'app://fieldbook/..%5csecret.txt',
    'app://fieldbook/..\\secret.txt',
    'app://fieldbook/assets\\..\\..\\secret.txt',
    'app://fieldbook/%2e%2e%5c%2e%2e%5cetc%5cpasswd',
    'app://fieldbook/.%2e/secret.txt',
    'app://fieldbook/%2fetc%2fpasswd',
    'app://fieldbook/%5c%5cserver%5cshare%5cfile',
    'app://fieldbook/C:%5cWindows%5cwin.ini',
    'app://fieldbook/c:/Windows/win.ini',
    'app://fieldbook/index.html%00.png',
    'app://fieldbook/%252e%252e/secret.txt',
    'app://fieldbook/%E0%A4%A',
    'app://fieldbook/../renderer-evil/x.js',
    'app://fieldbook/..%2frenderer-evil%2fx.js',
  ];

  it.each(traversals)('never serves a file outside the renderer folder: %s', async (url) => {
    const resolved = resolveAppPath(root, url);
    if (resolved !== null) {
      // The URL parser already folded the dots away: what is left must lie inside the root.
      expect(resolved.startsWith(root + sep)).toBe(true);
    }
    const response = await get(url);
    expect([403, 404]).toContain(response.status);
    const body = await response.text();
    expect(body).not.toContain('client secret');
    expect(body).not.toContain('evil');
    expect(body).not.toContain('root:');
  });

  it('refuses encoded separators, NUL, drive colons and bad encodings before touching the file system', async () => {
    const readFile = vi.fn(async (_path: string) => new Uint8Array());
    const handler = createAppProtocolHandler(root, readFile);
    // (Plain and %2e dot segments never get this far: the URL parser folds them, see above.)
    const refused = traversals.filter((u) => /%2f|%5c|\\|%00|:%5c|c:\/|%E0/iu.test(u));
    expect(refused.length).toBeGreaterThan(12);
    for (const url of refused) {
      expect((await handler({ url, method: 'GET' })).status, url).toBe(403);
    }
    expect(readFile).not.toHaveBeenCalled();
  });

  it('refuses other schemes, hosts, ports and credentials', () => {
    for (const url of ['file:///etc/passwd', 'https://fieldbook/index.html', 'app://other/index.html', 'app://fieldbook:8080/index.html', 'app://user:pw@fieldbook/index.html', 'app:index.html', 'not a url']) {
      expect(resolveAppPath(root, url), url).toBeNull();
    }
  });

  it('reads only inside the root it was given', async () => {
    const seen: string[] = [];
    const handler = createAppProtocolHandler(root, async (path) => {
      seen.push(path);
      return readFile(path);
    });
    await handler({ url: 'app://fieldbook/assets/index-abc.js', method: 'GET' });
    await handler({ url: 'app://fieldbook/../../etc/passwd', method: 'GET' });
    expect(seen.length).toBeGreaterThan(0);
    for (const path of seen) expect(path.startsWith(root + sep)).toBe(true);
  });

  it('knows the MIME types a Vite build emits', () => {
    expect(mimeTypeOf('a.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('a.PNG')).toBe('image/png');
    expect(mimeTypeOf('a.svg')).toBe('image/svg+xml');
    expect(mimeTypeOf('noext')).toBe('application/octet-stream');
  });
});
