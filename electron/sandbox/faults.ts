import * as v from 'valibot';

/*
 * Fault injection for API operations (never the token endpoint or the admin endpoints, so a
 * test can always log in and turn faults off again). Every decision comes from a seeded PRNG
 * and every API request draws the same three numbers whatever the settings, so a failing run
 * replays identically from its seed and request order.
 */

const rate = v.pipe(v.number(), v.minValue(0, 'Must be between 0 and 1'), v.maxValue(1, 'Must be between 0 and 1'));
const wholeNumber = (max: number) =>
  v.pipe(v.number(), v.integer('Must be a whole number'), v.minValue(0, 'Must not be negative'), v.maxValue(max, `Must be at most ${max}`));

/** The body of PUT on the admin faults endpoint: any subset of the settings. */
export const faultSettingsPatch = v.strictObject({
  /** Delay before every API operation is handled. */
  latencyMs: v.optional(wholeNumber(60_000)),
  /** Chance of a 5xx answer before anything is read or changed. */
  errorRateBeforeCommit: v.optional(rate),
  /** The status of those answers. */
  errorStatus: v.optional(v.picklist([500, 502, 503, 504], 'Must be 500, 502, 503 or 504')),
  /** Chance that the operation runs (a write commits) and then the socket is destroyed unanswered. */
  dropRateAfterCommit: v.optional(rate),
  /** Chance of a 429 before anything is changed. */
  throttleRate: v.optional(rate),
  /** The Retry-After of a 429, in seconds. */
  retryAfterSeconds: v.optional(wholeNumber(3600)),
  /** One-shot: invalidates every issued token now, then reads false again. */
  expireTokens: v.optional(v.boolean()),
  /** Reseeds the PRNG; setting it (even to the same value) restarts the sequence. */
  seed: v.optional(v.pipe(v.number(), v.integer('Must be a whole number'))),
});
export type FaultSettingsPatch = v.InferOutput<typeof faultSettingsPatch>;
export type FaultSettings = Required<Omit<FaultSettingsPatch, 'expireTokens'>> & { expireTokens: false };

export const defaultFaults: FaultSettings = {
  latencyMs: 0,
  errorRateBeforeCommit: 0,
  errorStatus: 503,
  dropRateAfterCommit: 0,
  throttleRate: 0,
  retryAfterSeconds: 1,
  expireTokens: false,
  seed: 1,
};

/** What the dispatcher does with one API request. */
export interface FaultDecision {
  latencyMs: number;
  throttle: boolean;
  error: boolean;
  drop: boolean;
}

/** mulberry32: tiny, fast and good enough to decide coin flips reproducibly. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultControl {
  get(): FaultSettings;
  /** Applies a partial update; throws valibot's ValiError on bad input (the admin endpoint answers 400 first). */
  set(patch: FaultSettingsPatch): FaultSettings;
  reset(): FaultSettings;
}

export class Faults implements FaultControl {
  private settings: FaultSettings;
  private random: () => number;

  constructor(
    initial: FaultSettingsPatch,
    private readonly onExpireTokens: () => void,
  ) {
    this.settings = { ...defaultFaults };
    this.random = prng(this.settings.seed);
    this.set(initial);
  }

  get(): FaultSettings {
    return { ...this.settings };
  }

  set(patch: FaultSettingsPatch): FaultSettings {
    const parsed = v.parse(faultSettingsPatch, patch);
    const { expireTokens, ...rest } = parsed;
    const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
    this.settings = { ...this.settings, ...defined };
    if (parsed.seed !== undefined) this.random = prng(parsed.seed);
    if (expireTokens) this.onExpireTokens();
    return this.get();
  }

  reset(): FaultSettings {
    this.settings = { ...defaultFaults };
    this.random = prng(this.settings.seed);
    return this.get();
  }

  /** Draws the decision for one API request (always three draws: see the file comment). */
  decide(): FaultDecision {
    const throttleDraw = this.random();
    const errorDraw = this.random();
    const dropDraw = this.random();
    const s = this.settings;
    const throttle = throttleDraw < s.throttleRate;
    const error = !throttle && errorDraw < s.errorRateBeforeCommit;
    return { latencyMs: s.latencyMs, throttle, error, drop: !throttle && !error && dropDraw < s.dropRateAfterCommit };
  }
}
