import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { Sandbox, SandboxCredentials, SandboxStats } from '../../electron/sandbox';

/*
 * The bench's sandboxes: each a forked process (sandbox-process.ts), so the server's work and
 * the bridge's work do not share one event loop, as with a real gateway. `asSandbox` is what
 * the bridge harness needs of one (its URL); the harness never calls more than that.
 */

export interface RemoteSandbox {
  readonly url: string;
  readonly origin: string;
  readonly basePath: string;
  readonly credentials: Required<SandboxCredentials>;
  readonly customers: number;
  readonly pid: number;
  stats(): Promise<SandboxStats>;
  /** CPU time the sandbox process has used (user + system), ms. */
  cpuMs(): Promise<number>;
  resetStats(): Promise<void>;
  /** The shape openBridgedPage() takes; only `url` is ever read. */
  asSandbox(): Sandbox;
  close(): Promise<void>;
}

interface Ready {
  type: 'ready';
  url: string;
  origin: string;
  basePath: string;
  credentials: Required<SandboxCredentials>;
  customers: number;
}

const script = resolve(import.meta.dirname, 'sandbox-process.ts');

export async function forkSandbox(customers: number, latencyMs = 0): Promise<RemoteSandbox> {
  const child: ChildProcess = fork(script, [String(customers), String(latencyMs)], {
    execArgv: ['--import', 'tsx'],
    // The child's stdout goes to our stderr: stdout carries only the bench's JSON lines.
    stdio: ['ignore', 2, 2, 'ipc'],
  });
  const ready = await new Promise<Ready>((ok, fail) => {
    const onExit = (code: number | null) => fail(new Error(`the sandbox process exited (${code}) before it was ready`));
    child.once('exit', onExit);
    child.once('error', fail);
    child.once('message', (message) => {
      child.off('exit', onExit);
      ok(message as Ready);
    });
  });
  const ask = <T>(type: string): Promise<T> => new Promise((ok) => {
    const listen = (message: { type?: string }) => {
      if (message.type !== type) return;
      child.off('message', listen);
      ok(message as T);
    };
    child.on('message', listen);
    child.send({ type });
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return {
    url: ready.url,
    origin: ready.origin,
    basePath: ready.basePath,
    credentials: ready.credentials,
    customers: ready.customers,
    pid: child.pid ?? -1,
    stats: async () => (await ask<{ stats: SandboxStats }>('stats')).stats,
    cpuMs: async () => (await ask<{ cpuMs: number }>('stats')).cpuMs,
    resetStats: async () => void (await ask('reset-stats')),
    asSandbox: () => ({ url: ready.url, origin: ready.origin, basePath: ready.basePath, close: async () => undefined }) as unknown as Sandbox,
    async close() {
      if (child.exitCode === null) child.send({ type: 'close' });
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
      if (child.exitCode === null) child.kill();
    },
  };
}

/** A sandbox that is not there: a loopback port nothing listens on (the app, offline). */
export async function unreachableSandbox(): Promise<Sandbox> {
  const port = await new Promise<number>((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => ok(typeof address === 'object' && address ? address.port : 0));
    });
  });
  const origin = `http://127.0.0.1:${port}`;
  return { url: `${origin}/demo/APIGW`, origin, basePath: '/demo/APIGW', close: async () => undefined } as unknown as Sandbox;
}
