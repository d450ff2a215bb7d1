import { describe, expect, it } from 'vitest';
import { GRANTED_TO_APP, lockDownPermissions, originOf } from '../../electron/main/permissions';
import { FakeSession } from './fake-electron';

const permissions = [
  'media', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen', 'openExternal', 'clipboard-read',
  'clipboard-sanitized-write', 'display-capture', 'hid', 'serial', 'usb', 'idle-detection', 'fileSystem', 'window-management',
  'storage-access', 'local-fonts', 'keyboardLock', 'speaker-selection', 'unknown', 'something-new',
];
const app = 'app://fieldbook';

function session(origins = [app]): FakeSession {
  const fake = new FakeSession();
  lockDownPermissions(fake, origins);
  return fake;
}

describe('permissions', () => {
  it('denies every permission request, the app page included', () => {
    const fake = session();
    for (const permission of permissions) {
      expect(fake.request(permission, 'app://fieldbook/index.html'), permission).toEqual([false]);
      expect(fake.request(permission, 'https://evil.example/'), permission).toEqual([false]);
    }
  });

  it('denies every permission check and every device', () => {
    const fake = session();
    for (const permission of permissions) {
      expect(fake.check(permission, app), permission).toBe(false);
      expect(fake.check(permission, 'https://evil.example'), permission).toBe(false);
    }
    expect(fake.deviceHandler!()).toBe(false);
  });

  it('grants only persistent storage, and only to the app page itself, so the offline cache is never evicted', () => {
    expect([...GRANTED_TO_APP]).toEqual(['persistent-storage']);
    const fake = session();
    expect(fake.request('persistent-storage', 'app://fieldbook/index.html')).toEqual([true]);
    expect(fake.check('persistent-storage', app)).toBe(true);
    // Not to a subframe, another origin, another app:// host, or a page the shell failed to keep out.
    expect(fake.request('persistent-storage', 'app://fieldbook/index.html', false)).toEqual([false]);
    expect(fake.check('persistent-storage', app, false)).toBe(false);
    for (const url of ['app://other/index.html', 'https://fieldbook/', 'http://localhost:5173/', 'file:///index.html', 'about:blank', '', 'garbage']) {
      expect(fake.request('persistent-storage', url), url).toEqual([false]);
      expect(fake.check('persistent-storage', url), url).toBe(false);
    }
  });

  it('grants it to the local dev server only when that is the app page', () => {
    const fake = session([app, 'http://localhost:5173']);
    expect(fake.request('persistent-storage', 'http://localhost:5173/')).toEqual([true]);
    expect(fake.request('geolocation', 'http://localhost:5173/')).toEqual([false]);
  });

  it('reads origins of custom schemes too', () => {
    expect(originOf('app://fieldbook/index.html?x#y')).toBe('app://fieldbook');
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
    expect(originOf('app://user:pw@fieldbook/')).toBeNull();
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf(undefined)).toBeNull();
  });
});
