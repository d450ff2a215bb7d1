/*
 * Checks the JSON body of a custom action as the user types, and says where it is wrong by
 * line and column. JSON.parse knows the answer but words it differently in every engine (and
 * often gives only a character offset), so this is a small scanner of the JSON grammar
 * (RFC 8259) that stops at the first error with a reason the UI can put into words; a text it
 * accepts is then parsed by JSON.parse.
 */

export type JsonErrorCode =
  | 'empty'
  | 'unexpectedEnd'
  | 'unexpectedChar'
  | 'expectedKey'
  | 'expectedColon'
  | 'expectedCommaOrBrace'
  | 'expectedCommaOrBracket'
  | 'trailingComma'
  | 'badString'
  | 'badEscape'
  | 'badNumber'
  | 'trailing';

export interface JsonError {
  code: JsonErrorCode;
  /** 1-based, as an editor counts. */
  line: number;
  column: number;
  /** 0-based offset into the text. */
  offset: number;
  /** The character found there, when there is one. */
  found?: string;
}

export type JsonCheck = { ok: true; value: unknown } | { ok: false; error: JsonError };

class Stop extends Error {
  constructor(readonly code: JsonErrorCode, readonly at: number) {
    super(code);
  }
}

export function checkJson(text: string): JsonCheck {
  let i = 0;
  const fail = (code: JsonErrorCode, at = i): never => {
    throw new Stop(at >= text.length && code !== 'empty' && code !== 'trailing' ? 'unexpectedEnd' : code, at);
  };
  const space = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };

  const string = (): void => {
    i++; // the opening quote
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === undefined) fail('unexpectedEnd', i + 1);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/u.test(text.slice(i + 2, i + 6))) fail('badEscape', i);
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e as string)) fail('badEscape', i);
        i += 2;
        continue;
      }
      // A raw line break or other control character must be escaped.
      if (c.charCodeAt(0) < 0x20) fail('badString', i);
      i++;
    }
    fail('unexpectedEnd', i);
  };

  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/u.exec(text.slice(i));
    if (!match || match[0] === '-' || match[0] === '') fail('badNumber');
    i += (match as RegExpExecArray)[0].length;
    // "01", "1.", "1e": digits or a dot right after a number are a malformed number, not a new token.
    if (i < text.length && /[\d.eE]/u.test(text[i] as string)) fail('badNumber');
  };

  const value = (): void => {
    space();
    if (i >= text.length) fail('unexpectedEnd');
    const c = text[i] as string;
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail('unexpectedChar');
  };

  const object = (): void => {
    i++;
    space();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      space();
      if (text[i] === '}') fail('trailingComma');
      if (text[i] !== '"') fail('expectedKey');
      string();
      space();
      if (text[i] !== ':') fail('expectedColon');
      i++;
      value();
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      fail('expectedCommaOrBrace');
    }
  };

  const array = (): void => {
    i++;
    space();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      space();
      if (text[i] === ']') fail('trailingComma');
      value();
      space();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      fail('expectedCommaOrBracket');
    }
  };

  try {
    space();
    if (i >= text.length) fail('empty');
    value();
    space();
    if (i < text.length) fail('trailing');
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ok: false, error: locate(text, error.code, error.at) };
  }
}

/** The line and column of an offset (1-based; a tab counts as one column, as in the textarea's caret). */
export function locate(text: string, code: JsonErrorCode, offset: number): JsonError {
  const at = Math.min(offset, text.length);
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  const found = text[at];
  return { code, line, column, offset: at, ...(found !== undefined ? { found } : {}) };
}

/** The text pretty-printed (two spaces), for the Format button; unchanged when it does not parse. */
export function formatJson(text: string): string {
  const checked = checkJson(text);
  return checked.ok ? JSON.stringify(checked.value, null, 2) : text;
}
