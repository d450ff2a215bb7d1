import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox';

/*
 * The Demo profile's gateway: the sandbox, started inside the main process the first time the
 * Demo profile is used (a user who never opens it never pays for it), on a free loopback port,
 * once for the life of the app. Its port changes from run to run, which is why the Demo
 * profile stores no URL.
 */

export interface DemoOptions {
  /** Seeded customers; default 500. */
  readonly customers?: number;
  readonly seed?: number;
  /** Keeps the user's demo edits across restarts (a file in the app's data folder). */
  readonly persistFile?: string;
  /** Tests wrap startSandbox to reach the sandbox's stats. */
  readonly start?: (options: SandboxOptions) => Promise<Sandbox>;
}

export interface DemoSandbox {
  get(): Promise<Sandbox>;
  /** The sandbox, once it has started. */
  current(): Sandbox | undefined;
  close(): Promise<void>;
}

export function createDemoSandbox(options: DemoOptions, log: (line: string) => void): DemoSandbox {
  let starting: Promise<Sandbox> | undefined;
  let started: Sandbox | undefined;
  let closed = false;

  function get(): Promise<Sandbox> {
    if (closed) return Promise.reject(new Error('The demo sandbox has been shut down'));
    if (starting) return starting;
    const attempt = (options.start ?? startSandbox)({
      customers: options.customers ?? 500,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.persistFile === undefined ? {} : { persistFile: options.persistFile }),
      onError: (error) => log(`demo sandbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    }).then((sandbox) => {
      started = sandbox;
      log(`demo sandbox: listening on ${sandbox.origin}`);
      return sandbox;
    });
    starting = attempt;
    // A failed start (e.g. an unreadable persist file) is tried again on the next use.
    attempt.catch(() => {
      if (starting === attempt) starting = undefined;
    });
    return attempt;
  }

  return {
    get,
    current: () => started,
    async close() {
      closed = true;
      const sandbox = await starting?.catch(() => undefined);
      started = undefined;
      await sandbox?.close();
    },
  };
}
