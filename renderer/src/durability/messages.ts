import { en, type MessageKey, type Plural } from '../i18n/en';

/*
 * What this module tells the user (the restore report, the journal mirror's trouble, a refused
 * clear or export) is a catalogue key with its parameters, not a sentence: the screens say it
 * with the UI's `t`, in the language the user has chosen (renderer/src/i18n, English and
 * Swedish). This module runs before the UI exists and under Node in tests, where the UI's rune
 * based i18n cannot, so it never translates itself. The keys are the catalogue's `durability.*`
 * keys: a text naming a key that en.ts lacks fails the type check, as does a key sv.ts lacks.
 *
 * Errors still need a message of their own (logs, a caller that knows nothing of the key):
 * that is the English sentence, from the same catalogue.
 */

export type DurabilityKey = Extract<MessageKey, `durability.${string}`>;
export type DurabilityParams = Readonly<Record<string, string | number>>;

/** A sentence for the user, to be said with `t(text.key, text.params)`. */
export interface DurabilityText {
  readonly key: DurabilityKey;
  readonly params?: DurabilityParams;
}

export const textOf = (key: DurabilityKey, params?: DurabilityParams): DurabilityText => (params ? { key, params } : { key });

const englishPlurals = new Intl.PluralRules('en');

/** The text in English (Error.message, logs); the UI says the key in the user's language instead. */
export function inEnglish(text: DurabilityText): string {
  const message: string | Plural = en[text.key];
  const form = typeof message === 'string' ? message : englishPlurals.select(Number(text.params?.['count'] ?? 0)) === 'one' ? message.one : message.other;
  return form.replace(/\{(\w+)\}/gu, (whole, name: string) => (text.params?.[name] === undefined ? whole : String(text.params[name])));
}

/** An error the user may read: `text` says it in their language, `message` in English. */
export class DurabilityError extends Error {
  override readonly name: string = 'DurabilityError';
  constructor(readonly text: DurabilityText) {
    super(inEnglish(text));
  }
}

/** The text of an error this module threw (a DurabilityError or one of its kind), or null for any other. */
export function durabilityTextOf(error: unknown): DurabilityText | null {
  return error instanceof DurabilityError ? error.text : null;
}
