import { flat } from './flat';
import type { Random } from './random';

/** Lowercase ASCII for e-mail local parts: "Linnéa" → "linnea", "Sæther" → "saether", "Østby" → "ostby". */
export function foldAscii(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/gu, 'ae')
    .replace(/ø/gu, 'o')
    .replace(/ß/gu, 'ss')
    .normalize('NFD')
    .replace(/[^a-z0-9]/gu, '');
}

const EMAIL_PATTERNS = [['first.last', 50], ['firstlast', 10], ['f.last', 15], ['first.lastNN', 15], ['last.first', 10]] as const;

/** A person's address at an example.* domain (RFC 2606 reserves those, so no mail reaches anyone). */
export function personEmail(rng: Random, first: string, last: string, tld: string): string {
  const f = foldAscii(first);
  const l = foldAscii(last);
  // Children may be seeded from a customer a user renamed to something with no letters left.
  if (!f || !l) return flat`${f || l || 'customer'}@example.${tld}`;
  switch (rng.weighted(EMAIL_PATTERNS)) {
    case 'first.last':
      return flat`${f}.${l}@example.${tld}`;
    case 'firstlast':
      return flat`${f}${l}@example.${tld}`;
    case 'f.last':
      return flat`${f.charAt(0)}.${l}@example.${tld}`;
    case 'first.lastNN':
      return flat`${f}.${l}${rng.int(1, 99)}@example.${tld}`;
    case 'last.first':
      return flat`${l}.${f}@example.${tld}`;
  }
}

export function companyEmail(rng: Random, companyWords: readonly string[], mailbox: string, tld: string): string {
  const slug = companyWords.map(foldAscii).filter(Boolean).join('');
  if (!slug) return flat`${mailbox}@example.${tld}`;
  return rng.chance(0.5) ? flat`${mailbox}.${slug}@example.${tld}` : flat`${slug}@example.${tld}`;
}

/** Groups digits as given: groups(rng, [3, 2, 2]) → "123 45 67". */
function groups(rng: Random, sizes: readonly number[], first = ''): string {
  const total = sizes.reduce((a, b) => a + b, 0);
  const digits = first + rng.digits(total - first.length);
  const out: string[] = [];
  let at = 0;
  for (const size of sizes) {
    out.push(digits.slice(at, at + size));
    at += size;
  }
  return out.join(' ');
}

/*
 * Phone numbers in each country's own international notation. `area` is a landline area code
 * (SE, FI) or the usual leading digits of local numbers (NO, DK), see places.ts.
 */
export const phones = {
  SE: {
    mobile: (rng: Random) => flat`+46 7${rng.pick(['0', '2', '3', '6', '9'])} ${groups(rng, [3, 2, 2])}`,
    landline: (rng: Random, area: string) =>
      flat`+46 ${area} ${groups(rng, area.length === 1 ? [3, 3, 2] : area.length === 2 ? [3, 2, 2] : [2, 2, 2], String(rng.int(2, 8)))}`,
  },
  NO: {
    mobile: (rng: Random) => flat`+47 ${groups(rng, [3, 2, 3], rng.pick(['4', '9']))}`,
    landline: (rng: Random, area: string) => flat`+47 ${area} ${groups(rng, [2, 2, 2])}`,
  },
  FI: {
    mobile: (rng: Random) => flat`+358 ${rng.pick(['40', '41', '44', '45', '50'])} ${groups(rng, [3, 4])}`,
    landline: (rng: Random, area: string) => flat`+358 ${area} ${groups(rng, [3, 4], String(rng.int(2, 8)))}`,
  },
  DK: {
    mobile: (rng: Random) => flat`+45 ${rng.pick(['20', '21', '22', '26', '28', '30', '31', '40', '42', '50', '51', '60', '61'])} ${groups(rng, [2, 2, 2])}`,
    landline: (rng: Random, area: string) => flat`+45 ${area} ${groups(rng, [2, 2, 2])}`,
  },
} as const;
