import { describe, expect, it } from 'vitest';
import { holdsUnsavedInput, holdUnsavedInput, letGoOfUnsavedInput, unsavedInputGuard, type UnloadTarget } from '../../renderer/src/forms/unsaved';

/*
 * Leaving a screen inside the app asks from the same registry as closing the window
 * (forms/unsaved.ts): the router's guard lets the app go while no mounted form holds unsaved
 * input, else stays and hands the destination to the question; once the user let go of the
 * input, neither leaving nor closing asks about it again, while a form mounted later counts.
 * test/e2e/settings-leave.e2e.test.ts does it with the real forms in Chromium.
 */

const target: UnloadTarget = { addEventListener: () => undefined, removeEventListener: () => undefined };

describe('the in-app leave guard', () => {
  it('goes while nothing is unsaved; stays and asks while something is, whoever registered it', () => {
    const asked: string[] = [];
    const mayLeave = unsavedInputGuard<string>((next) => asked.push(next));
    let typed = false;
    const release = holdUnsavedInput(() => typed, target);
    expect(mayLeave('the customer list')).toBe(true);
    typed = true;
    expect(mayLeave('the customer list')).toBe(false);
    expect(asked).toEqual(['the customer list']);
    release();
    expect(mayLeave('Pending changes')).toBe(true);
    expect(asked).toEqual(['the customer list']);
  });

  it('once let go of, the input is not asked about again, by leaving or closing; a form mounted later counts', () => {
    const mayLeave = unsavedInputGuard<string>(() => undefined);
    const releaseOld = holdUnsavedInput(() => true, target);
    expect(holdsUnsavedInput()).toBe(true);
    letGoOfUnsavedInput();
    expect(holdsUnsavedInput()).toBe(false);
    expect(mayLeave('the customer list')).toBe(true);
    const releaseNew = holdUnsavedInput(() => true, target);
    expect(mayLeave('the customer list')).toBe(false);
    releaseNew();
    releaseOld();
    expect(holdsUnsavedInput()).toBe(false);
  });
});
