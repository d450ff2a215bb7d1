import { en, type Catalogue, type MessageKey, type Plural } from './en';
import { sv } from './sv';

/*
 * A small typed message catalogue and Intl formatting, no library: two languages and a few
 * hundred strings do not need one, and Intl (built into Chromium) already knows plural rules,
 * dates, numbers and currencies for every locale. The language follows the OS
 * (navigator.language) until the user picks one; the choice is remembered on this computer.
 */

export const languages = ['en', 'sv'] as const;
export type Language = (typeof languages)[number];

const catalogues: Record<Language, Catalogue> = { en, sv };
const STORAGE_KEY = 'fieldbook.language';
/** When the OS locale is another language, formats follow these. */
const defaultRegion: Record<Language, string> = { en: 'en-GB', sv: 'sv-SE' };

export const languageNames: Record<Language, string> = { en: 'English', sv: 'Svenska' };

function systemLanguage(): Language {
  const preferred = typeof navigator === 'undefined' ? [] : (navigator.languages?.length ? navigator.languages : [navigator.language]);
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'sv' || base === 'en') return base;
  }
  return 'en';
}

function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' || value === 'sv' ? value : null;
  } catch {
    return null;
  }
}

let language = $state<Language>(storedLanguage() ?? systemLanguage());

/** The BCP 47 tag for formatting: the OS locale when it is in the UI's language (en-US keeps US dates). */
function formatLocale(lang: Language): string {
  const os = typeof navigator === 'undefined' ? '' : navigator.language;
  return os.toLowerCase().split('-')[0] === lang ? os : defaultRegion[lang];
}

export const i18n = {
  get language(): Language {
    return language;
  },
  get locale(): string {
    return formatLocale(language);
  },
  setLanguage(next: Language): void {
    language = next;
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // A profile without storage keeps the choice for this session only.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = next;
  },
};

export type Params = Readonly<Record<string, string | number>>;

const pluralRules = new Map<string, Intl.PluralRules>();

function interpolate(text: string, params: Params | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value) : value;
  });
}

/** The message `key` in the current language; a plural message picks its form by `params.count`. */
export function t(key: MessageKey, params?: Params): string {
  const message: string | Plural = catalogues[language][key];
  if (typeof message === 'string') return interpolate(message, params);
  const count = Number(params?.['count'] ?? 0);
  let rules = pluralRules.get(language);
  if (!rules) {
    rules = new Intl.PluralRules(language);
    pluralRules.set(language, rules);
  }
  const form = rules.select(count) === 'one' ? message.one : message.other;
  return interpolate(form, params);
}

/** True when `key` exists (for keys built from data, such as enum values). */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

// --- Formatting. Formatters are cached per locale: constructing Intl objects is not free. ---

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(key: string, make: (locale: string) => T): T {
  const locale = i18n.locale;
  const full = `${locale}|${key}`;
  let formatter = cache.get(full) as T | undefined;
  if (!formatter) {
    formatter = make(locale);
    cache.set(full, formatter);
  }
  return formatter;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A calendar date (birth dates, validity dates). Read in UTC: the API writes dates as midnight
 * UTC, and a laptop west of Greenwich must not show the day before.
 */
export function formatDate(iso: string | null | undefined): string {
  const date = parse(iso);
  if (!date) return '';
  return cached('date', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeZone: 'UTC' })).format(date);
}

/** A moment (registration, fetch times), in the computer's time zone. */
export function formatDateTime(iso: string | null | undefined): string {
  const date = parse(iso);
  if (!date) return '';
  return cached('datetime', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium', timeStyle: 'short' })).format(date);
}

export function formatNumber(value: number | null | undefined, fractionDigits?: number): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  const key = `number:${fractionDigits ?? ''}`;
  return cached(key, (l) => new Intl.NumberFormat(l, fractionDigits === undefined ? {} : { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits })).format(value);
}

/** An amount in its own currency (the record's, never the UI's); without a valid code, a plain number with the code. */
export function formatMoney(value: number | null | undefined, currency: string | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  const code = (currency ?? '').toUpperCase();
  if (/^[A-Z]{3}$/u.test(code)) {
    try {
      return cached(`money:${code}`, (l) => new Intl.NumberFormat(l, { style: 'currency', currency: code })).format(value);
    } catch {
      // An unknown code: fall through to a plain number.
    }
  }
  return `${formatNumber(value, 2)}${code ? ` ${code}` : ''}`;
}

/** A percentage given as a number of percent (4.5 → "4.5 %" in the locale's way). */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return cached('percent', (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 3 })).format(value / 100);
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3], ['month', 30 * 24 * 3600e3], ['week', 7 * 24 * 3600e3],
  ['day', 24 * 3600e3], ['hour', 3600e3], ['minute', 60e3],
];

/** "5 minutes ago", "yesterday": for sync times. */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  const date = parse(iso);
  if (!date) return '';
  const diff = date.getTime() - now;
  if (Math.abs(diff) < 45e3) return t('time.justNow');
  const format = cached('relative', (l) => new Intl.RelativeTimeFormat(l, { numeric: 'auto' }));
  for (const [unit, ms] of units) {
    if (Math.abs(diff) >= ms || unit === 'minute') return format.format(Math.round(diff / ms), unit);
  }
  return '';
}
