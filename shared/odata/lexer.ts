import { isoInstant } from './compare';
import { ODataError, quoteToken } from './errors';

/** Longest $filter / $orderby text accepted; they arrive from untrusted HTTP and IPC. */
export const MAX_TEXT_LENGTH = 4000;

type Base = { text: string; position: number };
export type Token =
  | (Base & { kind: 'ident' })
  | (Base & { kind: 'string'; value: string })
  | (Base & { kind: 'number'; value: number })
  | (Base & { kind: 'datetime' })
  | (Base & { kind: '(' | ')' | ',' | 'eof' });

// A "word" is scanned as a whole before it is classified, so that `12abc`, `a.b` or
// `2019-02-30` are reported as one bad token rather than as a confusing pair of good ones.
const WORD_CHAR = /[A-Za-z0-9_.:+-]/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const DATE_LIKE = /^\d+-/;
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);

function classifyWord(word: string, position: number): Token {
  if (/^[A-Za-z_]/.test(word)) {
    if (IDENTIFIER.test(word)) return { kind: 'ident', text: word, position };
    throw new ODataError(
      `Invalid name '${word}' at position ${position}: names consist of letters, digits and '_'`,
      word, position);
  }
  if (DATE_LIKE.test(word)) {
    if (isoInstant(word) !== undefined) return { kind: 'datetime', text: word, position };
    throw new ODataError(
      `Invalid date-time '${word}' at position ${position}: expected an ISO 8601 date or date-time ` +
      'such as 2019-08-24, 2019-08-24T14:15:22Z or 2019-08-24T14:15:22.123+02:00', word, position);
  }
  if (NUMBER.test(word)) {
    const value = Number(word);
    if (!Number.isFinite(value)) {
      throw new ODataError(`Number '${word}' at position ${position} is out of range`, word, position);
    }
    // -0 would not survive a round trip through text (String(-0) is "0").
    return { kind: 'number', text: word, position, value: value === 0 ? 0 : value };
  }
  if (/^-?\d/.test(word)) {
    throw new ODataError(`Invalid number '${word}' at position ${position}`, word, position);
  }
  throw ODataError.unexpected(word, position, 'a name, a literal, a parenthesis or a comma');
}

/** Splits filter/orderby text into tokens, ending with an 'eof' token at text.length. */
export function tokenize(text: string): Token[] {
  if (text.length > MAX_TEXT_LENGTH) {
    const token = text.slice(MAX_TEXT_LENGTH, MAX_TEXT_LENGTH + 16);
    throw new ODataError(
      `Text too long: ${quoteToken(token)} at position ${MAX_TEXT_LENGTH} is past the limit of ${MAX_TEXT_LENGTH} characters (got ${text.length})`,
      token, MAX_TEXT_LENGTH);
  }
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (WHITESPACE.has(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, position: i });
      i++;
    } else if (c === "'") {
      const start = i;
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) {
          const raw = text.slice(start);
          throw new ODataError(
            `Unterminated string ${raw.length > 64 ? `${raw.slice(0, 64)}…` : raw} at position ${start}: expected a closing quote (')`,
            raw, start);
        }
        const d = text.charAt(j);
        if (d === "'") {
          if (text.charAt(j + 1) !== "'") break;
          value += "'";
          j += 2;
        } else {
          value += d;
          j++;
        }
      }
      tokens.push({ kind: 'string', text: text.slice(start, j + 1), position: start, value });
      i = j + 1;
    } else if (WORD_CHAR.test(c)) {
      let j = i + 1;
      while (j < text.length && WORD_CHAR.test(text.charAt(j))) j++;
      tokens.push(classifyWord(text.slice(i, j), i));
      i = j;
    } else {
      const hint = c === '"' ? ': string literals use single quotes' : '';
      throw new ODataError(`Unexpected character '${c}' at position ${i}${hint}`, c, i);
    }
  }
  tokens.push({ kind: 'eof', text: '', position: text.length });
  return tokens;
}
