import * as v from 'valibot';
import { fieldTypesOf } from './api/field-types';
import { routes, tokenPath } from './api/routes';
import { parseFilter } from './odata';

/*
 * A connection profile: which gateway to talk to and how, never with what secret. Client
 * secrets and API keys live in the main process's credential vault, keyed by profile id, so
 * this schema has no field for them and (being strict) rejects any attempt to add one.
 */

export const DEMO_PROFILE_ID = 'demo';
export const DEFAULT_API_KEY_HEADER = 'X-Api-Key';
export const profileKinds = ['demo', 'aptic'] as const;
export const authModes = ['oauth2', 'apikey', 'both'] as const;
export type ProfileKind = (typeof profileKinds)[number];
export type AuthMode = (typeof authModes)[number];

/**
 * Why a base or token URL may not be used, or undefined when it may. Deliberately stricter than
 * the WHATWG URL parser (no user info, query, fragment, backslash, whitespace, IDN or odd IPv4
 * forms such as `127.1`): every string accepted here means the same host to every parser, so
 * "http to loopback only" cannot be tricked into sending credentials in clear elsewhere.
 */
export function baseUrlProblem(url: string): string | undefined {
  if (url.length > 2048) return 'Is too long';
  if (/[\s\p{Cc}]/u.test(url)) return 'Must be a web address without spaces';
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\\]*)(.*)$/iu.exec(url);
  if (!match) return 'Must be a web address such as https://gateway.example.com/APIGW';
  const [, scheme = '', authority = '', rest = ''] = match;
  const protocol = scheme.toLowerCase();
  if (protocol !== 'https' && protocol !== 'http') return 'Must start with https://';
  if (authority.includes('@')) return 'Must not contain a user name or password (secrets are entered separately)';
  const hostPort = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/iu.exec(authority);
  const host = hostPort?.[1]?.toLowerCase();
  if (!host || !(host.startsWith('[') || isHostName(host))) return 'Has no valid host name';
  const port = hostPort?.[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return 'Has an invalid port';
  if (/[?#]/u.test(rest)) return 'Must not contain a query (?) or fragment (#)';
  if (!/^(\/[\w\-.~!$&'()*+,;=:@%]*)*$/u.test(rest)) return 'Has characters that are not allowed in a web address path';
  if (protocol === 'http' && !isLoopback(host)) {
    return 'Must use https:// (http:// is only allowed for this computer: localhost, 127.0.0.1 or [::1])';
  }
  return undefined;
}

export function isAllowedBaseUrl(url: string): boolean {
  return baseUrlProblem(url) === undefined;
}

function isHostName(host: string): boolean {
  return host.split('.').every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/u.test(label));
}

/** 127.0.0.0/8 written as four decimal octets, ::1, or localhost (already lower-cased). */
function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '[::1]' || host === '[0:0:0:0:0:0:0:1]') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/u.exec(host);
  return !!octets && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** `{base}/login/oauth/access_token` (api-contract.md), whatever the base's trailing slashes. */
export function defaultTokenUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/u, '')}${tokenPath}`;
}

/** The filterable fields of a customer, so a download scope naming an unknown field fails now, not at sync. */
const customerFields = fieldTypesOf(routes.listCustomers.result);

/** Why an OData filter does not parse (the parser names the token and position), or undefined. */
export function downloadScopeProblem(filter: string): string | undefined {
  try {
    parseFilter(filter, customerFields);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : 'Is not a valid filter';
  }
}

/** A web address checked by baseUrlProblem(); '' passes only where `allowEmpty` (the demo's placeholder). */
const webAddress = (allowEmpty: boolean) => v.pipe(v.string(), v.trim(), v.rawCheck(({ dataset, addIssue }) => {
  if (!dataset.typed) return;
  if (dataset.value === '') {
    if (!allowEmpty) addIssue({ message: 'Is required' });
    return;
  }
  const problem = baseUrlProblem(dataset.value);
  if (problem) addIssue({ message: problem });
}));

/** Forms send '' for a field left empty: that means "not set". */
const optionalText = <S extends v.GenericSchema<string, string>>(schema: S) =>
  v.optional(v.pipe(v.string(), v.trim(), v.union([v.pipe(v.literal(''), v.transform(() => undefined)), schema])));

const text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, 'Is required'), v.maxLength(max, `Must be at most ${max} characters`),
  v.regex(/^[^\p{Cc}]*$/u, 'Must not contain control characters'));

/** An HTTP header name (RFC 9110 token). */
const headerName = v.pipe(v.string(), v.trim(), v.minLength(1, 'Is required'), v.maxLength(100, 'Must be at most 100 characters'),
  v.regex(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/u, 'Must be a valid HTTP header name, such as X-Api-Key (no spaces, colons or slashes)'),
  v.check((name) => !['host', 'content-length', 'content-type', 'cookie', 'connection', 'transfer-encoding'].includes(name.toLowerCase()),
    'Is a header the app sets itself'));

const downloadScope = v.pipe(v.string(), v.maxLength(4000, 'Must be at most 4000 characters'), v.rawCheck(({ dataset, addIssue }) => {
  if (!dataset.typed) return;
  const problem = downloadScopeProblem(dataset.value);
  if (problem) addIssue({ message: problem });
}));

const entries = {
  name: text(100),
  kind: v.picklist(profileKinds, 'Must be demo or aptic'),
  /** '' only for a demo profile: the caller fills in the built-in sandbox's address at runtime. */
  baseUrl: webAddress(true),
  /** Defaults to `defaultTokenUrl(baseUrl)`. */
  tokenUrl: optionalText(webAddress(false)),
  authMode: v.picklist(authModes, 'Must be oauth2, apikey or both'),
  clientId: optionalText(text(200)),
  apiKeyHeader: v.optional(headerName, DEFAULT_API_KEY_HEADER),
  /** Space-separated OAuth scopes. */
  scope: optionalText(text(500)),
  /** An OData $filter selecting the customers kept offline; '' = every customer. */
  downloadScope: v.optional(downloadScope, ''),
};

type Checked = v.InferOutput<v.ObjectSchema<typeof entries, undefined>>;

/** A rule between fields, reported on `field`. */
const rule = <const F extends keyof Checked>(field: F, ok: (profile: Checked) => boolean, message: string) =>
  v.forward<Checked, v.CheckIssue<Checked>, [F]>(v.check<Checked, string>(ok, message), [field]);

// Checked once every field is valid on its own (validate() stops a pipe at its first failure).
const rules = [
  rule('baseUrl', (p) => p.kind !== 'aptic' || p.baseUrl !== '', 'Is required'),
  rule('baseUrl', (p) => p.kind !== 'demo' || p.baseUrl === '', 'Must be empty for a demo profile: it uses the built-in sandbox'),
  rule('tokenUrl', (p) => p.kind !== 'demo' || p.tokenUrl === undefined, 'Must be empty for a demo profile: it uses the built-in sandbox'),
  rule('clientId', (p) => p.kind === 'demo' || p.authMode === 'apikey' || p.clientId !== undefined, 'Is required for OAuth 2.0'),
  rule('apiKeyHeader', (p) => p.authMode === 'apikey' || p.apiKeyHeader.toLowerCase() !== 'authorization',
    'Cannot be Authorization when an OAuth 2.0 token is sent too'),
] as const;

/** What a create or edit form sends: no id, and no field the schema does not know. */
export const profileInput = v.pipe(v.strictObject(entries), ...rules);
export type ProfileInput = v.InferInput<typeof profileInput>;
/** A valid input, defaults applied: a profile without its id. */
export type ProfileFields = v.InferOutput<typeof profileInput>;

const profileId = v.union([v.literal(DEMO_PROFILE_ID), v.pipe(v.string(), v.uuid('Must be a UUID'))], 'Must be a UUID');

/**
 * A stored profile, read leniently: only the types are checked, so a rule tightened in a later
 * version cannot make the whole profiles file unreadable. Every save goes through
 * `profileInput`, and the API client checks the URLs again before the first request. Fields a
 * newer version added are dropped.
 */
export const connectionProfile = v.object({
  id: profileId,
  name: v.string(),
  kind: v.picklist(profileKinds),
  baseUrl: v.string(),
  tokenUrl: v.optional(v.string()),
  authMode: v.picklist(authModes),
  clientId: v.optional(v.string()),
  apiKeyHeader: v.optional(v.string(), DEFAULT_API_KEY_HEADER),
  scope: v.optional(v.string()),
  downloadScope: v.optional(v.string(), ''),
});
export type ConnectionProfile = v.InferOutput<typeof connectionProfile>;

/** The built-in profile: always present, never deleted, active on first start. */
export const demoProfile: ConnectionProfile = {
  id: DEMO_PROFILE_ID,
  name: 'Demo (sandbox)',
  kind: 'demo',
  baseUrl: '',
  authMode: 'oauth2',
  apiKeyHeader: DEFAULT_API_KEY_HEADER,
  downloadScope: '',
};

/** Where a profile connects: a demo profile to the sandbox's address, known only at runtime. */
export function connectionUrls(profile: ConnectionProfile, sandboxBaseUrl: string): { baseUrl: string; tokenUrl: string } {
  const baseUrl = profile.kind === 'demo' ? sandboxBaseUrl : profile.baseUrl;
  return { baseUrl, tokenUrl: profile.kind === 'demo' ? defaultTokenUrl(baseUrl) : (profile.tokenUrl ?? defaultTokenUrl(baseUrl)) };
}
