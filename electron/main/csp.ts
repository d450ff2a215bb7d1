/*
 * The Content-Security-Policy of every page the app shows. The custom protocol sends it as a
 * response header on every response; renderer/index.html carries the same policy in a meta tag
 * (minus frame-ancestors, which browsers ignore in a meta tag), so the page is covered even where
 * the header is not sent (the dev server). test/shell checks that the two agree.
 *
 * No relaxation is needed: the built renderer has no inline script or style element, and Svelte
 * sets dynamic styles through the CSSOM (element.style), which 'self' allows. A static
 * `style="…"` attribute in a component would be refused; test/security/renderer-csp.test.ts
 * fails the build on one, so use a class or a `style:` directive instead.
 */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [string, string]> = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** Directives a browser ignores when the policy comes in a meta tag (CSP3 §3.3). */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox']);

const join = (directives: ReadonlyArray<readonly [string, string]>): string =>
  directives.map(([name, value]) => `${name} ${value}`).join('; ');

/** The policy as a response header. */
export const CONTENT_SECURITY_POLICY = join(CSP_DIRECTIVES);

/** The policy as renderer/index.html states it. */
export const META_CONTENT_SECURITY_POLICY = join(CSP_DIRECTIVES.filter(([name]) => !HEADER_ONLY.has(name)));

/** Headers sent with every response of the app protocol, whatever its status. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};
