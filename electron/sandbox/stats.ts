import type { OperationName } from '../../shared/api';

/*
 * Request counters, so a test can prove what reached the server (e.g. that an offline create
 * was sent exactly once despite retries), not merely what the client believes it sent.
 */

export interface SandboxStats {
  /** API requests that matched an operation, counted on arrival (before auth and faults). */
  received: number;
  /** API requests not yet answered (or dropped). */
  inFlight: number;
  /** Per operation, counted on arrival. */
  byOperation: Partial<Record<OperationName, number>>;
  /** Per answered status over all API requests ('dropped' when the socket was destroyed). */
  byStatus: Record<string, number>;
  /** Per operation and status. */
  byOperationStatus: Partial<Record<OperationName, Record<string, number>>>;
  /** Injected faults. */
  faults: { throttled: number; errors: number; dropped: number; delayed: number };
  /** Token endpoint calls, per status. */
  token: Record<string, number>;
  /** Customer selections (filter + order) built from scratch: paging and writes must not add to it. */
  selectionBuilds: number;
}

function empty(): SandboxStats {
  return {
    received: 0,
    inFlight: 0,
    byOperation: {},
    byStatus: {},
    byOperationStatus: {},
    faults: { throttled: 0, errors: 0, dropped: 0, delayed: 0 },
    token: {},
    selectionBuilds: 0,
  };
}

const bump = (map: Record<string, number>, key: string): void => {
  map[key] = (map[key] ?? 0) + 1;
};

export class Stats {
  private data = empty();

  arrived(operation: OperationName): void {
    this.data.received++;
    this.data.inFlight++;
    this.data.byOperation[operation] = (this.data.byOperation[operation] ?? 0) + 1;
  }

  /** `status` is an HTTP status, or 'dropped'. */
  finished(operation: OperationName | undefined, status: number | 'dropped'): void {
    const key = String(status);
    bump(this.data.byStatus, key);
    if (operation === undefined) return;
    this.data.inFlight = Math.max(0, this.data.inFlight - 1);
    bump((this.data.byOperationStatus[operation] ??= {}), key);
  }

  selectionBuilt(): void {
    this.data.selectionBuilds++;
  }

  fault(kind: keyof SandboxStats['faults']): void {
    this.data.faults[kind]++;
  }

  tokenRequest(status: number): void {
    bump(this.data.token, String(status));
  }

  get(): SandboxStats {
    return structuredClone(this.data);
  }

  reset(): void {
    // In-flight requests are still in flight: keep that count truthful.
    const inFlight = this.data.inFlight;
    this.data = empty();
    this.data.inFlight = inFlight;
  }
}
