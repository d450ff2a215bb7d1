import { router } from '../app/router.svelte';
import type { Route } from '../app/routes';
import { provideSaveHandler } from '../app/save';
import type { FormState } from './form.svelte';
import { letGoOfUnsavedInput } from './unsaved';

/*
 * A form that fills a page: Ctrl/Cmd+S saves it, Esc or Cancel leaves it, asking first when it
 * holds changes (the page's ConfirmDialog, driven by `asking`). Leaving it any other way (a
 * link, Back, a shortcut) is asked about by the app's one leave question, as for every form
 * with unsaved input (forms/unsaved.ts, forms/LeaveQuestion.svelte): the FormState is
 * registered there already.
 */

export class PageGuard {
  /** 'cancel' while Esc or the Cancel button asks whether to throw the changes away; null when not asking. */
  asking = $state<'cancel' | null>(null);
  readonly #form: () => FormState | null;
  readonly #cancel: () => void;

  constructor(form: () => FormState | null, cancel: () => void) {
    this.#form = form;
    this.#cancel = cancel;
  }

  /** Call from an $effect: registers the save shortcut; returns its removal. */
  attach(save: () => Promise<void> | void): () => void {
    return provideSaveHandler(save);
  }

  /** Esc or Cancel: leaves at once when nothing was changed, else asks. */
  cancel(): void {
    if (this.#form()?.dirty) this.asking = 'cancel';
    else this.#cancel();
  }

  /** The user agreed to lose the changes: leave the form (without being asked again on the way). */
  discard(): void {
    this.asking = null;
    letGoOfUnsavedInput();
    this.#cancel();
  }

  keepEditing(): void {
    this.asking = null;
  }

  /** After a save: leaves without asking (the changes are in the outbox). */
  leave(route: Route): void {
    letGoOfUnsavedInput();
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
