import type { MessageBoxSyncOptions } from 'electron';
import type { DialogFacade, WindowFacade } from './facade';

/*
 * Closing the window, quitting or reloading while a form holds typing that was not saved yet:
 * the page's beforeunload handler cancels the unload (renderer/src/forms/unsaved.ts, only while
 * some form is dirty), which Electron reports as `will-prevent-unload` and would otherwise obey
 * silently: the window simply would not close. Here the user is asked, natively and modal to
 * the window: Leave (the typing is lost) or Stay (the default, also on Esc and Enter). Saved
 * edits are in the outbox already, so the page never asks for them.
 *
 * The question follows the OS language (the main process does not know the language picked in
 * the app's own settings): Swedish on a Swedish system, English elsewhere.
 */

export const LEAVE = 0;
export const STAY = 1;

interface Words {
  readonly title: string;
  readonly message: string;
  readonly detail: string;
  readonly leave: string;
  readonly stay: string;
}

// `&` marks each button's access key (Alt+L / Alt+S on Windows and Linux); normalizeAccessKeys drops it on macOS.
const WORDS: Readonly<Record<'en' | 'sv', Words>> = {
  en: {
    title: 'Unsaved changes',
    message: 'Leave without saving?',
    detail: 'What you typed in the open form has not been saved. If you leave now, it is lost.',
    leave: '&Leave',
    stay: '&Stay',
  },
  sv: {
    title: 'Osparade ändringar',
    message: 'Lämna utan att spara?',
    detail: 'Det du har skrivit i det öppna formuläret är inte sparat. Om du lämnar nu försvinner det.',
    leave: '&Lämna',
    stay: '&Stanna kvar',
  },
};

/** The question in the language of `locale` (a BCP 47 tag such as 'sv-SE'). */
export function leaveQuestion(locale: string): MessageBoxSyncOptions {
  const words = WORDS[locale.toLowerCase().split('-')[0] === 'sv' ? 'sv' : 'en'];
  return {
    type: 'warning',
    title: words.title,
    message: words.message,
    detail: words.detail,
    buttons: [words.leave, words.stay],
    defaultId: STAY,
    cancelId: STAY,
    noLink: true,
    normalizeAccessKeys: true,
  };
}

/** Asks before the window's page unloads while it holds unsaved input; `locale` is read at each question. */
export function guardUnload(window: WindowFacade, dialog: DialogFacade, locale: () => string): void {
  window.webContents.on('will-prevent-unload', (event) => {
    if (window.isDestroyed()) return;
    // preventDefault lets the unload go ahead, overriding the page's beforeunload; anything else keeps the page.
    if (dialog.showMessageBoxSync(window, leaveQuestion(locale())) === LEAVE) event.preventDefault();
  });
}
