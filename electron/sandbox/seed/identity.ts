import { flat } from './flat';
import type { Random } from './random';

/*
 * National identity and registration numbers with their real check digits, so a tester who
 * pastes one into a validator (or a future client-side check) sees a plausible, well-formed
 * value. All are random, not real people's: they only share the format.
 */

/** Gender as in the API: 1 male, 2 female, 0 unknown (then either parity will do). */
type Gender = 0 | 1 | 2;

function parityDigit(rng: Random, gender: Gender): number {
  const digit = rng.int(0, 4) * 2; // even
  if (gender === 2) return digit;
  if (gender === 1) return digit + 1;
  return digit + rng.int(0, 1);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function ddmmyy(dob: Date): string {
  return pad2(dob.getUTCDate()) + pad2(dob.getUTCMonth() + 1) + pad2(dob.getUTCFullYear() % 100);
}

/** The Luhn (mod 10) check digit of a digit string, as Swedish personnummer and orgnummer use. */
export function luhnDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Weighted mod 11 sum; the caller decides what the remainder means. */
function mod11(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * (weights[i] ?? 0);
  return sum % 11;
}

/** Swedish personnummer, long form YYYYMMDD-NNNC; the third serial digit is odd for men. */
export function swedishPersonnummer(rng: Random, dob: Date, gender: Gender): string {
  const date = String(dob.getUTCFullYear()) + pad2(dob.getUTCMonth() + 1) + pad2(dob.getUTCDate());
  const serial = rng.digits(2) + parityDigit(rng, gender);
  return flat`${date}-${serial}${luhnDigit(date.slice(2) + serial)}`;
}

/** Swedish organisationsnummer NNNNNN-NNNC; aktiebolag mostly start 556 or 559. */
export function swedishOrgNumber(rng: Random): string {
  const body = rng.pick(['556', '559']) + rng.digits(6);
  return flat`${body.slice(0, 6)}-${body.slice(6)}${luhnDigit(body)}`;
}

/** Norwegian fødselsnummer: DDMMYY, an individual number (its range tells the century), two mod 11 control digits. */
export function norwegianBirthNumber(rng: Random, dob: Date, gender: Gender): string {
  for (;;) {
    const base = dob.getUTCFullYear() >= 2000 ? 500 : 0;
    const individual = String(base + rng.int(0, 49) * 10 + parityDigit(rng, gender)).padStart(3, '0');
    const nine = ddmmyy(dob) + individual;
    const k1 = (11 - mod11(nine, [3, 7, 6, 1, 8, 9, 4, 5, 2])) % 11;
    if (k1 === 10) continue;
    const k2 = (11 - mod11(nine + k1, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2])) % 11;
    if (k2 === 10) continue;
    return flat`${nine}${k1}${k2}`;
  }
}

/** Norwegian organisasjonsnummer: nine digits starting 8 or 9, mod 11 control digit. */
export function norwegianOrgNumber(rng: Random): string {
  for (;;) {
    const body = rng.pick(['8', '9']) + rng.digits(7);
    const check = (11 - mod11(body, [3, 2, 7, 6, 5, 4, 3, 2])) % 11;
    if (check !== 10) return body + check;
  }
}

const HETU_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/** Finnish henkilötunnus DDMMYY-NNNC ('A' for the 2000s); the individual number is odd for men. */
export function finnishHetu(rng: Random, dob: Date, gender: Gender): string {
  const individual = String(rng.int(0, 89) * 10 + parityDigit(rng, gender)).padStart(3, '0');
  const serial = individual === '000' || individual === '001' ? '002' : individual;
  const date = ddmmyy(dob);
  const sign = dob.getUTCFullYear() >= 2000 ? 'A' : '-';
  return flat`${date}${sign}${serial}${HETU_CHECK[Number(date + serial) % 31] ?? '0'}`;
}

/** Finnish Y-tunnus NNNNNNN-C. */
export function finnishBusinessId(rng: Random): string {
  for (;;) {
    const body = String(rng.int(1, 3)) + rng.digits(6);
    const r = mod11(body, [7, 9, 10, 5, 8, 4, 2]);
    if (r === 1) continue;
    return flat`${body}-${r === 0 ? 0 : 11 - r}`;
  }
}

/** Danish CPR DDMMYY-NNNN: the 7th digit tells the century, the last is odd for men (no mod 11 since 2007). */
export function danishCpr(rng: Random, dob: Date, gender: Gender): string {
  const century = dob.getUTCFullYear() >= 2000 ? '4' : String(rng.int(0, 3));
  return flat`${ddmmyy(dob)}-${century}${rng.digits(2)}${parityDigit(rng, gender)}`;
}

/** Danish CVR: eight digits whose weighted sum is divisible by 11. */
export function danishCvr(rng: Random): string {
  for (;;) {
    const body = String(rng.int(1, 4)) + rng.digits(6);
    const last = (11 - mod11(body, [2, 7, 6, 5, 4, 3, 2])) % 11;
    if (last !== 10) return body + last;
  }
}

/** A GS1 Global Location Number: a country prefix, digits, and the GS1 check digit. */
export function gln(rng: Random, prefix: string): string {
  const body = prefix + rng.digits(12 - prefix.length);
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return body + ((10 - (sum % 10)) % 10);
}

/** An IBAN with valid ISO 13616 check digits over a random BBAN of the country's length. */
export function iban(rng: Random, country: string, bbanLength: number): string {
  const bban = rng.digits(bbanLength);
  const letters = [...country].map((ch) => ch.charCodeAt(0) - 55).join('');
  let rest = 0;
  for (const ch of `${bban}${letters}00`) rest = (rest * 10 + Number(ch)) % 97;
  return flat`${country}${String(98 - rest).padStart(2, '0')}${bban}`;
}
