import type { ExtraField, Parameter } from '../../../shared/api/schemas';
import { companyEmail, personEmail } from './contact';
import type { ChildContext } from './context';
import { randomCents, toAmount } from './context';
import { DAY, SEED_TODAY, dayBetween, iso } from './dates';
import { personName } from './parties';

interface ParameterKind {
  readonly name: string;
  readonly type: 'string' | 'int' | 'date';
  value(ctx: ChildContext): string;
}

const collectorName = (ctx: ChildContext) => {
  const n = personName(ctx.rng, ctx.country, ctx.rng.chance(0.5) ? 1 : 2);
  return `${n.first} ${n.last}`;
};

const PARAMETERS: readonly ParameterKind[] = [
  { name: 'RiskClass', type: 'int', value: (c) => String(c.rng.weighted([[1, 20], [2, 35], [3, 25], [4, 12], [5, 8]])) },
  { name: 'PreferredContactTime', type: 'string', value: (c) => c.rng.pick(['08:00-10:00', '10:00-12:00', '12:00-15:00', '15:00-18:00', '18:00-20:00']) },
  {
    name: 'SegmentCode',
    type: 'string',
    value: (c) => c.rng.pick(c.isCompany ? ['SME', 'CORPORATE', 'MICRO', 'PUBLIC'] : ['PRIVATE', 'PRIVATE_PREMIUM', 'PRIVATE_BASIC']),
  },
  { name: 'Collector', type: 'string', value: collectorName },
  { name: 'LastReviewDate', type: 'date', value: (c) => iso(dayBetween(c.rng, Math.max(c.since, SEED_TODAY - 730 * DAY), SEED_TODAY - DAY)) },
  { name: 'NextContactDate', type: 'date', value: (c) => iso(dayBetween(c.rng, SEED_TODAY + DAY, SEED_TODAY + 60 * DAY)) },
  {
    name: 'CreditLimit',
    type: 'int',
    value: (c) => String(toAmount(c.isCompany ? randomCents(c, 50_000, 1_000_000, 10_000) : randomCents(c, 5_000, 100_000, 1_000))),
  },
];

export function seedParameters(ctx: ChildContext): Parameter[] {
  const count = ctx.rng.weighted([[0, 20], [1, 25], [2, 25], [3, 18], [4, 12]]);
  return ctx.rng.sample(PARAMETERS, count).map((kind) => ({ name: kind.name, type: kind.type, value: kind.value(ctx), href: null }));
}

const PERSON_TAGS = ['Paperless', 'Prefers phone', 'Payment plan history', 'Loyal customer', 'Seasonal worker', 'Interpreter needed'];
const COMPANY_TAGS = ['Key account', 'Paperless', 'Public sector supplier', 'Export', 'Seasonal business', 'Group member'];
const LANGUAGE_NAMES = { sv: 'Swedish', nb: 'Norwegian', fi: 'Finnish', da: 'Danish' } as const;

/** Other addresses the customer has used: same name, another pattern; never the primary one. */
function alternativeEmails(ctx: ChildContext): string[] {
  const { rng, customer, country } = ctx;
  const words = (customer.fullName ?? '').split(' ').filter(Boolean);
  const candidates = Array.from({ length: rng.int(1, 2) }, () =>
    ctx.isCompany || !customer.firstname || !customer.lastname
      ? companyEmail(rng, words.slice(0, -1), rng.pick(['order', 'info', country.mailbox]), country.tld)
      : personEmail(rng, customer.firstname, customer.lastname, rng.pick([country.tld, 'com'])),
  );
  return [...new Set(candidates)].filter((e) => e !== customer.email);
}

type ExtraFieldKind = (ctx: ChildContext) => string[];

const EXTRA_FIELDS: Readonly<Record<string, ExtraFieldKind>> = {
  Tags: (c) => c.rng.sample(c.isCompany ? COMPANY_TAGS : PERSON_TAGS, c.rng.int(1, 3)),
  SalesRegion: (c) => [c.country.cities.find(([city]) => city.name === c.customer.domicile)?.[0].region ?? c.rng.weighted(c.country.cities).region],
  AlternativeEmails: alternativeEmails,
  SpokenLanguages: (c) => [LANGUAGE_NAMES[c.country.language], ...c.rng.sample(['English', 'German', 'Swedish'], c.rng.int(0, 2))].filter((l, i, all) => all.indexOf(l) === i),
  KeyAccountManager: (c) => [collectorName(c)],
};

export function seedExtraFields(ctx: ChildContext): ExtraField[] {
  const count = ctx.rng.weighted([[0, 30], [1, 35], [2, 22], [3, 13]]);
  const names = ctx.rng.sample(Object.keys(EXTRA_FIELDS).filter((n) => ctx.isCompany || n !== 'KeyAccountManager'), count);
  return names
    .map((name) => ({ name, value: EXTRA_FIELDS[name]?.(ctx) ?? [] }))
    .filter((field) => field.value.length > 0);
}
