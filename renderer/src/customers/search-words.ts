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
