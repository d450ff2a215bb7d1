/*
 * Typing that no save has kept must not be lost without a word: not by closing the window,
 * quitting or reloading, and not by leaving the screen inside the app (a link, Back, a
 * shortcut). Every form that can hold such typing registers here while it is mounted
 * (FormState does it for the component that made it; the Pending page's edit dialog, and
 * Settings' profile form and credentials panel, for their own forms). This registry is the one
 * answer to "would something be lost?", for both ways of leaving:
 *
 * - closing: while any of them reports unsaved input, the page's `beforeunload` cancels the
 *   unload: a browser then asks its own question, and Electron reports it to the main process
 *   as `will-prevent-unload`, which asks the user natively (electron/main/unload-guard.ts);
 * - leaving inside the app: the router's one leave guard (`unsavedInputGuard`, installed by
 *   forms/LeaveQuestion.svelte) refuses the move and asks "Discard your changes?" in the page;
 * - a switch inside a screen that unmounts a form without a route change (choosing another
 *   profile in Settings): `afterLeaveQuestion` runs the switch at once when nothing would be
 *   lost, else hands it to the same question (the one LeaveQuestion registered with
 *   `answerLeaveQuestions`), which runs it if the user discards.
 *
 * Only unsaved input counts: a saved edit is in the outbox (IndexedDB) and its journal, so
 * leaving then loses nothing and nobody is asked. Once the user chose to let go of what is typed
 * (discarded it, or saved it and is leaving the form), `letGoOfUnsavedInput` says so, and the
 * forms mounted at that moment are not asked about again. The unload listener exists only
 * while some form is mounted.
 */

/** Where the listener goes: the window, or a stand-in in a unit test. */
export type UnloadTarget = Pick<Window, 'addEventListener' | 'removeEventListener'>;

const holders = new Set<() => boolean>();
/** Holders whose input the user let go of (see letGoOfUnsavedInput). */
const letGo = new Set<() => boolean>();
let listeningOn: UnloadTarget | null = null;

/** Whether some mounted form holds input that closing the window, or leaving the screen, would lose. */
export function holdsUnsavedInput(): boolean {
  for (const unsaved of holders) if (!letGo.has(unsaved) && unsaved()) return true;
  return false;
}

/**
 * The user let go of what the mounted forms hold (they discarded it, or saved it and are
 * leaving): leaving the screen or closing the window does not ask about it again. A form
 * mounted later counts as usual.
 */
export function letGoOfUnsavedInput(): void {
  for (const holder of holders) letGo.add(holder);
}

/**
 * The in-app leave guard (for router.guardLeave): lets the app leave the screen while nothing
 * holds unsaved input; else it stays, and `ask` gets where the user wanted to go (to ask them,
 * then to go there after `letGoOfUnsavedInput` if they agree).
 */
export function unsavedInputGuard<T>(ask: (next: T) => void): (next: T) => boolean {
  return (next) => {
    if (!holdsUnsavedInput()) return true;
    ask(next);
    return false;
  };
}

/** Who asks the leave question in the page (forms/LeaveQuestion.svelte): `proceed` is what to do if the user discards. */
export type LeaveAsker = (proceed: () => void) => void;
let asker: LeaveAsker | null = null;

/** Makes `ask` the one that asks before an in-page switch (see afterLeaveQuestion). Returns the release. */
export function answerLeaveQuestions(ask: LeaveAsker): () => void {
  asker = ask;
  return () => {
    if (asker === ask) asker = null;
  };
}

/**
 * An in-page switch that would unmount forms (another profile chosen in Settings): `proceed` runs
 * now while nothing holds unsaved input; else the app's leave question is asked, and it runs only
 * if the user discards (after `letGoOfUnsavedInput`). With nobody to ask, nothing happens: the
 * typing stays rather than being lost without a word.
 */
export function afterLeaveQuestion(proceed: () => void): void {
  if (!holdsUnsavedInput()) proceed();
  else asker?.(proceed);
}

function beforeUnload(event: BeforeUnloadEvent): void {
  if (!holdsUnsavedInput()) return;
  event.preventDefault();
  // What older Chromium, and Electron's own check, read: any value but undefined cancels the unload.
  event.returnValue = true;
}

/**
 * Holds the page while `unsaved()` is true (it is asked when the user closes or leaves, so it may
 * read reactive state). Returns the release: call it when the form goes away (an $effect's cleanup).
 */
export function holdUnsavedInput(unsaved: () => boolean, target: UnloadTarget = window): () => void {
  const holder = (): boolean => unsaved();
  holders.add(holder);
  if (listeningOn === null) {
    target.addEventListener('beforeunload', beforeUnload);
    listeningOn = target;
  }
  return () => {
    holders.delete(holder);
    letGo.delete(holder);
    if (holders.size === 0 && listeningOn !== null) {
      listeningOn.removeEventListener('beforeunload', beforeUnload);
      listeningOn = null;
    }
  };
}
