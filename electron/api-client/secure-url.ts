import type { ApiFailure } from '../../shared/api';

/*
 * HTTPS is required for every host except loopback (api-contract.md): a client secret, token
 * or API key sent over plain http to anything else can be read on the way. Checked before the
 * first request, so an insecure profile never sends a byte.
 */

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/gu, '');
  if (host === 'localhost' || host === '::1') return true;
  // WHATWG URL has already normalised IPv4 (e.g. `127.1` becomes `127.0.0.1`).
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/u.test(host);
}

/** undefined when the URL may be used; else the `insecure-url` failure that says why. */
export function checkUrl(what: 'base URL' | 'token URL', raw: string): ApiFailure | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: 'insecure-url', message: `The ${what} of this profile is not a valid web address.` };
  }
  if (url.username || url.password) {
    // Credentials in a URL end up in logs and history; they belong in the vault.
    return { kind: 'insecure-url', message: `The ${what} of this profile must not contain a user name or password.` };
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return undefined;
  if (url.protocol === 'http:') {
    return {
      kind: 'insecure-url',
      message: `The ${what} of this profile uses http:// for ${url.hostname}; only https:// is allowed except for this computer (localhost).`,
    };
  }
  return { kind: 'insecure-url', message: `The ${what} of this profile must start with https://.` };
}
