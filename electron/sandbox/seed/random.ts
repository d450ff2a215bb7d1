import { flat } from './flat';

/*
 * A tiny seeded PRNG, so the demo data is the same on every machine and every run.
 * sfc32 (Chris Doty-Humphrey's "small fast counting" generator) has a 128-bit state and passes
 * PractRand; cyrb128 (bryc, public domain) spreads a text key over that state. Both are a few
 * lines, which beats a dependency.
 */

const HEX_VARIANT = ['8', '9', 'a', 'b'] as const;

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  private constructor(a: number, b: number, c: number, d: number) {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    // The first outputs of a freshly seeded sfc32 are still correlated with the seed.
    for (let i = 0; i < 12; i++) this.next();
  }

  /**
   * A generator keyed by text, e.g. `customer:<seed>:<index>`. Keying (rather than one long
   * stream) lets any item be rebuilt on its own, in any order.
   */
  static fromKey(key: string): Random {
    let h1 = 1779033703;
    let h2 = 3144134277;
    let h3 = 1013904242;
    let h4 = 2773480762;
    for (let i = 0; i < key.length; i++) {
      const k = key.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
    h1 ^= h2 ^ h3 ^ h4;
    return new Random(h1, h2 ^ h1, h3 ^ h1, h4 ^ h1);
  }

  /** An unsigned 32-bit integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** In [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.float() * items.length)] as T;
  }

  /** Picks by weight; entries with weight 0 are never chosen. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.float() * total;
    for (const [item, weight] of entries) {
      roll -= weight;
      if (roll < 0 && weight > 0) return item;
    }
    const last = entries.findLast(([, weight]) => weight > 0);
    if (!last) throw new Error('weighted pick with no positive weight');
    return last[0];
  }

  /** `count` distinct items in random order (fewer if the list is shorter). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = items.slice();
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.float() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    return copy.slice(0, n);
  }

  /** `length` decimal digits, leading zeros allowed. */
  digits(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += Math.floor(this.float() * 10);
    return out;
  }

  /** A version-4-shaped UUID in lowercase, from this generator (never crypto, so it repeats with the seed). */
  uuid(): string {
    const h0 = hex8(this.next());
    const h1 = hex8(this.next());
    const w2 = this.next();
    const h2 = hex8(w2);
    const h3 = hex8(this.next());
    // The variant nibble replaces h2's first nibble, so reuse exactly those (otherwise unused) bits.
    return flat`${h0}-${h1.slice(0, 4)}-4${h1.slice(5)}-${HEX_VARIANT[w2 >>> 30] ?? '8'}${h2.slice(1, 4)}-${h2.slice(4)}${h3}`;
  }
}

// A byte-to-hex table: GUIDs are made 100,000 at a time, and toString(16) + padStart shows in profiles.
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(n: number): string {
  return (HEX[n >>> 24] ?? '') + (HEX[(n >>> 16) & 255] ?? '') + (HEX[(n >>> 8) & 255] ?? '') + (HEX[n & 255] ?? '');
}
