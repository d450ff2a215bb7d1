import { router } from '../app/router.svelte';
import type { Route } from '../app/routes';
import { provideSaveHandler } from '../app/save';
import type { FormState } from './form.svelte';

/*
 * A form that fills a page: Ctrl/Cmd+S saves it, Esc cancels it, and leaving it by any way
 * (a link, Back, a shortcut) while it holds unsaved changes asks first. The question itself is
 * the page's ConfirmDialog, driven by `asking`.
 */

export class PageGuard {
  /** Where the user wanted to go when asked (or 'cancel' for Esc / the Cancel button); null when not asking. */
  asking = $state<Route | 'cancel' | null>(null);
  #leaving = false;
  readonly #form: () => FormState | null;
  readonly #cancel: () => void;

  constructor(form: () => FormState | null, cancel: () => void) {
    this.#form = form;
    this.#cancel = cancel;
  }

  /** Call from an $effect: registers the save shortcut and the leave guard; returns their removal. */
  attach(save: () => Promise<void> | void): () => void {
    const offSave = provideSaveHandler(save);
    const offGuard = router.guardLeave((next) => {
      if (this.#leaving || !this.#form()?.dirty) return true;
      this.asking = next;
      return false;
    });
    return () => {
      offSave();
      offGuard();
    };
  }

  /** Esc or Cancel: leaves at once when nothing was changed, else asks. */
  cancel(): void {
    if (this.#form()?.dirty) this.asking = 'cancel';
    else this.#cancel();
  }

  /** The user agreed to lose the changes: go where they were going. */
  discard(): void {
    const target = this.asking;
    this.asking = null;
    this.#leaving = true;
    if (target === 'cancel') this.#cancel();
    else if (target) router.navigate(target);
  }

  keepEditing(): void {
    this.asking = null;
  }

  /** After a save: leaves without asking (the changes are in the outbox). */
  leave(route: Route): void {
    this.#leaving = true;
    router.navigate(route);
  }

  /** The window's Esc (not one meant for a dialog, a select's list or a datalist). */
  keydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    if (event.target instanceof Element && event.target.closest('dialog')) return;
    // Esc in a field with suggestions closes the suggestion list; it must not throw the form away.
    if (event.target instanceof HTMLInputElement && event.target.list) return;
    if (document.querySelector('dialog[open]')) return;
    event.preventDefault();
    this.cancel();
  }
}
