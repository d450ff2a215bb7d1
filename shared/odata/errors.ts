// Filters arrive from untrusted HTTP and IPC, so every rejection names the offending token and
// its offset: the sandbox turns it into a 400 problem detail, the UI highlights it.

const MAX_SHOWN = 64;

/** Caps a token so an attacker-sized input cannot produce an attacker-sized message. */
export function clipToken(token: string): string {
  return token.length > MAX_SHOWN ? `${token.slice(0, MAX_SHOWN)}…` : token;
}

/** A token for use in a message: string literals already carry their quotes. */
export function quoteToken(token: string): string {
  return token.startsWith("'") ? token : `'${token}'`;
}

export class ODataError extends Error {
  override readonly name = 'ODataError';
  /** The offending token as written ('' at end of input), clipped to 64 characters. */
  readonly token: string;
  /** 0-based character offset of the token in the original text. */
  readonly position: number;

  constructor(message: string, token: string, position: number) {
    super(message);
    this.token = clipToken(token);
    this.position = position;
  }

  /** The common "Unexpected token 'x' at position n: expected y" error. */
  static unexpected(token: string, position: number, expected: string): ODataError {
    const what = token === '' ? 'end of input' : `token ${quoteToken(clipToken(token))}`;
    return new ODataError(`Unexpected ${what} at position ${position}: expected ${expected}`, token, position);
  }
}
