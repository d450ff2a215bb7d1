import { tick } from 'svelte';
import type { FieldErrors } from '../../../shared/api/validation';
import { InvalidInputError } from '../outbox';
import { fieldOfKey, firstInvalid, mergeErrors, toFormKeys } from './errors';
import { holdUnsavedInput } from './unsaved';
import { sameFormValue, sameFormValues, type FormValue, type FormValues } from './values';

/*
 * The state of one form: its values, which fields the user has left (their errors show from
 * then on), and the three sources of errors: the shared schema (live), the outbox on save
 * (InvalidInputError, until the field changes) and the server (a refused change, until the
 * field changes). The rules about WHAT is valid live in the plain modules; this only decides
 * WHEN a message is shown, and where focus goes.
 *
 * A form also keeps the window from closing on typing that was not saved (forms/unsaved.ts):
 * for as long as the component that made it is mounted, which is why a FormState is made while
 * a component initialises, as every form here is.
 */

export interface FormConfig {
  /** The schema's errors for these values (create: the body; edit: those the changes introduce). */
  check(values: FormValues, initial: FormValues): FieldErrors;
  /** The fields that differ from the start (empty: nothing to save). */
  changed(values: FormValues, initial: FormValues): string[];
  /** The form's fields in the order the user meets them (focus goes to the first invalid one). */
  order(): readonly string[];
}

/** The DOM id of a field's input (a sub-path such as `value.2` is the third value's input). */
export const fieldId = (formId: string, key: string): string => `${formId}-${key.replace(/\./gu, '-')}`;

export class FormState {
  values = $state<FormValues>({});
  initial = $state.raw<FormValues>({});
  touched = $state<Record<string, boolean>>({});
  submitted = $state(false);
  busy = $state(false);
  /** What a save threw, keyed by field (InvalidInputError.fieldErrors). */
  saveErrors = $state.raw<FieldErrors>({});
  /** The server's problem details for this record (a refused change). */
  serverErrors = $state.raw<FieldErrors>({});
  /** A save failure that is not about a field (the cache did not answer, the record was deleted meanwhile). */
  failure = $state<string | null>(null);

  readonly id: string;
  readonly #config: FormConfig;

  readonly checked: FieldErrors = $derived.by(() => this.#config.check(this.values, this.initial));
  readonly changed: string[] = $derived.by(() => this.#config.changed(this.values, this.initial));
  readonly dirty: boolean = $derived(this.changed.length > 0);
  /** The values the last successful save queued (null: none since the form started or was reset). */
  #saved = $state.raw<FormValues | null>(null);
  /** What closing the window now would lose: changes no save has queued yet (queued ones are in the outbox). */
  readonly unsaved: boolean = $derived(this.dirty && !(this.#saved !== null && sameFormValues(this.#saved, this.values)));

  /** What is on screen now: the schema's verdict on fields the user has left (all after a save attempt), and the rest. */
  readonly errors: FieldErrors = $derived.by(() => {
    const shown: FieldErrors = {};
    for (const [key, messages] of Object.entries(this.checked)) {
      if (this.submitted || this.touched[fieldOfKey(key)] || key === '') shown[key] = messages;
    }
    // The server judged the value the form started with; once the user changes it, that verdict is old.
    const server = Object.fromEntries(Object.entries(this.serverErrors).filter(([key]) => this.#unchanged(fieldOfKey(key))));
    return mergeErrors(shown, this.saveErrors, server);
  });

  constructor(id: string, config: FormConfig, values: FormValues = {}) {
    this.id = id;
    this.#config = config;
    this.reset(values);
    // Released when the owning component unmounts (a dialog closed, the page left).
    $effect(() => holdUnsavedInput(() => this.unsaved));
  }

  #unchanged(field: string): boolean {
    return field === '' || sameFormValue(this.initial[field], this.values[field]);
  }

  /** Starts over from `values` (a record loaded, a form reopened). */
  reset(values: FormValues): void {
    this.values = structuredClone($state.snapshot(values)) as FormValues;
    this.initial = structuredClone($state.snapshot(values)) as FormValues;
    this.touched = {};
    this.submitted = false;
    this.saveErrors = {};
    this.failure = null;
    this.#saved = null;
  }

  set(name: string, value: FormValue): void {
    this.values[name] = value;
    // A save's verdict on this field is about a value that is gone.
    if (Object.keys(this.saveErrors).some((key) => fieldOfKey(key) === name)) {
      this.saveErrors = Object.fromEntries(Object.entries(this.saveErrors).filter(([key]) => fieldOfKey(key) !== name));
    }
  }

  /** The user left a field: its messages show from now on. */
  leave(name: string): void {
    if (!this.touched[name]) this.touched[name] = true;
  }

  errorsAt(key: string): string[] {
    return this.errors[key] ?? [];
  }

  /**
   * A save: refuses (and focuses the first invalid field) while the schema finds errors, else
   * runs `save`. An InvalidInputError lands at its fields; any other failure is shown in the
   * form's summary. Resolves true when `save` succeeded.
   */
  async submit(save: () => Promise<void>): Promise<boolean> {
    if (this.busy) return false;
    this.submitted = true;
    this.failure = null;
    if (Object.keys(this.checked).length) {
      await this.focusFirstInvalid();
      return false;
    }
    this.busy = true;
    try {
      await save();
      this.#saved = structuredClone($state.snapshot(this.values)) as FormValues;
      return true;
    } catch (error) {
      if (error instanceof InvalidInputError) {
        this.saveErrors = toFormKeys(error.fieldErrors, this.#config.order());
        await this.focusFirstInvalid();
      } else {
        this.failure = error instanceof Error ? error.message : String(error);
      }
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Moves focus to the first field with a message (a sub-value's own input where it has one). */
  async focusFirstInvalid(): Promise<void> {
    await tick();
    const errors = this.errors;
    const field = firstInvalid(this.#config.order(), errors);
    if (!field) {
      document.getElementById(`${this.id}-summary`)?.focus();
      return;
    }
    const key = Object.keys(errors).filter((k) => fieldOfKey(k) === field).sort()[0] ?? field;
    const target = document.getElementById(fieldId(this.id, key)) ?? document.getElementById(fieldId(this.id, field)) ?? document.getElementById(`${fieldId(this.id, field)}-0`);
    target?.focus();
  }
}
