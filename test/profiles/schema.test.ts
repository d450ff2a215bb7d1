import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenPath } from '../../shared/api/routes';
import { validate } from '../../shared/api/validation';
import {
  baseUrlProblem, connectionProfile, connectionUrls, defaultTokenUrl, demoProfile, isAllowedBaseUrl, profileInput,
} from '../../shared/profiles';

const valid = {
  name: 'Production',
  kind: 'aptic',
  baseUrl: 'https://c1234.prod.hosting.aptic.cloud/inst/APIGW',
  authMode: 'oauth2',
  clientId: 'fieldbook',
};

describe('isAllowedBaseUrl: https, or http to loopback only', () => {
  it.each([
    'https://c1234.prod.hosting.aptic.cloud/inst/APIGW',
    'https://example.com',
    'https://EXAMPLE.com:8443/a/b/',
    'https://10.0.0.5/APIGW',
    'https://[2001:db8::1]/APIGW',
    'HTTPS://example.com/a%20b',
    'http://localhost:4010',
    'http://LocalHost/demo/APIGW',
    'http://127.0.0.1:4010/APIGW',
    'http://127.255.255.254',
    'http://[::1]:4010/',
  ])('allows %s', (url) => {
    expect(baseUrlProblem(url)).toBeUndefined();
    expect(isAllowedBaseUrl(url)).toBe(true);
  });

  it.each([
    ['http://example.com', /Must use https/],
    ['http://c1234.prod.hosting.aptic.cloud/inst/APIGW', /Must use https/],
    ['http://127.0.0.1.nip.io', /Must use https/],
    ['http://localhost.evil.com', /Must use https/],
    ['http://128.0.0.1', /Must use https/],
    ['http://127.0.0.256', /Must use https/],
    // Forms WHATWG would read as 127.0.0.1 are refused too: only the plain spelling counts.
    ['http://127.1', /Must use https/],
    ['http://0x7f.0.0.1', /Must use https/],
    ['http://2130706433', /Must use https/],
    ['http://[::ffff:127.0.0.1]', /Must use https/],
    ['http://user:pw@localhost', /user name or password/],
    ['https://user@example.com', /user name or password/],
    ['http://127.0.0.1\\@evil.com', /not allowed in a web address path/],
    ['http://localhost%2eevil.com', /valid host name/],
    ['https://example.com?x=1', /query/],
    ['https://example.com/#top', /query \(\?\) or fragment/],
    ['https://exa_mple.com', /valid host name/],
    ['https://bücher.de', /valid host name/],
    ['https://example.com:0', /invalid port/],
    ['https://example.com:70000', /invalid port/],
    [' https://example.com', /without spaces/],
    ['https://example.com/a b', /without spaces/],
    ['ftp://example.com', /Must start with https/],
    ['javascript:alert(1)', /Must be a web address/],
    ['example.com', /Must be a web address/],
    ['https://', /valid host name/],
  ])('refuses %s', (url, message) => {
    expect(baseUrlProblem(url)).toMatch(message);
    expect(isAllowedBaseUrl(url)).toBe(false);
  });

  // The API client parses with WHATWG URL; whatever is accepted here must mean the same to it.
  it('never accepts a URL that WHATWG reads as plain http to another host, or with credentials', () => {
    const hostPieces = ['localhost', '127.0.0.1', '127', '.', '0', '1', '[::1]', 'evil.com', '@', '\\', '%2e', ':', '80', 'x', '\t'];
    const pathPieces = ['/', '@', '\\', ':', '80', 'evil.com', '%2e', '.', '?', '#', '\t', 'x'];
    const candidate = fc.tuple(
      fc.constantFrom('http://', 'https://', 'HTTP://', 'http:\\\\', 'http:/'),
      fc.array(fc.constantFrom(...hostPieces), { minLength: 1, maxLength: 5 }),
      fc.array(fc.constantFrom(...pathPieces), { maxLength: 5 }),
    ).map(([scheme, host, path]) => scheme + host.join('') + path.join(''));
    fc.assert(fc.property(candidate, (url) => {
      if (!isAllowedBaseUrl(url)) return;
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        expect(url.toLowerCase().startsWith('https://')).toBe(true);
        return;
      }
      expect(parsed.username + parsed.password).toBe('');
      if (parsed.protocol === 'http:') expect(parsed.hostname).toMatch(/^(localhost|\[::1\]|127\.\d+\.\d+\.\d+)$/);
      else expect(parsed.protocol).toBe('https:');
    }), { numRuns: 3000 });
  });
});

describe('token URL', () => {
  it('defaults to the base URL plus the route table token path', () => {
    expect(defaultTokenUrl('https://gw.example.com/inst/APIGW')).toBe(`https://gw.example.com/inst/APIGW${tokenPath}`);
    expect(defaultTokenUrl('https://gw.example.com/inst/APIGW//')).toBe(`https://gw.example.com/inst/APIGW${tokenPath}`);
  });

  it("resolves a demo profile to the sandbox's address, and keeps an explicit token URL", () => {
    expect(connectionUrls(demoProfile, 'http://127.0.0.1:4010/demo/APIGW')).toEqual({
      baseUrl: 'http://127.0.0.1:4010/demo/APIGW',
      tokenUrl: `http://127.0.0.1:4010/demo/APIGW${tokenPath}`,
    });
    const own = validate(connectionProfile, { ...valid, id: crypto.randomUUID(), tokenUrl: 'https://login.example.com/token' });
    if (!own.ok) throw new Error(JSON.stringify(own.errors));
    expect(connectionUrls(own.value, 'unused').tokenUrl).toBe('https://login.example.com/token');
  });
});

describe('profileInput', () => {
  it('accepts a valid profile and fills in the defaults', () => {
    const result = validate(profileInput, { ...valid, tokenUrl: '', scope: '  ', downloadScope: 'juridicalType eq 1' });
    expect(result).toEqual({
      ok: true,
      value: { ...valid, tokenUrl: undefined, scope: undefined, apiKeyHeader: 'X-Api-Key', downloadScope: 'juridicalType eq 1' },
    });
  });

  it.each([
    ['a malformed base URL', { baseUrl: 'not a url' }, 'baseUrl'],
    ['http to a public host', { baseUrl: 'http://gw.example.com/APIGW' }, 'baseUrl'],
    ['http token URL to a public host', { tokenUrl: 'http://login.example.com/token' }, 'tokenUrl'],
    ['an empty name', { name: '   ' }, 'name'],
    ['a name over 100 characters', { name: 'x'.repeat(101) }, 'name'],
    ['an unknown field', { colour: 'blue' }, 'colour'],
    ['a secret smuggled in', { clientSecret: 'hunter2' }, 'clientSecret'],
    ['an id (it is assigned, not sent)', { id: crypto.randomUUID() }, 'id'],
    ['a download scope that does not parse', { downloadScope: "juridicalType eq 1 and" }, 'downloadScope'],
    ['a download scope naming an unknown field', { downloadScope: "nosuchfield eq 'x'" }, 'downloadScope'],
    ['a header name with a space', { apiKeyHeader: 'Api Key' }, 'apiKeyHeader'],
    ['Authorization as the key header beside OAuth', { authMode: 'both', apiKeyHeader: 'Authorization' }, 'apiKeyHeader'],
    ['an unknown auth mode', { authMode: 'basic' }, 'authMode'],
    ['OAuth without a client id', { clientId: '' }, 'clientId'],
    ['an aptic profile without a base URL', { baseUrl: '' }, 'baseUrl'],
    ['a demo profile with a base URL', { kind: 'demo' }, 'baseUrl'],
  ])('rejects %s', (_, change, field) => {
    const result = validate(profileInput, { ...valid, ...change });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors)).toContain(field);
  });

  it('names the offending token of a bad download scope', () => {
    const result = validate(profileInput, { ...valid, downloadScope: "juridicalType eq 1 and" });
    expect(result).toEqual({ ok: false, errors: { downloadScope: [expect.stringMatching(/end of input at position 22/)] } });
  });

  it('lets an API-key-only profile go without a client id', () => {
    expect(validate(profileInput, { ...valid, authMode: 'apikey', clientId: undefined }).ok).toBe(true);
  });
});
