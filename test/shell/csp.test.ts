import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../electron/main/csp';

const root = new URL('../../', import.meta.url);

function metaPolicy(html: string): string | undefined {
  return /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/iu.exec(html)?.[1];
}

describe('the Content-Security-Policy', () => {
  it('is the strict policy: nothing by default, the app origin for code, styles, fonts and connections', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
      + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    for (const loose of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "'wasm-unsafe-eval'", '*', 'http:', 'https:', 'blob:']) {
      expect(CONTENT_SECURITY_POLICY.split(/[\s;]+/u)).not.toContain(loose);
    }
  });

  it('is the same in renderer/index.html, less frame-ancestors (which a meta tag cannot carry)', async () => {
    const html = await readFile(new URL('renderer/index.html', root), 'utf8');
    expect(metaPolicy(html)).toBe(META_CONTENT_SECURITY_POLICY);
    expect(META_CONTENT_SECURITY_POLICY).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });
});
