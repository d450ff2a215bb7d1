import type { MessageKey } from '../i18n/en';

/*
 * The shared schemas speak English (their messages also reach the sandbox's 400 answers and
 * the logs). A form shows them in the user's language: the known messages are recognised here
 * and said again from the catalogue; an unknown one (a new rule, a tenant's own text from the
 * server) is shown as it came, which is better than hiding it.
 */

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;

type Rule = [RegExp, MessageKey, (match: RegExpExecArray) => Record<string, string | number>];

const none = (): Record<string, string | number> => ({});

const rules: Rule[] = [
  [/^(?:Name must|Must|A value must) be at most (\d+) characters$/u, 'validation.maxLength', (m) => ({ max: Number(m[1]) })],
  [/^Must be an ISO 8601 date-time/u, 'validation.dateTime', none],
  [/^Must be a GUID/u, 'validation.guid', none],
  [/^Must be an e-mail address/u, 'validation.email', none],
  [/^Must be a three-letter ISO 4217 code/u, 'validation.currency', none],
  [/^(?:Is required|Name is required|Receiving bank account is required)$/u, 'validation.required', none],
  [/^Name cannot be '\.' or '\.\.'$/u, 'validation.dotName', none],
  [/^Must be a number$/u, 'validation.number', none],
  [/^Must be a whole number$/u, 'validation.integer', none],
  [/^Must not be negative$/u, 'validation.negative', none],
  [/^Too large/u, 'validation.tooLarge', none],
  [/^Give a full name, or a first and a last name for a person$/u, 'validation.fullName', none],
  [/^Valid to must not be before valid from$/u, 'validation.validTo', none],
  [/^Choose a response or a date to postpone to$/u, 'validation.responseOrPostpone', none],
  [/^Is not a field of this request$/u, 'validation.notAField', none],
  [/^'(.+)' is already in use for this customer$/u, 'validation.nameTaken', (m) => ({ name: m[1] ?? '' })],
  [/^(?:Juridical type|Gender|Direct-debit mandate type|Bank account class) must be one of/u, 'validation.choose', none],
  [/^At most (\d+) values$/u, 'validation.maxValues', (m) => ({ max: Number(m[1]) })],
  [/^Must be text$/u, 'validation.text', none],
  [/^Must not contain control characters$/u, 'validation.controlChars', none],
  [/^Must not be \. or \.\.$/u, 'validation.dotName', none],
];

/** A schema's (or the server's) message in the user's language, where it is one we know. */
export function localizeMessage(message: string, t: Translate): string {
  for (const [pattern, key, params] of rules) {
    const match = pattern.exec(message);
    if (match) return t(key, params(match));
  }
  return message;
}
