import { describe, expect, it } from 'vitest';
import { holdsUnsavedInput, holdUnsavedInput, type UnloadTarget } from '../../renderer/src/forms/unsaved';

/*
 * The page's beforeunload, as the forms drive it: it cancels the unload (the browser or
 * Electron then asks the user) only while some mounted form holds unsaved input, and the
 * listener is gone when no form is mounted. test/e2e/unsaved-close.e2e.test.ts does the same
 * with the real forms in Chromium.
 */

class FakeWindow implements UnloadTarget {
  readonly listeners = new Set<EventListener>();
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'beforeunload') this.listeners.add(listener as EventListener);
  }
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null): void {
    if (type === 'beforeunload') this.listeners.delete(listener as EventListener);
  }
  /** Fires beforeunload as a close would; true when the page asked to stay. */
  close(): boolean {
    let cancelled = false;
    const event = {
      type: 'beforeunload',
      returnValue: undefined as unknown,
      preventDefault() {
        cancelled = true;
      },
    };
    for (const listener of this.listeners) listener(event as unknown as Event);
    return cancelled && event.returnValue !== undefined;
  }
}

describe('the unsaved-input guard', () => {
  it('asks to stay only while a form holds unsaved input', () => {
    const window = new FakeWindow();
    let typed = false;
    const release = holdUnsavedInput(() => typed, window);
    expect(window.close()).toBe(false);
    typed = true;
    expect(holdsUnsavedInput()).toBe(true);
    expect(window.close()).toBe(true);
    // Saved (or typed back to what it was): nothing to lose.
    typed = false;
    expect(window.close()).toBe(false);
    release();
  });

  it('counts every mounted form, and forgets one that is gone', () => {
    const window = new FakeWindow();
    const releasePage = holdUnsavedInput(() => false, window);
    const releaseDialog = holdUnsavedInput(() => true, window);
    expect(window.close()).toBe(true);
    releaseDialog();
    expect(window.close()).toBe(false);
    expect(window.listeners.size).toBe(1);
    releasePage();
    expect(window.listeners.size).toBe(0);
    expect(holdsUnsavedInput()).toBe(false);
  });
});
