import { describe, expect, it } from 'vitest';
import { bringToFront, claimSingleInstance } from '../../electron/main/single-instance';
import { FakeApp, FakeWindow } from './fake-electron';

describe('single instance', () => {
  it('the first instance keeps running and brings its window forward when a second one starts', () => {
    const app = new FakeApp(true, '/u', true);
    const window = new FakeWindow({});
    window.minimized = true;
    expect(claimSingleInstance(app, () => window)).toBe(true);
    expect(app.quitCount).toBe(0);
    app.emit('second-instance', {}, ['fieldbook'], '/');
    expect(window.minimized).toBe(false);
    expect(window.shown).toBe(true);
    expect(window.focused).toBe(true);
  });

  it('a second instance quits without registering anything', () => {
    const app = new FakeApp(true, '/u', false);
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.quitCount).toBe(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('a second start before the window exists, or after it is gone, is harmless', () => {
    const app = new FakeApp(true, '/u', true);
    claimSingleInstance(app, () => null);
    expect(() => app.emit('second-instance')).not.toThrow();
    const window = new FakeWindow({});
    window.destroyed = true;
    bringToFront(window);
    expect(window.shown).toBe(false);
  });
});
