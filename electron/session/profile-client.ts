import { connectionUrls, type ConnectionProfile } from '../../shared/profiles';
import { createApiClient, type ApiClient, type ApiClientConfig, type Secrets } from '../api-client';
import type { CredentialVault } from '../credentials';
import { demoCredentials } from '../sandbox';
import type { DemoSandbox } from './demo';

/*
 * The API client of one profile. Secrets are read from the vault each time the client needs
 * one (a token fetch, or an API-key request) and never kept here: a secret the user changes
 * or clears takes effect on the next request, and this module holds nothing worth stealing.
 */

/** What tests and the app may tune; never the profile's URLs or credentials. */
export type ClientTuning = Partial<Pick<ApiClientConfig, 'timeoutMs' | 'retry' | 'fetch' | 'sleep' | 'random' | 'now'>>;

export interface ProfileClientDeps {
  readonly vault: Pick<CredentialVault, 'get'>;
  readonly demo: DemoSandbox;
  readonly tuning: ClientTuning;
  readonly log: (line: string) => void;
}

export async function createProfileClient(profile: ConnectionProfile, deps: ProfileClientDeps, extra: ClientTuning = {}): Promise<ApiClient> {
  const auth = { mode: profile.authMode, apiKeyHeader: profile.apiKeyHeader, ...(profile.scope ? { scope: profile.scope } : {}) };
  const common = { ...deps.tuning, ...extra, log: (line: string) => deps.log(`api ${profile.id}: ${line}`) };
  if (profile.kind === 'demo') {
    const sandbox = await deps.demo.get();
    const { baseUrl, tokenUrl } = connectionUrls(profile, sandbox.url);
    // The demo credentials are public: the sandbox listens on loopback only and holds demo data.
    const secrets = async (): Promise<Secrets> => ({ clientSecret: demoCredentials.clientSecret, apiKey: demoCredentials.apiKey });
    return createApiClient({ ...common, baseUrl, tokenUrl, auth: { ...auth, clientId: demoCredentials.clientId }, secrets });
  }
  const { baseUrl, tokenUrl } = connectionUrls(profile, '');
  // Only the kinds the mode uses: an API-key profile reads the keychain on every request.
  const usesSecret = profile.authMode !== 'apikey';
  const usesKey = profile.authMode !== 'oauth2';
  const secrets = async (): Promise<Secrets> => ({
    clientSecret: usesSecret ? ((await deps.vault.get(profile.id, 'clientSecret')) ?? undefined) : undefined,
    apiKey: usesKey ? ((await deps.vault.get(profile.id, 'apiKey')) ?? undefined) : undefined,
  });
  return createApiClient({ ...common, baseUrl, tokenUrl, auth: { ...auth, ...(profile.clientId ? { clientId: profile.clientId } : {}) }, secrets });
}

/** The secrets a profile needs and does not have: it cannot connect until the user sets them. */
export async function lacksSecrets(profile: ConnectionProfile, vault: Pick<CredentialVault, 'has'>): Promise<boolean> {
  if (profile.kind === 'demo') return false;
  try {
    const needsSecret = profile.authMode !== 'apikey';
    const needsKey = profile.authMode !== 'oauth2';
    if (needsSecret && (!profile.clientId || !(await vault.has(profile.id, 'clientSecret')))) return true;
    return needsKey && !(await vault.has(profile.id, 'apiKey'));
  } catch {
    // A vault that cannot be read (a locked keyring) leaves the user to act, as a missing secret does.
    return true;
  }
}
