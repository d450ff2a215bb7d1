import { en, type MessageKey } from '../../renderer/src/i18n/en';
import type { MessageParams, Words } from '../../renderer/src/pending/words';

/*
 * The app's English sentences without the runes-based i18n module (which needs Svelte's
 * compiler): the same catalogue, plural forms chosen with Intl.PluralRules by `count`, and
 * clock times in UTC, so a test reads exactly what an English-speaking user reads.
 */

const plural = new Intl.PluralRules('en');

export const english: Words = {
  t(key: MessageKey, params?: MessageParams): string {
    const message = en[key] as string | { one: string; other: string };
    const text = typeof message === 'string' ? message : plural.select(Number(params?.['count'] ?? 0)) === 'one' ? message.one : message.other;
    return text.replace(/\{(\w+)\}/gu, (whole, name: string) => (params?.[name] === undefined ? whole : String(params[name])));
  },
  time: (ms) => new Date(ms).toISOString().slice(11, 16),
};
