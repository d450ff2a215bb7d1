import type { Page } from 'playwright-core';
import { startProfiler, type Profiler } from './profile';
import { measurement, type Machine, type Measurement, type Target } from './report';

/** What every measurement module gets: the machine, the run's options and two helpers. */
export interface Bench {
  readonly machine: Machine;
  /** Fewer repetitions (developing the harness; the figures are then only indicative). */
  readonly quick: boolean;
  measure(name: string, value: number, unit: string, baseline: number | null, target: Target | null): Measurement;
  /** A CPU profile of `page` when `--profile <name>` asked for this measurement, else null. */
  profile(name: string, page: Page): Promise<Profiler | null>;
}

export function createBench(machine: Machine, options: { quick: boolean; profile: string | null }): Bench {
  return {
    machine,
    quick: options.quick,
    measure: (name, value, unit, baseline, target) => measurement(machine, name, value, unit, baseline, target),
    profile: async (name, page) => (options.profile === name ? startProfiler(page, name) : null),
  };
}
