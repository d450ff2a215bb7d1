import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { defaultTokenUrl, profileInput, type ConnectionProfile } from '../../shared/profiles';
import type { DownloadReport } from '../../renderer/src/sync/briefcase';
import { percentOf, summarize } from '../../renderer/src/offline/prepare';
import {
  backendKey, checkForm, emptyForm, formOf, inputOf, saveErrorsOf, scopeError, secretsFor, testFailureKey, tokenUrlPlaceholder,
  unsyncedCountOf, visibleFields,
} from '../../renderer/src/settings/form';
import { english } from './english';

// The Settings form as data: what it sends to profiles.create/update and what it says back.

const tenant: ConnectionProfile = {
  id: '7b0c8b5e-2f0e-4c1e-9a51-3d7b9a2f4e10',
  name: 'Nordbank production',
  kind: 'aptic',
  baseUrl: 'https://gateway.nordbank.example/APIGW',
  tokenUrl: 'https://login.nordbank.example/oauth/token',
  authMode: 'both',
  clientId: 'fieldbook',
  apiKeyHeader: 'X-Gateway-Key',
  scope: 'customers.read customers.write',
  downloadScope: "startswith(fullName, 'Lind')",
};

describe('the profile form and the profile input', () => {
  it('round-trips a stored profile: the form sends what the profile holds', () => {
    const input = inputOf(formOf(tenant));
    const checked = v.safeParse(profileInput, input);
    expect(checked.success).toBe(true);
    const { id: _id, ...fields } = tenant;
    expect(checked.output).toEqual(fields);
  });

  it('sends empty fields as empty text, which the schema reads as "not set", and applies the defaults', () => {
    const form = { ...emptyForm(), name: 'Test tenant', baseUrl: 'https://gw.example.com/APIGW', clientId: 'abc', apiKeyHeader: ' ' };
    const checked = v.safeParse(profileInput, inputOf(form));
    expect(checked.success && checked.output).toEqual({
      name: 'Test tenant', kind: 'aptic', baseUrl: 'https://gw.example.com/APIGW', authMode: 'oauth2', clientId: 'abc',
      apiKeyHeader: 'X-Api-Key', downloadScope: '',
    });
  });

  it('a Demo profile never sends addresses of its own', () => {
    const demo: ConnectionProfile = { id: 'demo', name: 'Demo (sandbox)', kind: 'demo', baseUrl: '', authMode: 'oauth2', apiKeyHeader: 'X-Api-Key', downloadScope: '' };
    const form = { ...formOf(demo), baseUrl: 'https://typed.anyway', tokenUrl: 'https://typed.anyway/token' };
    expect(inputOf(form)).not.toHaveProperty('tokenUrl');
    expect(inputOf(form).baseUrl).toBe('');
    expect(checkForm(form)).toEqual({});
  });

  it('reports the schema\'s errors under each field, as main would', () => {
    const errors = checkForm({ ...emptyForm(), name: '', baseUrl: 'http://gateway.example.com', apiKeyHeader: 'X Key', authMode: 'both' });
    expect(Object.keys(errors).sort()).toEqual(['apiKeyHeader', 'baseUrl', 'name']);
    expect(errors['baseUrl']?.[0]).toMatch(/https/u);
    // Rules between fields come once each field is valid on its own.
    expect(checkForm({ ...emptyForm(), name: 'X', baseUrl: 'https://gw.example.com' })).toEqual({ clientId: ['Is required for OAuth 2.0'] });
  });

  it('checks the download scope as the list\'s $filter box does, with the offending token and its position', () => {
    expect(scopeError('')).toBeNull();
    expect(scopeError("startswith(fullName, 'Lind')")).toBeNull();
    const error = scopeError('regDate gt 2020-13-01');
    expect(error).toMatchObject({ token: '2020-13-01', position: 11 });
    expect(scopeError('nosuchfield eq 1')?.token).toBe('nosuchfield');
    expect(checkForm({ ...formOf(tenant), downloadScope: 'juridicalType eq' })).toHaveProperty('downloadScope');
  });

  it('shows only the fields the kind and authentication use; the token URL placeholder is the default', () => {
    expect([...visibleFields({ kind: 'demo', authMode: 'oauth2' })].sort()).toEqual(['downloadScope', 'name']);
    expect(visibleFields({ kind: 'aptic', authMode: 'oauth2' })).toEqual(new Set(['name', 'downloadScope', 'baseUrl', 'authMode', 'tokenUrl', 'clientId', 'scope']));
    expect(visibleFields({ kind: 'aptic', authMode: 'apikey' })).toEqual(new Set(['name', 'downloadScope', 'baseUrl', 'authMode', 'apiKeyHeader']));
    // The default token URL, whatever the base's trailing slash (the path itself lives in the route table).
    expect(tokenUrlPlaceholder('https://gw.example.com/APIGW/')).toBe(defaultTokenUrl('https://gw.example.com/APIGW'));
    expect(tokenUrlPlaceholder('')).toBe(defaultTokenUrl('https://gateway.example.com/APIGW'));
    expect(secretsFor('oauth2')).toEqual(['clientSecret']);
    expect(secretsFor('apikey')).toEqual(['apiKey']);
    expect(secretsFor('both')).toEqual(['clientSecret', 'apiKey']);
  });
});

describe('what the bridge answers, in words', () => {
  it('a failed test connection says why', () => {
    expect(english.t(testFailureKey({ kind: 'unauthorized', message: 'x' }))).toBe('The server refused the credentials.');
    expect(english.t(testFailureKey({ kind: 'network', message: 'x' }))).toBe('The server could not be reached.');
    expect(english.t(testFailureKey({ kind: 'vault-unavailable', message: 'x' }))).toBe('The secrets could not be read from this computer.');
  });

  it('unsynced changes block a delete or a sign-out until confirmed; save errors land on the form\'s fields', () => {
    expect(unsyncedCountOf({ kind: 'unsynced-changes', message: 'm', count: 3 })).toBe(3);
    expect(unsyncedCountOf({ kind: 'internal', message: 'm' })).toBeNull();
    expect(saveErrorsOf({ kind: 'invalid-request', message: 'm', fieldErrors: { baseUrl: ['Is required'] } })).toEqual({ baseUrl: ['Is required'] });
    expect(saveErrorsOf({ kind: 'invalid-request', message: 'm' })).toBeNull();
  });

  it('explains the credential store in use', () => {
    expect(english.t(backendKey({ kind: 'keytar' }))).toMatch(/keychain/u);
    expect(english.t(backendKey({ kind: 'safeStorage' }))).toMatch(/encrypted file/u);
    expect(english.t(backendKey({ kind: 'safeStorage', insecure: true }))).toMatch(/^Warning/u);
    expect(english.t(backendKey({ kind: 'unavailable' }))).toMatch(/cannot be stored/u);
  });
});

describe('prepare for offline, reported', () => {
  const report = (parts: Partial<DownloadReport>): DownloadReport => ({ total: 40, done: 40, stored: [], gone: [], failed: [], cancelled: false, ...parts });

  it('says what finished, what is gone and what failed, and how far a cancelled run got', () => {
    expect(summarize(report({ stored: Array.from({ length: 40 }, (_, i) => String(i)) }), english))
      .toEqual({ tone: 'success', lines: ['40 customers are now kept offline with full detail.'] });
    expect(summarize(report({ done: 12, cancelled: true, stored: ['a'], gone: ['b'], failed: [{ customerGuid: 'c', failure: { kind: 'server', message: 'HTTP 503' } }] }), english))
      .toEqual({
        tone: 'warning',
        lines: [
          'Cancelled after 12 of 40 customers.',
          '1 customer is now kept offline with full detail.',
          '1 customer is no longer on the server.',
          '1 customer could not be downloaded (HTTP 503); it is tried again at the next sync.',
        ],
      });
    expect(percentOf(12, 40)).toBe(30);
    expect(percentOf(0, 0)).toBe(0);
  });
});
