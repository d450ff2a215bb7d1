import { describe, expect, it } from 'vitest';
import { hardenAllWebContents, hardenWebContents, isSafeExternalUrl, openExternalIfSafe } from '../../electron/main/navigation';
import { FakeApp, FakeEvent, FakeShell, FakeWebContents } from './fake-electron';

const safe = [
  'https://example.com',
  'https://example.com/docs/page?q=1#part',
  'https://sub.example.se:8443/a%20b',
  'https://xn--bcher-kva.example/',
];

const normalised = safe.map((url) => new URL(url).href);

const unsafe = [
  'http://example.com',
  'file:///etc/passwd',
  'file://server/share/x.exe',
  'smb://server/share',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox',
  'ms-settings:privacy',
  'mailto:someone@example.com',
  'app://fieldbook/index.html',
  'https://user:password@example.com/',
  'https://user@example.com/',
  'https://:pw@example.com/',
  'https:///path-only',
  'https:\\\\evil.example\\x',
  'HTTPS://example.com:0x1bb/',
  'https://exa mple.com/',
  ' https://example.com',
  'https://example.com/\n',
  'https://example.com/\u0000',
  '//example.com',
  'example.com',
  '',
  `https://example.com/${'a'.repeat(3000)}`,
];

describe('external links', () => {
  it.each(safe)('allows %s', (url) => expect(isSafeExternalUrl(url)).toBe(true));
  it.each(unsafe)('refuses %j', (url) => expect(isSafeExternalUrl(url)).toBe(false));

  it('opens only safe links, and never throws when the browser cannot be opened', async () => {
    const shell = new FakeShell();
    const log: string[] = [];
    expect(openExternalIfSafe(shell, 'https://example.com', (m) => log.push(m))).toBe(true);
    expect(openExternalIfSafe(shell, 'file:///etc/passwd', (m) => log.push(m))).toBe(false);
    expect(shell.opened).toEqual(['https://example.com/']);
    expect(log).toHaveLength(1);
    const failing = { openExternal: () => Promise.reject(new Error('no browser')) };
    expect(openExternalIfSafe(failing, 'https://example.com', (m) => log.push(m))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(log).toHaveLength(2);
  });
});

describe('every webContents', () => {
  function hardened(): { contents: FakeWebContents; shell: FakeShell } {
    const contents = new FakeWebContents();
    const shell = new FakeShell();
    hardenWebContents(contents, shell);
    return { contents, shell };
  }

  it('cancels every navigation, sending only safe https links to the browser', () => {
    const { contents, shell } = hardened();
    for (const url of [...safe, ...unsafe, 'app://fieldbook/other.html', 'http://localhost:5173/']) {
      expect(contents.navigate(url, 'will-navigate'), url).toBe(true);
    }
    expect(shell.opened).toEqual(normalised);
  });

  it('cancels every redirect and opens nothing for it', () => {
    const { contents, shell } = hardened();
    for (const url of [...safe, ...unsafe]) expect(contents.navigate(url, 'will-redirect'), url).toBe(true);
    expect(shell.opened).toEqual([]);
  });

  it('denies every new window, sending only safe https links to the browser', () => {
    const { contents, shell } = hardened();
    expect(contents.windowOpenHandler).toBeDefined();
    for (const url of [...safe, ...unsafe, 'about:blank']) {
      expect(contents.windowOpenHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    expect(shell.opened).toEqual(normalised);
  });

  it('prevents every <webview> from attaching', () => {
    const { contents } = hardened();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('is hardened as soon as the app creates it', () => {
    const app = new FakeApp(true, '/u');
    const shell = new FakeShell();
    hardenAllWebContents(app, shell);
    const contents = new FakeWebContents();
    app.emit('web-contents-created', new FakeEvent(), contents);
    expect(contents.navigate('https://example.com')).toBe(true);
    expect(contents.windowOpenHandler).toBeDefined();
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    expect(contents.listenerCount('will-redirect')).toBe(1);
  });
});
