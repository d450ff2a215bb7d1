import type { Random } from './random';
import { flat } from './flat';

export const DAY = 86_400_000;

/**
 * The seed's "today". A fixed instant, not Date.now(): the same seed must give the same data on
 * any day. Move it forward when the demo starts to look stale; that changes the data, on purpose.
 */
export const SEED_TODAY = Date.UTC(2026, 10, 20);

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
/** Day number → "YYYY-MM-DD". Seeding 100,000 customers formats ~10 dates each; most share days. */
const dayText = new Map<number, string>();

/** ISO 8601 with seconds and `Z`, no milliseconds: the format the reference shows. */
export function iso(ms: number): string {
  const day = Math.floor(ms / DAY);
  let date = dayText.get(day);
  if (date === undefined) {
    date = new Date(day * DAY).toISOString().slice(0, 10);
    dayText.set(day, date);
  }
  const seconds = Math.floor((ms - day * DAY) / 1000);
  const hh = PAD2[Math.floor(seconds / 3600)] ?? '00';
  const mm = PAD2[Math.floor(seconds / 60) % 60] ?? '00';
  const ss = PAD2[seconds % 60] ?? '00';
  return flat`${date}T${hh}:${mm}:${ss}Z`;
}

/** Midnight UTC of the day `ms` falls on. */
export function startOfDay(ms: number): number {
  return ms - (((ms % DAY) + DAY) % DAY);
}

/** A time during office hours on the day `ms` falls on: back-office timestamps look real. */
export function officeHours(rng: Random, ms: number): number {
  return startOfDay(ms) + rng.int(7 * 3600, 17 * 3600) * 1000;
}

/** A random midnight between two instants (both included, in whole days). */
export function dayBetween(rng: Random, from: number, to: number): number {
  const first = startOfDay(from);
  const days = Math.max(0, Math.floor((startOfDay(to) - first) / DAY));
  return first + rng.int(0, days) * DAY;
}

/** Midnight UTC on the first of the month, `offset` months from the month `ms` falls in. */
export function monthStart(ms: number, offset: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1);
}

/** A date-time field as milliseconds, or `fallback` when it is missing or unreadable. */
export function parseDate(value: string | null | undefined, fallback: number): number {
  const ms = value ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? ms : fallback;
}
