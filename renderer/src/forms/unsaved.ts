/*
 * Closing the window, quitting or reloading while a form on screen holds typing that was not
 * saved would lose it without a word. Every such form holds the page here while it is mounted
 * (FormState does it for the component that made it; the Pending page's edit dialog, and
 * Settings' profile form and credentials panel, for their own forms). While any of them
 * reports unsaved input, the page's `beforeunload` cancels the unload: a browser then asks its
 * own question, and Electron reports it to the main process as `will-prevent-unload`, which
 * asks the user natively (electron/main/unload-guard.ts).
 *
 * Only unsaved input counts: a saved edit is in the outbox (IndexedDB) and its journal, so
 * closing the window then loses nothing and nobody is asked. The listener exists only while
 * some form is mounted.
 */

/** Where the listener goes: the window, or a stand-in in a unit test. */
export type UnloadTarget = Pick<Window, 'addEventListener' | 'removeEventListener'>;

const holders = new Set<() => boolean>();
let listeningOn: UnloadTarget | null = null;

/** Whether some mounted form holds input that closing the window would lose. */
export function holdsUnsavedInput(): boolean {
  for (const unsaved of holders) if (unsaved()) return true;
  return false;
}

function beforeUnload(event: BeforeUnloadEvent): void {
  if (!holdsUnsavedInput()) return;
  event.preventDefault();
  // What older Chromium, and Electron's own check, read: any value but undefined cancels the unload.
  event.returnValue = true;
}

/**
 * Holds the page while `unsaved()` is true (it is asked at unload time, so it may read reactive
 * state). Returns the release: call it when the form goes away (an $effect's cleanup).
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
    if (holders.size === 0 && listeningOn !== null) {
      listeningOn.removeEventListener('beforeunload', beforeUnload);
      listeningOn = null;
    }
  };
}
