import { describe, expect, it } from 'vitest';
import { guardUnload, LEAVE, leaveQuestion, STAY } from '../../electron/main/unload-guard';
import { FakeDialog, FakeWindow } from './fake-electron';

/*
 * The page cancelled an unload (its beforeunload: a form holds unsaved typing) and Electron asks
 * main through will-prevent-unload. Without a handler the window just stays, silently; with it,
 * the user is asked natively, and Stay is what Enter and Esc choose.
 */

function guarded(locale = 'en-GB'): { window: FakeWindow; dialog: FakeDialog } {
  const window = new FakeWindow({ width: 1000, height: 700 });
  const dialog = new FakeDialog();
  guardUnload(window, dialog, () => locale);
  return { window, dialog };
}

/** A label as the user reads it (without the access-key marker) and its access key. */
const label = (text: string | undefined): { text: string; key: string } => {
  const at = (text ?? '').indexOf('&');
  return { text: (text ?? '').replace('&', ''), key: at < 0 ? '' : (text ?? '').charAt(at + 1).toLowerCase() };
};

describe('closing with unsaved input', () => {
  it('asks, modal to the window, before the page is unloaded', () => {
    const { window, dialog } = guarded();
    window.webContents.preventUnload();
    expect(dialog.shown).toHaveLength(1);
    expect(dialog.shown[0]!.window).toBe(window);
    expect(dialog.shown[0]!.options.message).toBe('Leave without saving?');
    expect(dialog.shown[0]!.options.detail).toMatch(/not been saved.*lost/u);
  });

  it('keeps the window and its typing when the user stays, as Enter and Esc do', () => {
    const { window, dialog } = guarded();
    // No answer set: the fake picks the box's default button, as Enter would.
    expect(window.webContents.preventUnload()).toBe(false);
    dialog.answer = leaveQuestion('en').cancelId;
    expect(window.webContents.preventUnload()).toBe(false);
    dialog.answer = STAY;
    expect(window.webContents.preventUnload()).toBe(false);
    expect(dialog.shown).toHaveLength(3);
  });

  it('lets the window close (or quit, or reload) when the user chooses Leave', () => {
    const { window, dialog } = guarded();
    dialog.answer = LEAVE;
    expect(window.webContents.preventUnload()).toBe(true);
  });

  it('offers Leave and Stay, Stay the default and the Esc answer, each with its own access key', () => {
    const question = leaveQuestion('en-US');
    const [leave, stay] = (question.buttons ?? []).map(label);
    expect(question.buttons).toHaveLength(2);
    expect(leave).toEqual({ text: 'Leave', key: 'l' });
    expect(stay).toEqual({ text: 'Stay', key: 's' });
    expect(question.buttons?.[LEAVE]).toContain('Leave');
    expect(question).toMatchObject({ defaultId: STAY, cancelId: STAY, normalizeAccessKeys: true, noLink: true });
    expect(question.title).toBe('Unsaved changes');
  });

  it('asks in Swedish on a Swedish system, in English elsewhere', () => {
    for (const locale of ['sv', 'sv-SE', 'SV-FI']) {
      const question = leaveQuestion(locale);
      expect(question.message, locale).toBe('Lämna utan att spara?');
      const [leave, stay] = (question.buttons ?? []).map(label);
      expect(leave!.text).toBe('Lämna');
      expect(stay!.text).toBe('Stanna kvar');
      expect(leave!.key).not.toBe(stay!.key);
      expect(question).toMatchObject({ defaultId: STAY, cancelId: STAY });
    }
    for (const locale of ['en-GB', 'de-DE', 'nb-NO', '']) expect(leaveQuestion(locale).message, locale).toBe('Leave without saving?');
    const { window, dialog } = guarded('sv-SE');
    window.webContents.preventUnload();
    expect(dialog.shown[0]!.options.buttons?.map((b) => label(b).text)).toEqual(['Lämna', 'Stanna kvar']);
  });

  it('shows nothing for a window already destroyed', () => {
    const { window, dialog } = guarded();
    window.destroyed = true;
    window.webContents.preventUnload();
    expect(dialog.shown).toEqual([]);
  });
});
