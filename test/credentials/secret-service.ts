import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/*
 * A private, real Secret Service for one test file: its own D-Bus session bus and an unlocked
 * gnome-keyring whose HOME and XDG folders are temp folders, so the developer's own keyring is
 * never touched. Works as root with no desktop session (CI). The caller points
 * DBUS_SESSION_BUS_ADDRESS at `address` BEFORE keytar first talks to D-Bus (GLib caches the
 * session bus connection); vitest runs each file in its own process, so this leaks nowhere.
 */

const run = promisify(execFile);

export interface SecretService {
  readonly address: string;
  /** The environment the daemons run with, for running `secret-tool` against them. */
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function startSecretService(): Promise<SecretService> {
  const root = await mkdtemp(join(tmpdir(), 'fieldbook-keyring-'));
  const home = join(root, 'home');
  const runtime = join(root, 'run');
  await mkdir(home, { mode: 0o700 });
  await mkdir(runtime, { mode: 0o700 });
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'],
    LANG: 'C.UTF-8',
    HOME: home,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
  };

  let busPid: number | undefined;
  let keyring: ChildProcess | undefined;
  const stop = async (): Promise<void> => {
    await terminate(keyring);
    if (busPid !== undefined) {
      try {
        process.kill(busPid, 'SIGTERM');
      } catch {
        // Already gone.
      }
    }
    await rm(root, { recursive: true, force: true });
  };

  try {
    // --fork returns once the bus listens; it prints its address, then its pid.
    const { stdout } = await run('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], { env: baseEnv, timeout: 10_000 });
    const [address, pidText] = stdout.trim().split('\n').map((line) => line.trim());
    busPid = Number(pidText);
    if (!address?.startsWith('unix:') || !Number.isInteger(busPid)) throw new Error(`dbus-daemon printed no address and pid: ${stdout}`);
    const env: NodeJS.ProcessEnv = { ...baseEnv, DBUS_SESSION_BUS_ADDRESS: address };

    // --unlock reads the login keyring's password from stdin (creating the keyring on first
    // use); --foreground keeps it our child so afterAll can end it by pid.
    const daemon = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], { env, stdio: ['pipe', 'ignore', 'pipe'] });
    keyring = daemon;
    let log = '';
    daemon.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    // E.g. ENOENT when gnome-keyring is not installed: report it instead of crashing the worker.
    daemon.once('error', (error) => (log += ` ${error.message} (is the gnome-keyring package installed?)`));
    daemon.stdin?.end('pw');
    await waitForSecretsName(env, daemon, () => log);
    return { address, env, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Waits until gnome-keyring owns org.freedesktop.secrets. Asking the name's owner does not
 * auto-activate it, so a second keyring daemon is never started by D-Bus behind our back.
 */
async function waitForSecretsName(env: NodeJS.ProcessEnv, daemon: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (daemon.exitCode !== null || daemon.pid === undefined) {
      await new Promise((resolve) => setTimeout(resolve, 50)); // let its 'error' or stderr arrive
      throw new Error(`gnome-keyring-daemon is not running: ${log()}`);
    }
    const { stdout } = await run('dbus-send', [
      '--session', '--dest=org.freedesktop.DBus', '--type=method_call', '--print-reply=literal',
      '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.secrets',
    ], { env, timeout: 5_000 });
    if (stdout.includes('true')) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gnome-keyring-daemon did not register org.freedesktop.secrets: ${log()}`);
}

async function terminate(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/**
 * Reads an item straight from the Secret Service with libsecret's own CLI, independent of keytar.
 * undefined when secret-tool is not installed (package libsecret-tools).
 */
export async function secretToolLookup(env: NodeJS.ProcessEnv, attributes: Record<string, string>): Promise<string | null | undefined> {
  const args = ['lookup', ...Object.entries(attributes).flat()];
  try {
    const { stdout } = await run('secret-tool', args, { env, timeout: 10_000 });
    return stdout;
  } catch (error) {
    const { code } = error as { code?: string | number };
    if (code === 'ENOENT') return undefined;
    // secret-tool exits 1 when nothing matches.
    if (code === 1) return null;
    throw error;
  }
}
