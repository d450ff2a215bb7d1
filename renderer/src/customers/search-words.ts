/*
 * What a search box query means, in the same words as the cache's `searchTerms` index
 * (cache/customer-index.ts): the query is split into words exactly as record text is, and a
 * customer matches when EVERY word is the prefix of one of its terms. A word with digits may
 * also match the compact form the index keeps of phone and ID numbers ("070-123" finds
 * "0701234567"), so a number is found however it was typed.
 */

/** Each query word with its accepted spellings (the word itself, and its compact form). */
export type SearchWords = readonly (readonly string[])[];

export function searchWords(query: string): SearchWords {
  const words: string[][] = [];
  const seen = new Set<string>();
  for (const word of query.toLowerCase().split(/[\s,;()]+/u)) {
    if (!word || seen.has(word)) continue;
    seen.add(word);
    const variants = [word];
    const compact = word.replace(/[\s\-+()]/gu, '');
    if (compact && compact !== word && /\d/u.test(compact)) variants.push(compact);
    words.push(variants);
  }
  return words;
}

/**
 * True when every word prefixes a term of `blob` (the projection's `\n`-joined terms).
 * A blob starts with `\n` and terms contain none, so `\n<word>` is a prefix match of a term.
 */
export function matchesWords(blob: string, needles: readonly (readonly string[])[]): boolean {
  for (const variants of needles) {
    let found = false;
    for (const needle of variants) {
      if (blob.includes(needle)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/** The needles matchesWords() looks for: each spelling prefixed with the term separator. */
export function needlesOf(words: SearchWords): string[][] {
  return words.map((variants) => variants.map((v) => `\n${v}`));
}

/*
 * Initials: one bit per letter a word can begin with, so the first keystroke of a search (one
 * letter: every row of 100,000 tested, by far the slowest query of the list, `npm run bench`)
 * is a bit test per row instead of a substring search through each row's terms. a–z and the
 * Nordic å, ä, ö each have a bit of their own; digits share one, æ and ø share one, and every
 * other character shares the last: a shared bit only says "maybe", the terms still decide.
 */

const SHARED_DIGIT = 26;
const OWN_NORDIC: Readonly<Record<string, number>> = { 'å': 27, 'ä': 28, 'ö': 29 };
const SHARED_NORDIC = 30;
const SHARED_OTHER = 31;
const shared = new Set([SHARED_DIGIT, SHARED_NORDIC, SHARED_OTHER]);

function bitOf(char: string): number {
  const code = char.charCodeAt(0);
  if (code >= 97 && code <= 122) return code - 97;
  if (code >= 48 && code <= 57) return SHARED_DIGIT;
  if (char === 'æ' || char === 'ø') return SHARED_NORDIC;
  return OWN_NORDIC[char] ?? SHARED_OTHER;
}

/** The initials of a record's (lower-cased) search terms. */
export function initialsOf(terms: readonly string[]): number {
  let mask = 0;
  for (const term of terms) if (term) mask |= 1 << bitOf(term.charAt(0));
  return mask >>> 0;
}

/**
 * For each word, the initials one of its terms must have (any of the bits), and whether that
 * test alone is the answer: a one-letter word whose letter has a bit of its own.
 */
export function initialsTest(words: SearchWords): { bits: Uint32Array; exact: boolean } {
  const bits = new Uint32Array(words.length);
  let exact = true;
  words.forEach((variants, i) => {
    let mask = 0;
    for (const variant of variants) if (variant) mask |= 1 << bitOf(variant.charAt(0));
    bits[i] = mask >>> 0;
    const only = variants.length === 1 ? variants[0]! : '';
    const bit = only.length === 1 ? bitOf(only) : -1;
    if (bit < 0 || shared.has(bit)) exact = false;
  });
  return { bits, exact };
}
