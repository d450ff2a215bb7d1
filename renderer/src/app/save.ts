/*
 * Ctrl/Cmd+S saves "the form in front of the user". Forms are the editing screens' business;
 * they register here while mounted (the last one registered wins, as the one on top), and the
 * shortcut calls whichever is there.
 */

type SaveHandler = () => void | Promise<void>;

const handlers: SaveHandler[] = [];

/** A form calls this when it mounts; the returned function unregisters it (call it on destroy). */
export function provideSaveHandler(handler: SaveHandler): () => void {
  handlers.push(handler);
  return () => {
    const at = handlers.lastIndexOf(handler);
    if (at >= 0) handlers.splice(at, 1);
  };
}

/** Saves the active form; false when no form is open. */
export function saveActiveForm(): boolean {
  const handler = handlers.at(-1);
  if (!handler) return false;
  void handler();
  return true;
}
