import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSenderCheck } from '../../electron/bridge';
import { invokeChannels } from '../../shared/ipc';
import type { ConnectionProfile } from '../../shared/profiles';
import { apticInput, appPage, createHarness, type Harness } from './helpers';

// Only the app's own pages may use the bridge: the frame that sent a call is checked before
// anything else, and a refused call does nothing at all.

describe('the sender check', () => {
  const allowed = createSenderCheck(['app://fieldbook', 'http://localhost:5173', 'file:///opt/fieldbook/renderer/index.html']);

  it.each([
    'app://fieldbook/index.html',
    'app://fieldbook/people/1?tab=2#x',
    'APP://FieldBook/index.html',
    'http://localhost:5173/',
    'http://localhost:5173/src/main.ts',
    'file:///opt/fieldbook/renderer/index.html',
    'file:///opt/fieldbook/renderer/index.html#/people',
  ])('allows %s', (url) => {
    expect(allowed(url)).toBe(true);
  });

  it.each([
    '', 'null', 'about:blank', 'about:srcdoc', 'app://fieldbook.evil.example/', 'app://evil/index.html', 'app://fieldbook:8080/',
    'http://localhost:5174/', 'https://localhost:5173/', 'http://localhost.evil.example:5173/', 'http://127.0.0.1:5173/',
    'http://user:pw@localhost:5173/', 'file:///opt/fieldbook/renderer/other.html', 'file:///etc/passwd', 'file://host/opt/fieldbook/renderer/index.html',
    'data:text/html,<script>1</script>', 'blob:app://fieldbook/0b3c', 'javascript:alert(1)', 'devtools://devtools/bundled/inspector.html',
    'chrome-extension://abc/index.html', 'https://example.com/', `app://fieldbook/${'x'.repeat(9000)}`,
  ])('refuses %s', (url) => {
    expect(allowed(url)).toBe(false);
  });

  it('refuses anything that is not a URL string', () => {
    for (const url of [undefined, null, 5, {}, ['app://fieldbook/'], new URL('app://fieldbook/')]) expect(allowed(url)).toBe(false);
  });

  it('refuses to be configured with something that is not an origin', () => {
    expect(() => createSenderCheck(['fieldbook'])).toThrow(/Not an origin/u);
    expect(() => createSenderCheck(['about:blank'])).toThrow(/Not an origin/u);
  });
});

describe('a call from a foreign frame', () => {
  let h: Harness;
  let real: ConnectionProfile;
  let before: string;
  beforeAll(async () => {
    h = await createHarness({ customers: 3 });
    real = await h.value<ConnectionProfile>('profiles.create', { input: apticInput('Target') });
    await h.value('api.call', { operation: 'ping', params: {} });
    before = await h.state();
  });
  afterAll(async () => {
    await h.close();
  });

  const valid = (id: string): Record<string, unknown> => ({
    'app.info': undefined,
    'profiles.list': undefined,
    'profiles.create': { input: apticInput('Injected') },
    'profiles.update': { id, input: apticInput('Renamed') },
    'profiles.remove': { id },
    'profiles.activate': { id },
    'profiles.test': { id: 'demo' },
    'credentials.status': { profileId: id },
    'credentials.set': { profileId: id, kind: 'apiKey', value: 'injected-key' },
    'credentials.clear': { profileId: id, kind: 'apiKey' },
    'credentials.allowUnprotected': { allow: true, confirmRisk: true },
    'api.call': { operation: 'deleteCustomer', params: { customerGuid: '3f2504e0-4f89-11d3-9a0c-0305e82c3301' } },
    'connectivity.check': undefined,
    'journal.append': { profileId: id, records: [{ seq: 1, removed: true, reason: 'synced' }] },
    'journal.read': { profileId: id },
    'journal.export': { profileId: id },
    'journal.clear': { profileId: id, confirm: true },
  });

  it.each(['https://evil.example/', 'about:blank', 'app://fieldbook.evil/', '', 'data:text/html,x'])('from %s: refused on every channel, nothing done', async (url) => {
    for (const channel of invokeChannels) {
      expect(await h.main.bridge.invoke(channel, valid(real.id)[channel], { url })).toEqual({
        ok: false, failure: { kind: 'forbidden-sender', message: expect.any(String) },
      });
    }
    // Before the channel is even looked at: a foreign page learns nothing about the contract.
    expect(await h.main.bridge.invoke('no.such.channel', {}, { url })).toMatchObject({ failure: { kind: 'forbidden-sender' } });
    expect(await h.state()).toBe(before);
  });

  it('refuses a sender that is missing or malformed', async () => {
    const throwing = { get url(): string { throw new Error('boom'); } };
    for (const sender of [undefined, null, {}, { url: 5 }, { url: null }, 'app://fieldbook/index.html', throwing]) {
      expect(await h.main.bridge.invoke('profiles.list', undefined, sender)).toMatchObject({ ok: false, failure: { kind: 'forbidden-sender' } });
    }
    expect(await h.state()).toBe(before);
  });

  it('logs the refusal without the payload', async () => {
    await h.main.bridge.invoke('credentials.set', { profileId: real.id, kind: 'apiKey', value: 'LOGGED-SECRET?' }, { url: 'https://evil.example/' });
    expect(h.logs.some((line) => line.includes('refused credentials.set'))).toBe(true);
    expect(h.logs.join('\n')).not.toContain('LOGGED-SECRET');
  });

  it('still serves the app page', async () => {
    expect(await h.main.bridge.invoke('app.info', undefined, { url: appPage })).toMatchObject({ ok: true });
    expect(h.main.bridge.isAllowedSender(appPage)).toBe(true);
  });
});
