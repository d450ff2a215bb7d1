/*
 * One HTTP request and its whole answer, under one deadline. A failure says only what the
 * caller needs to judge whether the server may have acted on the request: it `timed out`, the
 * connection was `refused` (the request never left, e.g. ECONNREFUSED or a DNS failure), or it
 * was `dropped` after the request may have been sent.
 */

export interface HttpRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpAnswer {
  readonly ok: true;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

export interface HttpFailure {
  readonly ok: false;
  readonly reason: 'timeout' | 'refused' | 'dropped';
  /** A short technical note for logs and messages, e.g. the system error code. */
  readonly detail: string;
}

// Errors that happen before a connection carries any of our bytes: the server cannot have acted.
const neverSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  // A TLS handshake that failed: no request was written either.
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Every `code` in an error's cause chain; Node wraps refusals in AggregateErrors (one per address). */
function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 5 || typeof error !== 'object' || error === null) return [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  const own = typeof code === 'string' ? [code] : [];
  const nested = Array.isArray(errors) ? errors.flatMap((e) => errorCodes(e, depth + 1)) : [];
  return [...own, ...errorCodes(cause, depth + 1), ...nested];
}

export async function exchange(
  fetchImpl: typeof fetch,
  request: HttpRequest,
  timeoutMs: number,
): Promise<HttpAnswer | HttpFailure> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  let sent = false;
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: controller.signal,
      // A redirect could carry our Authorization header elsewhere, or down to http.
      redirect: 'manual',
    });
    sent = true;
    const text = await response.text();
    return { ok: true, status: response.status, headers: response.headers, text };
  } catch (error) {
    if (timedOut) return { ok: false, reason: 'timeout', detail: `no answer within ${timeoutMs} ms` };
    const codes = errorCodes(error);
    // Once the status line has arrived the server has certainly seen the request.
    const refused = !sent && codes.length > 0 && codes.every((c) => neverSentCodes.has(c));
    const detail = codes[0] ?? (error instanceof Error ? error.message : 'connection failed');
    return { ok: false, reason: refused ? 'refused' : 'dropped', detail };
  } finally {
    clearTimeout(timer);
  }
}
