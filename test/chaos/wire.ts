import { matchRoute, type OperationName } from '../../shared/api';

/*
 * The network between the main process's API client and the sandbox, as a `fetch` the test
 * controls (ClientTuning.fetch): cut it (offline: every request fails before a byte leaves,
 * as with no route to the host), count the API requests that cross it, and crash the app at
 * the n-th one: before it leaves, or after the server answered (committed) and before the
 * renderer hears of it. It also knows how many requests are still in flight, so a restart
 * after a crash can wait for them as a restarted app would (a dead process sends nothing more).
 */

/**
 * - `before-send`: the app dies before the request leaves;
 * - `after-commit`: the server committed and answered, the app died before it heard;
 * - `renderer-reload`: only the RENDERER dies (Electron reloads the window); the main process
 *   lives on with the request still on a slow network, and it reaches the server only later,
 *   after the new renderer may already have looked for it.
 */
export type CrashMode = 'before-send' | 'after-commit' | 'renderer-reload';

export interface CrashPlan {
  /** The request (counted since the last reset: writes only, or all) at which to crash. */
  at: number;
  writesOnly: boolean;
  mode: CrashMode;
  /** renderer-reload: how long the request stays on the wire after the renderer died. */
  slowMs?: number;
}

export class Wire {
  offline = false;
  /** API requests (token and ping not counted) since reset(), and how many of them were writes. */
  requests = 0;
  writes = 0;
  inFlight = 0;
  plan: CrashPlan | null = null;
  /** Set by the test: starts the crash (a page reload) and resolves when the app is down. */
  onCrash: ((request: { operation: OperationName; mode: CrashMode }) => Promise<void>) | null = null;
  private idle: (() => void)[] = [];

  constructor(
    private readonly basePath: string,
    private readonly real: typeof fetch = fetch,
  ) {}

  reset(): void {
    this.requests = 0;
    this.writes = 0;
    this.plan = null;
  }

  /** Resolves once no request is in flight. */
  async settled(): Promise<void> {
    while (this.inFlight > 0) await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private operationOf(url: string, method: string): OperationName | undefined {
    const path = new URL(url).pathname;
    if (!path.toLowerCase().startsWith(this.basePath.toLowerCase())) return undefined;
    const match = matchRoute(method, path.slice(this.basePath.length));
    return match && !('methodMismatch' in match) ? match.operation : undefined;
  }

  readonly fetch: typeof fetch = async (input, init) => {
    if (this.offline) throw unreachable();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const operation = this.operationOf(url, init?.method ?? 'GET');
    const counted = operation !== undefined && operation !== 'ping';
    const write = counted && (init?.method ?? 'GET').toUpperCase() !== 'GET';
    const n = counted ? ++this.requests : 0;
    const w = write ? ++this.writes : 0;
    const plan = counted && this.plan && this.plan.at === (this.plan.writesOnly ? w : n) ? this.plan : null;
    if (plan) this.plan = null;
    this.inFlight++;
    try {
      if (plan?.mode === 'renderer-reload' && this.onCrash) {
        void this.onCrash({ operation: operation as OperationName, mode: plan.mode });
        await new Promise((resolve) => setTimeout(resolve, plan.slowMs ?? 500));
        return await this.real(input, init);
      }
      if (plan?.mode === 'before-send' && this.onCrash) {
        await this.onCrash({ operation: operation as OperationName, mode: plan.mode });
        throw unreachable();
      }
      const response = await this.real(input, init);
      if (plan?.mode === 'after-commit' && this.onCrash) {
        await response.arrayBuffer().catch(() => undefined);
        await this.onCrash({ operation: operation as OperationName, mode: plan.mode });
        throw unreachable();
      }
      return response;
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idle.splice(0)) wake();
    }
  };
}

/** What Node's fetch throws when there is no network: the client reads it as "never sent". */
function unreachable(): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error('connect ENETUNREACH'), { code: 'ENETUNREACH' }) });
}
