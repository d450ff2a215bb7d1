import type { MessageKey } from '../i18n/en';

/*
 * How the plain modules of these screens get their words: a translate function and a time
 * formatter passed in, rather than imported from i18n/index.svelte.ts. The components pass
 * `t` and the locale's formatter; unit tests pass the English catalogue, so a test reads the
 * very sentence the user sees ("Update customer Anna Lindqvist: e-mail, mobile phone").
 */

export type MessageParams = Readonly<Record<string, string | number>>;

export interface Words {
  t(key: MessageKey, params?: MessageParams): string;
  /** A clock time in the user's locale ("14:05"), for "retrying at …". */
  time(ms: number): string;
}

/** "E-mail" → "e-mail" inside a sentence; an acronym ("GLN", "VAT number") keeps its capitals. */
export function inSentence(label: string): string {
  const [first = '', second = ''] = label;
  return second && second === second.toLowerCase() && first !== first.toLowerCase() ? first.toLowerCase() + label.slice(1) : label;
}

/** A field name the catalogue does not know, in words: "houseNoExtension" → "House no extension". */
export function humanize(field: string): string {
  const words = field.replace(/([a-z\d])([A-Z])/gu, '$1 $2').replace(/[_.]+/gu, ' ').trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : field;
}
