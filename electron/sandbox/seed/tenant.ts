/*
 * The demo tenant's configuration: the rules a real tenant keeps in its back office and the
 * schema cannot know. The sandbox validates requests against it; the seed draws from it, so
 * seeded data always passes the sandbox's own checks.
 */

export type Channel = 'LETTER' | 'E-INVOICE' | 'EMAIL' | 'SMS';

export interface Tenant {
  readonly channels: readonly string[];
  readonly currencies: readonly string[];
  /** Reference code (what a create sends) → company name (what the server returns). */
  readonly insuranceCompanies: Readonly<Record<string, string>>;
}

const channels: readonly Channel[] = ['LETTER', 'E-INVOICE', 'EMAIL', 'SMS'];

// Frozen: the server shares this object between requests, so nothing may change it by accident.
export const tenant: Tenant = Object.freeze({
  channels: Object.freeze([...channels]),
  currencies: Object.freeze(['SEK', 'NOK', 'EUR', 'DKK']),
  insuranceCompanies: Object.freeze({
    ATRADIUS: 'Atradius',
    EULERHERMES: 'Allianz Trade (Euler Hermes)',
    COFACE: 'Coface',
  }),
});
