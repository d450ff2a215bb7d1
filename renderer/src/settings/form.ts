import type { ApiFailure } from '../../../shared/api/errors';
import { fieldTypesOf } from '../../../shared/api/field-types';
import { routes } from '../../../shared/api/routes';
import { validate, type FieldErrors } from '../../../shared/api/validation';
import type { BridgeFailure, SecretKindName } from '../../../shared/ipc';
import { ODataError, parseFilter } from '../../../shared/odata';
import {
  DEFAULT_API_KEY_HEADER, defaultTokenUrl, profileInput,
  type AuthMode, type ConnectionProfile, type ProfileInput, type ProfileKind,
} from '../../../shared/profiles';
import type { MessageKey } from '../i18n/en';

/*
 * The profile form as plain data, and its mapping to and from what the bridge takes. The form
 * holds text exactly as typed ('' for an empty field); `profileInput` (shared/profiles.ts, the
 * same schema main checks with) turns '' into "not set", trims, and applies the defaults. So
 * the form's errors here are the bridge's errors there, field for field.
 */

export interface ProfileForm {
  name: string;
  kind: ProfileKind;
  baseUrl: string;
  tokenUrl: string;
  authMode: AuthMode;
  clientId: string;
  apiKeyHeader: string;
  scope: string;
  downloadScope: string;
}

export const emptyForm = (): ProfileForm => ({
  name: '',
  kind: 'aptic',
  baseUrl: '',
  tokenUrl: '',
  authMode: 'oauth2',
  clientId: '',
  apiKeyHeader: DEFAULT_API_KEY_HEADER,
  scope: '',
  downloadScope: '',
});

export function formOf(profile: ConnectionProfile): ProfileForm {
  return {
    name: profile.name,
    kind: profile.kind,
    baseUrl: profile.baseUrl,
    tokenUrl: profile.tokenUrl ?? '',
    authMode: profile.authMode,
    clientId: profile.clientId ?? '',
    apiKeyHeader: profile.apiKeyHeader || DEFAULT_API_KEY_HEADER,
    scope: profile.scope ?? '',
    downloadScope: profile.downloadScope ?? '',
  };
}

/**
 * What profiles.create / profiles.update receive. A Demo profile has no addresses of its own (it
 * runs the built-in sandbox): those stay empty whatever the form held. Fields that do not apply
 * to the chosen authentication are still sent as typed: the schema ignores what it does not need.
 */
export function inputOf(form: ProfileForm): ProfileInput {
  const demo = form.kind === 'demo';
  return {
    name: form.name,
    kind: form.kind,
    baseUrl: demo ? '' : form.baseUrl,
    ...(demo ? {} : { tokenUrl: form.tokenUrl }),
    authMode: form.authMode,
    clientId: form.clientId,
    apiKeyHeader: form.apiKeyHeader.trim() === '' ? DEFAULT_API_KEY_HEADER : form.apiKeyHeader,
    scope: form.scope,
    downloadScope: form.downloadScope.trim(),
  };
}

/** The schema's verdict on the form, field by field ({} when it can be saved). */
export function checkForm(form: ProfileForm): FieldErrors {
  const result = validate(profileInput, inputOf(form));
  return result.ok ? {} : result.errors;
}

const customerFields = fieldTypesOf(routes.listCustomers.result);

/**
 * The download scope parsed as the list's $filter box parses, so its error can be shown AT its
 * token in the same way. null when it parses (or is empty).
 */
export function scopeError(text: string): ODataError | null {
  if (!text.trim()) return null;
  try {
    parseFilter(text, customerFields);
    return null;
  } catch (error) {
    if (error instanceof ODataError) return error;
    throw error;
  }
}

/** Which secrets a profile needs for its authentication. */
export function secretsFor(authMode: AuthMode): SecretKindName[] {
  switch (authMode) {
    case 'oauth2':
      return ['clientSecret'];
    case 'apikey':
      return ['apiKey'];
    case 'both':
      return ['clientSecret', 'apiKey'];
  }
}

/** Which fields of the form apply to the chosen kind and authentication (the rest are hidden). */
export function visibleFields(form: Pick<ProfileForm, 'kind' | 'authMode'>): Set<keyof ProfileForm> {
  const fields = new Set<keyof ProfileForm>(['name', 'downloadScope']);
  if (form.kind === 'demo') return fields;
  fields.add('baseUrl');
  fields.add('authMode');
  if (form.authMode !== 'apikey') {
    fields.add('tokenUrl');
    fields.add('clientId');
    fields.add('scope');
  }
  if (form.authMode !== 'oauth2') fields.add('apiKeyHeader');
  return fields;
}

/** The token URL a profile uses when the field is left empty: shown as the field's placeholder. */
export function tokenUrlPlaceholder(baseUrl: string): string {
  return defaultTokenUrl(baseUrl.trim() || 'https://gateway.example.com/APIGW');
}

/** "Test connection" failed: the kind in words (main's own words are the technical detail: messages.ts). */
export function testFailureKey(failure: BridgeFailure | ApiFailure): Extract<MessageKey, `settings.test.${string}`> {
  switch (failure.kind) {
    case 'unauthorized':
      return 'settings.test.unauthorized';
    case 'forbidden':
      return 'settings.test.forbidden';
    case 'network':
      return 'settings.test.network';
    case 'timeout':
      return 'settings.test.timeout';
    case 'insecure-url':
      return 'settings.test.insecure';
    case 'not-found':
      return 'settings.test.notFound';
    case 'server':
    case 'unknown-outcome':
    case 'bad-response':
      return 'settings.test.server';
    case 'vault-unavailable':
      return 'settings.test.vault';
    default:
      return 'settings.test.failed';
  }
}

/** Unsynced changes that block removing a profile or clearing a secret: their count, or null for any other failure. */
export function unsyncedCountOf(failure: BridgeFailure): number | null {
  return failure.kind === 'unsynced-changes' ? failure.count : null;
}

/** Field errors of a failed save, on the form's own field names (the bridge reports them relative to `input`). */
export function saveErrorsOf(failure: BridgeFailure): FieldErrors | null {
  return 'fieldErrors' in failure && failure.fieldErrors && Object.keys(failure.fieldErrors).length ? failure.fieldErrors : null;
}

/** The explanation of a vault backend. */
export function backendKey(backend: { kind: 'keytar' | 'safeStorage' | 'unavailable'; insecure?: boolean | undefined }): MessageKey {
  if (backend.kind === 'keytar') return 'settings.vault.keytar';
  if (backend.kind === 'unavailable') return 'settings.vault.unavailable';
  return backend.insecure ? 'settings.vault.insecure' : 'settings.vault.safeStorage';
}
