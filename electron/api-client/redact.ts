import type { ApiFailure } from '../../shared/api';

/*
 * Secrets never reach a log line or an error (api-contract.md). Two layers: the exact values
 * known to the current request (client secret, API key, token) are replaced wherever they
 * appear, e.g. echoed back in a server's error text; and anything shaped like a credential
 * (a Bearer header, a `client_secret=` form field) is masked even when its value is unknown.
 */

const mask = '[redacted]';

const patterns: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/giu, `$1 ${mask}`],
  [/\b(client_secret|access_token|refresh_token|api[-_]?key)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/giu, `$1$2${mask}`],
];

export type Redact = (text: string) => string;

export function redactor(secrets: readonly (string | undefined)[]): Redact {
  // Longest first, so a secret that contains another is masked whole. Very short values are
  // skipped: masking every "a" would make messages unreadable and protect nothing.
  const values = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4))].sort(
    (a, b) => b.length - a.length,
  );
  return (text) => {
    let out = text;
    for (const value of values) {
      out = out.split(value).join(mask);
      // A secret may also appear form- or URL-encoded.
      const encoded = encodeURIComponent(value);
      if (encoded !== value) out = out.split(encoded).join(mask);
    }
    for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
    return out;
  };
}

function redactDeep(value: unknown, redact: Redact, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
  if (depth > 20 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, redact, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, item]) => [redact(k), redactDeep(item, redact, depth + 1)]));
}

/** The failure with every string in it (message, problem document, field errors) redacted. */
export function redactFailure(failure: ApiFailure, redact: Redact): ApiFailure {
  return redactDeep(failure, redact) as ApiFailure;
}
