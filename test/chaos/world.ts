import { resolve } from 'node:path';
import { createApiClient } from '../../electron/api-client';
import { startSandbox, type Sandbox, type SeedSource } from '../../electron/sandbox';
import * as seedModule from '../../electron/sandbox/seed';
import { schemas, type OperationName } from '../../shared/api';
import { sameValue } from '../../renderer/src/sync/merge';
import { bucketOf } from '../../renderer/src/cache/customer-buckets';
import type { Page } from 'playwright-core';
import { bundlePage, launchBrowser, openBridgedPage, type BridgedPage, type PageBundle, type TestBrowser } from '../support/browser-page';
import { UserGenerator, type Planned } from './generate';
import {
  childKey, childKinds, compareStates, fixTenantValues, guidsOf, idFieldOf, keyOfRec, lower, newRec, play, readServer,
  type Choice, type Difference, type Kind, type MCustomer, type MRec, type Outcome, type ServerState,
} from './model';
import { OtherClient, runOther } from './other';
import type { ApplyResult, CacheSnapshot, PageStatus, Row, UserOp } from './protocol';
import { Rng } from './rng';
import { Wire, type CrashMode } from './wire';

/*
 * One chaos run, start to finish, for one seed. Per round:
 *   1. online, no faults: the page pulls every customer and full detail of most; the cache must
 *      equal the server (this is also the previous round's final check);
 *   2. OFFLINE (the main process's network is cut): the user's writes of every kind, interleaved
 *      with another client's edits on the server; then what the user sees and what is queued
 *      must be exactly what they typed;
 *   3. online again with faults on (5xx before commit, drops after commit, 429 + Retry-After,
 *      latency) and crashes (page reloads before a request leaves, after the server committed,
 *      or at a random moment): drain until only conflicts and needs-attention entries are left,
 *      settle each conflict field with a random choice, drain again;
 *   4. the server must equal the model field by field, with no duplicates, the conflicts and
 *      needs-attention entries must be exactly those the model predicts, and every write of the
 *      user is accounted for. Needs-attention entries are then discarded (the user's choice).
 */

export interface ChaosEnv {
  readonly browser: TestBrowser;
  readonly bundle: PageBundle;
  close(): Promise<void>;
}

export async function createChaosEnv(): Promise<ChaosEnv> {
  const bundle = await bundlePage(resolve(import.meta.dirname, 'page/main.ts'), { title: 'Fieldbook chaos' });
  const browser = await launchBrowser();
  return {
    browser,
    bundle,
    async close() {
      await browser.close();
      await bundle.dispose();
    },
  };
}

export interface ChaosOptions {
  seed: number;
  /** Operations in all: the user's writes and the other client's edits. */
  ops: number;
  /** Customers on the sandbox at the start (default 36). */
  customers?: number;
  /**
   * Every customer GUID (seeded, created by the user or by the server) begins with one of this
   * many adjacent three-digit prefixes, so the cache holds many customers per bucket
   * (renderer/src/cache/customer-buckets.ts): a write, a drain's settling, a pull page and the
   * sweep then read and write buckets other customers share. Default: GUIDs spread as on a real
   * tenant (about one customer per bucket at 36 customers, so buckets are hardly ever shared).
   */
  buckets?: number;
  /** Operations per offline round (default 75). */
  opsPerRound?: number;
  /** Fixed drain concurrency (default: drawn per drain, 1 to 6). */
  concurrency?: number;
  /** Faults and crashes (default on). */
  faults?: boolean;
  crashes?: boolean;
  /** Crashes include reloads of the renderer alone while main still has a slow request on the wire (default on). */
  rendererReloads?: boolean;
  env: ChaosEnv;
  log?: (line: string) => void;
}

export interface ChaosReport {
  seed: number;
  rounds: number;
  userOps: number;
  invalidOps: number;
  otherOps: number;
  drains: number;
  crashes: number;
  requests: number;
  faulted: { throttled: number; errors: number; dropped: number; received: number };
  conflicts: number;
  conflictFields: number;
  /** Refused entries the user corrected (editEntry), which then went through. */
  fixed: number;
  attention: number;
  blocked: number;
  tally: Record<string, number>;
  ms: number;
}

export class ChaosFailure extends Error {
  override readonly name = 'ChaosFailure';
  constructor(
    readonly seed: number,
    readonly ops: number,
    readonly problem: string,
    readonly details: unknown,
    readonly opLog: readonly string[],
    /** ChaosOptions.buckets of the run, if set. */
    readonly buckets?: number,
  ) {
    super(`chaos seed ${seed} (${ops} ops${buckets ? `, ${buckets} buckets` : ''}): ${problem}`);
  }

  /** The seed, the op log and a minimal diff: everything to replay and read a failure. */
  report(maxLog = 400): string {
    const log = this.opLog.length > maxLog ? [`… ${this.opLog.length - maxLog} earlier lines …`, ...this.opLog.slice(-maxLog)] : this.opLog;
    return [
      `CHAOS FAILURE, seed ${this.seed}: ${this.problem}`,
      `replay: npm run chaos -- --seed ${this.seed} --ops ${this.ops}${this.buckets ? ` --buckets ${this.buckets}` : ''}`,
      '--- diff ---',
      JSON.stringify(this.details, null, 2),
      '--- op log ---',
      ...log,
    ].join('\n');
  }
}

/**
 * The GUID rewrite of `ChaosOptions.buckets`: the first three digits become one of `buckets`
 * adjacent prefixes (adjacent, so the store's key-range read of close buckets runs too), chosen
 * by later digits of the GUID; the other digits stay, so GUIDs stay unique. None: unchanged.
 */
function crowding(buckets: number | undefined): (guid: string) => string {
  if (!buckets) return (guid) => guid;
  const first = 0xa0e;
  return (guid) => (first + (Number.parseInt(guid.slice(3, 5), 16) % buckets)).toString(16) + guid.slice(3);
}

/**
 * The sandbox's seed with every customer's GUID crowded (its links too); children are seeded
 * from the new GUID. About half are spelled in upper case, as some tenants' GUIDs are (see
 * pull-browser.test.ts), so upper- and lower-case GUIDs share buckets.
 */
function crowdedSeed(crowd: (guid: string) => string): SeedSource {
  return {
    tenant: seedModule.tenant,
    seedChildren: seedModule.seedChildren,
    seedCustomers: (count, seed) => seedModule.seedCustomers(count, seed).map((customer) => {
      const from = customer.customerGuid;
      const to = Number.parseInt(from.slice(7, 8), 16) % 2 ? crowd(from).toUpperCase() : crowd(from);
      return JSON.parse(JSON.stringify(customer).split(from).join(to)) as typeof customer;
    }),
  };
}

/** An Rng whose GUIDs are crowded (the user's new customers); every other draw is Rng's. */
class CrowdedRng extends Rng {
  constructor(seed: number, private readonly crowd: (guid: string) => string) {
    super(seed);
  }

  override uuid(): string {
    return this.crowd(super.uuid());
  }
}

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const began = performance.now();
  const { seed } = options;
  const rng = new Rng(seed);
  const opLog: string[] = [];
  const say = options.log ?? (() => undefined);
  const sandboxErrors: unknown[] = [];
  // The server's new GUIDs come from the seed too: the other client picks customers from the
  // server's key-ordered list, and a random GUID would move every pick after it.
  const ids = new Rng(rng.fork());
  const crowd = crowding(options.buckets);
  const sandbox = await startSandbox({
    customers: options.customers ?? 36, seed: 1 + (seed % 997), newId: () => crowd(ids.uuid()), onError: (e) => sandboxErrors.push(e),
    ...(options.buckets ? { seedSource: crowdedSeed(crowd) } : {}),
  });
  const wire = new Wire(sandbox.basePath);
  const app = await openBridgedPage(options.env.browser, options.env.bundle, {
    sandbox,
    client: { fetch: wire.fetch, timeoutMs: 10_000, retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } },
  });
  const other = createApiClient({
    baseUrl: sandbox.url,
    auth: { mode: 'oauth2', clientId: sandbox.credentials.clientId },
    secrets: async () => ({ clientSecret: sandbox.credentials.clientSecret }),
    retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 },
  });
  const run = new Run(options, rng, sandbox, wire, app, other, opLog, say, sandboxErrors, crowd);
  try {
    await run.main();
    return { ...run.report, ms: Math.round(performance.now() - began) };
  } catch (error) {
    if (error instanceof ChaosFailure) throw error;
    throw new ChaosFailure(seed, options.ops, `the run stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`, null, opLog, options.buckets);
  } finally {
    await app.close();
    await sandbox.close();
  }
}

class Run {
  readonly report: Omit<ChaosReport, 'ms'>;
  private readonly profileId: string;
  private clock = Date.UTC(2030, 0, 1);
  private crashing: Promise<void> | null = null;
  /** A full crash: the dead app's requests finish (or not) before it starts again. Not so for a renderer reload. */
  private waitForInFlight = true;
  /** The renderer just reloaded: the app syncs again at once (its clock barely moves; requests may still be on the wire). */
  private rendererReloaded = false;
  private detail = new Set<string>();
  private customers = new Map<string, MCustomer>();
  private round = 0;
  private n = 0;
  /**
   * The sync phase draws from streams of its own, forked from the run's at fixed points. How
   * many numbers a sync consumes depends on timing (drains until settled, crash moments, which
   * request a fault hits), so drawing them from the run's stream made every later round, and
   * with it the number of conflicts and refusals a seed produces, depend on the machine's load.
   * `wire` decides faults and crashes; `user` decides how the user settles conflicts and which
   * refused values they correct, over a list in a fixed order.
   */
  private syncRng = new Rng(0);
  private userRng = new Rng(0);

  constructor(
    private readonly options: ChaosOptions,
    private readonly rng: Rng,
    private readonly sandbox: Sandbox,
    private readonly wire: Wire,
    private readonly app: BridgedPage,
    private readonly other: ReturnType<typeof createApiClient>,
    private readonly opLog: string[],
    private readonly say: (line: string) => void,
    private readonly sandboxErrors: unknown[],
    private readonly crowd: (guid: string) => string,
  ) {
    this.profileId = `chaos-${options.seed}-${rng.uuid()}`;
    this.report = {
      seed: options.seed, rounds: 0, userOps: 0, invalidOps: 0, otherOps: 0, drains: 0, crashes: 0, requests: 0,
      faulted: { throttled: 0, errors: 0, dropped: 0, received: 0 }, conflicts: 0, conflictFields: 0, fixed: 0, attention: 0, blocked: 0, tally: {},
    };
    wire.onCrash = async ({ operation, mode }) => {
      this.waitForInFlight = mode !== 'renderer-reload';
      this.rendererReloaded ||= mode === 'renderer-reload';
      return this.crash(`${mode} at request #${wire.requests} (${operation})`);
    };
  }

  private fail(problem: string, details: unknown = null): never {
    throw new ChaosFailure(this.options.seed, this.options.ops, `round ${this.round}: ${problem}`, details, this.opLog, this.options.buckets);
  }

  private readonly began = performance.now();

  private log(actor: string, text: string): void {
    const at = ((performance.now() - this.began) / 1000).toFixed(2);
    const line = `#${++this.n} r${this.round} ${at}s ${actor}: ${text}`;
    this.opLog.push(line);
    this.say(line);
  }

  // --- the page -------------------------------------------------------------------------------

  /** The app dies (the renderer reloads: storage stays, memory and in-flight work go). */
  private crash(why: string): Promise<void> {
    if (!this.crashing) {
      this.report.crashes++;
      this.log('sys', `CRASH: ${why}`);
      this.crashing = this.app.reload();
    }
    return this.crashing;
  }

  /** After a crash: wait for the reload and for the dead app's requests, then start again. */
  private async up(): Promise<void> {
    if (this.crashing) {
      await this.crashing;
      if (this.waitForInFlight) await this.wire.settled();
      this.waitForInFlight = true;
      this.crashing = null;
      await this.app.page.evaluate((id) => window.chaos?.open(id), this.profileId);
    }
  }

  private async page<T>(run: (page: Page) => Promise<T>): Promise<T> {
    await this.up();
    return run(this.app.page);
  }

  /** A page call a crash may interrupt: undefined when it did. */
  private async crashable<T>(run: (page: Page) => Promise<T>): Promise<{ value: T } | { crashed: true } | { error: string }> {
    await this.up();
    try {
      return { value: await run(this.app.page) };
    } catch (error) {
      if (this.crashing) {
        await this.up();
        return { crashed: true };
      }
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  private status(): Promise<PageStatus> {
    return this.page((p) => p.evaluate(() => window.chaos!.status()));
  }

  private snapshot(): Promise<CacheSnapshot> {
    return this.page((p) => p.evaluate(() => window.chaos!.snapshot()));
  }

  // --- the run ---------------------------------------------------------------------------------

  async main(): Promise<void> {
    await this.page((p) => p.evaluate((id) => window.chaos!.open(id), this.profileId));
    const perRound = this.options.opsPerRound ?? 75;
    let left = this.options.ops;
    while (left > 0) {
      const ops = Math.min(perRound, left);
      left -= ops;
      this.round++;
      this.report.rounds++;
      await this.startRound();
      const remote = await this.offline(ops);
      await this.sync(remote);
    }
    this.round++;
    await this.startRound();
    if (this.sandboxErrors.length) this.fail('the sandbox failed unexpectedly', this.sandboxErrors.map(String));
  }

  /** Online, no faults: pull all, detail for most; the cache must equal the server; a fresh model. */
  private async startRound(): Promise<void> {
    this.sandbox.faults.reset();
    this.wire.offline = false;
    this.wire.plan = null;
    const server = readServer(this.sandbox);
    if (this.options.buckets) {
      // The crowding must have taken, or a crowded run would test what a plain one does.
      const buckets = new Set([...server.values()].map((sc) => bucketOf(sc.customer['customerGuid'] as string)));
      if (buckets.size > this.options.buckets) this.fail(`${server.size} customers lie in ${buckets.size} buckets, not at most ${this.options.buckets}`, [...buckets]);
    }
    for (const guid of [...this.detail]) if (!server.has(guid)) this.detail.delete(guid);
    for (const guid of server.keys()) if (!this.detail.has(guid) && this.rng.chance(this.round === 1 ? 0.75 : 0.3)) this.detail.add(guid);
    const spelled = [...this.detail].map((g) => server.get(g)?.customer['customerGuid'] as string);
    this.log('sys', `pull, and detail of ${spelled.length} of ${server.size} customers`);
    await this.page((p) => p.evaluate((guids) => window.chaos!.pull(guids), spelled));
    await this.checkCache(server);
    this.customers = new Map();
    for (const [g, sc] of server) {
      const guid = sc.customer['customerGuid'] as string;
      const cust: MCustomer = { guid, rec: newRec('customer', guid, guid, sc.customer), detail: this.detail.has(g), children: new Map() };
      if (cust.detail) {
        for (const kind of childKinds) {
          for (const item of sc.children[kind]) {
            const id = String(item[idFieldOf[kind]]);
            cust.children.set(childKey(kind, id), newRec(kind, guid, id, item));
          }
        }
      }
      this.customers.set(g, cust);
    }
    // The UI may still hold the local id of a record created offline in an earlier round: the
    // outbox resolves it through the id map. Half of those records are addressed that way.
    for (const mapping of (await this.snapshot()).idMap) {
      const { localId, serverId, entity } = mapping as { localId: string; serverId: string; entity: Kind };
      if (entity === 'customer' || !this.rng.chance(0.5)) continue;
      for (const cust of this.customers.values()) {
        const rec = cust.children.get(childKey(entity, serverId));
        if (rec) rec.alias = localId;
      }
    }
  }

  /** The user works offline while the other client edits the server. Returns the server at reconnect. */
  private async offline(ops: number): Promise<ServerState> {
    this.wire.offline = true;
    this.log('sys', 'OFFLINE');
    const prefix = `s${this.options.seed}r${this.round}`;
    const user = new UserGenerator(new CrowdedRng(this.rng.fork(), this.crowd), this.sandbox.tenant, this.customers, prefix);
    const other = new OtherClient(new Rng(this.rng.fork()), this.sandbox, this.other, this.customers, prefix);
    for (let i = 0; i < ops; i++) {
      if (this.rng.chance(0.25)) {
        const op = other.next();
        const result = await runOther(op);
        this.report.otherOps++;
        this.log('other', `${op.text.replace(/^other: /u, '')} → ${result}`);
      } else {
        await this.userOp(user.next());
      }
      // The app tries to sync now and then while offline: nothing may go, nothing may be lost.
      if (this.rng.chance(0.04)) {
        const result = await this.page((p) => p.evaluate((req) => window.chaos!.drain(req), { now: this.clock, concurrency: 2, seed: this.rng.fork() }));
        this.log('sys', `drain while offline → ${JSON.stringify(result)}`);
        if ((result as { sent: number }).sent !== 0) this.fail('a drain sent something while offline', result);
      }
    }
    await this.checkWorkingCopies();
    return readServer(this.sandbox);
  }

  private async userOp(planned: Planned): Promise<void> {
    const result: ApplyResult = await this.page((p) => p.evaluate((op: UserOp) => window.chaos!.apply(op), planned.op));
    const n = this.n + 1;
    const outcome = result.ok ? `ok ${result.value === null ? '' : JSON.stringify(result.value)}` : `${result.error.name}: ${result.error.message}`;
    this.log('user', `${describe(planned.op)}${planned.note ? ` [${planned.note}]` : ''} → ${outcome}`);
    if (planned.expect === 'ok') {
      if (!result.ok) this.fail(`the outbox refused a valid write: ${describe(planned.op)}`, result.error);
      this.report.userOps++;
      planned.accept?.(result.value, n);
    } else {
      if (result.ok) this.fail(`the outbox accepted what it must refuse (${planned.expect}): ${describe(planned.op)}`, result.value);
      if (result.error.name !== planned.expect) this.fail(`expected ${planned.expect}, got ${result.error.name}`, result.error);
      this.report.invalidOps++;
    }
  }

  /** Reconnect, drain under faults and crashes, settle conflicts, drain again; then check everything. */
  private async sync(remote: ServerState): Promise<void> {
    this.syncRng = new Rng(this.rng.fork());
    this.userRng = new Rng(this.rng.fork());
    const rng = this.syncRng;
    this.wire.offline = false;
    this.wire.reset();
    this.sandbox.stats.reset();
    if (this.options.faults ?? true) {
      const faults = {
        latencyMs: rng.int(0, 3), errorRateBeforeCommit: 0.09, errorStatus: rng.pick([500, 502, 503, 504] as const),
        dropRateAfterCommit: 0.09, throttleRate: 0.08, retryAfterSeconds: 1, seed: rng.fork(),
      };
      this.sandbox.faults.set(faults);
      this.log('sys', `ONLINE, faults ${JSON.stringify(faults)}`);
    } else {
      this.log('sys', 'ONLINE');
    }

    const recs = [...this.customers.values()];
    const predicted = play(remote, { recs, tenant: this.sandbox.tenant, choices: new Map() });
    await this.drainUntilSettled();

    // Conflicts: exactly the predicted ones; each field settled by a random choice.
    const st = await this.status();
    this.checkConflicts(st, predicted);
    const choices = new Map<string, Record<string, Choice>>();
    const byKey = [...st.conflicts].sort((a, b) => (a.entityKey < b.entityKey ? -1 : a.entityKey > b.entityKey ? 1 : 0));
    for (const conflict of byKey) {
      const chosen = Object.fromEntries(conflict.fields.map((f) => [f.field, this.userRng.pick(['base', 'theirs', 'yours'] as const)]));
      choices.set(conflict.entityKey, chosen);
      const result = await this.page((p) => p.evaluate(([id, c]) => window.chaos!.resolve(id, c), [conflict.id, chosen] as const));
      this.log('user', `resolve conflict ${conflict.entityKey} ${JSON.stringify(chosen)} → ${result.ok ? 'ok' : JSON.stringify(result.error)}`);
      if (!result.ok) this.fail('a conflict could not be resolved', result.error);
      this.report.conflicts++;
      this.report.conflictFields += conflict.fields.length;
    }
    if (st.conflicts.length) await this.drainUntilSettled();

    const refused = play(remote, { recs, tenant: this.sandbox.tenant, choices });
    await this.wire.settled();
    await this.checkLeftovers(refused);
    // The user corrects some values the tenant refused (editEntry); they must go through now,
    // a customer's create with the children that waited for it.
    const fixed = new Set<string>();
    for (const e of (await this.status()).entries) {
      if (e.state !== 'attention' || e.lastFailure?.kind !== 'validation' || !e.body || Array.isArray(e.body)) continue;
      const body = fixTenantValues(e.body as Row);
      if (canonicalOf(body) === canonicalOf(e.body) || !this.userRng.chance(0.6)) continue;
      const result = await this.page((p) => p.evaluate(([seq, b]) => window.chaos!.edit(seq, b), [e.seq, body] as const));
      this.log('user', `edit refused ${e.entityKey} ${e.op} to ${JSON.stringify(body)} → ${result.ok ? 'ok' : JSON.stringify(result.error)}`);
      if (!result.ok) this.fail('a refused entry could not be edited', result.error);
      fixed.add(e.entityKey);
    }
    if (fixed.size) await this.drainUntilSettled();
    const outcome = play(remote, { recs, tenant: this.sandbox.tenant, choices, fixed });
    await this.wire.settled();
    await this.checkLeftovers(outcome);
    this.report.fixed += fixed.size;
    await this.discardLeftovers();
    this.wire.plan = null;
    this.sandbox.faults.reset();
    this.checkServer(remote, outcome);
    this.tally(outcome, fixed);
    const stats = this.sandbox.stats.get();
    this.report.requests += stats.received;
    this.report.faulted.received += stats.received;
    this.report.faulted.throttled += stats.faults.throttled;
    this.report.faulted.errors += stats.faults.errors;
    this.report.faulted.dropped += stats.faults.dropped;
  }

  /** The next crash: mostly at one of the next few writes (the requests whose outcome matters), sometimes at any request. */
  private planCrash(p: number): void {
    if (!(this.options.crashes ?? true) || this.wire.plan || !this.syncRng.chance(p)) return;
    const modes: CrashMode[] = ['before-send', 'after-commit', ...((this.options.rendererReloads ?? true) ? ['renderer-reload' as const] : [])];
    const mode = this.syncRng.pick(modes);
    const writesOnly = this.syncRng.chance(0.75);
    const at = (writesOnly ? this.wire.writes : this.wire.requests) + this.syncRng.int(1, writesOnly ? 12 : 30);
    this.wire.plan = { at, writesOnly, mode, ...(mode === 'renderer-reload' ? { slowMs: this.syncRng.int(200, 1500) } : {}) };
  }

  private async drainUntilSettled(): Promise<void> {
    for (let i = 0; ; i++) {
      if (i >= 60) this.fail('the outbox never settled (60 drains)', await this.status());
      if (this.rendererReloaded) {
        // Restarted just now: a second later by the app's clock, whatever is still on the wire.
        this.rendererReloaded = false;
        this.clock += 1_000;
      } else {
        // An hour passes: everything on the wire has landed (or died) by then.
        await this.wire.settled();
        this.clock += 3_600_000;
      }
      this.planCrash(i === 0 ? 0.9 : 0.5);
      let timer: ReturnType<typeof setTimeout> | undefined;
      if ((this.options.crashes ?? true) && this.syncRng.chance(0.08)) {
        const delay = this.syncRng.int(0, 60);
        timer = setTimeout(() => void this.crash(`at a random moment (${delay} ms into a drain)`), delay);
      }
      if ((this.options.faults ?? true) && this.syncRng.chance(0.15)) {
        // Every issued token stops working: the client must sign in again and carry on (a 401 is never applied).
        this.sandbox.faults.set({ expireTokens: true });
        this.log('sys', 'tokens expired');
      }
      const concurrency = this.options.concurrency ?? this.syncRng.int(1, 6);
      const request = { now: this.clock, concurrency, seed: this.syncRng.fork() };
      const result = await this.crashable((p) => p.evaluate((req) => window.chaos!.drain(req), request));
      clearTimeout(timer);
      this.report.drains++;
      if ('error' in result) this.fail(`a drain threw: ${result.error}`);
      if ('value' in result) this.log('sys', `drain (concurrency ${concurrency}) → ${JSON.stringify(result.value)}`);
      // The app also pulls and downloads detail while it syncs; under faults these may fail.
      if (this.syncRng.chance(0.2)) await this.pullDuringSync();
      const st = await this.status();
      if (st.sendable === 0) return;
    }
  }

  private async pullDuringSync(): Promise<void> {
    const withEntries = [...new Set((await this.status()).entries.map((e) => e.customerGuid))];
    const pick = this.syncRng.sample(withEntries.filter((g) => this.detail.has(lower(g))), 2);
    const result = await this.crashable((p) => p.evaluate((guids) => window.chaos!.pull(guids), pick));
    this.log('sys', `pull + detail of ${pick.length} during sync → ${'value' in result ? 'done' : 'crashed' in result ? 'crashed' : `failed (${result.error.split('\n')[0]})`}`);
  }

  // --- checks --------------------------------------------------------------------------------------

  /** What the user sees and what is queued are exactly what they typed (before anything is sent). */
  private async checkWorkingCopies(): Promise<void> {
    const snap = await this.snapshot();
    const st = await this.status();
    const problems: unknown[] = [];
    const byGuid = new Map(snap.customers.map((c) => [lower(c['customerGuid'] as string), c]));
    const compare = (what: string, row: Row | undefined, rec: MRec) => {
      if (!rec.local) {
        if (row) problems.push({ what, problem: 'still shown after the user deleted it' });
        return;
      }
      if (!row) {
        problems.push({ what, problem: 'missing from the cache', expected: rec.local });
        return;
      }
      const fields = new Set([...schemaKeys(schemaOfKind[rec.kind]), 'answeredLocally']);
      for (const [field, value] of Object.entries(rec.local)) {
        if (field === 'addresses' || field === 'links') continue;
        // A customer's create takes its main address's fields: they show in its LEGAL address (the one
        // without a GUID yet; addresses added since carry local ids, and it may have been removed).
        if (rec.kind === 'customer' && (schemas.mainAddressFields as readonly string[]).includes(field)) {
          const main = ((row['addresses'] ?? []) as Row[]).find((a) => !a['addressGuid']) ?? {};
          if (!sameValue(main[field], value)) problems.push({ what, field: `main address ${field}`, shown: main[field] ?? null, typed: value });
          continue;
        }
        if (!fields.has(field)) continue;
        if (!sameValue(row[field], value)) problems.push({ what, field, shown: row[field] ?? null, typed: value });
      }
    };
    for (const cust of this.customers.values()) {
      compare(`customer ${cust.guid}`, byGuid.get(lower(cust.guid)), cust.rec);
      if (!cust.detail || !cust.rec.local) continue;
      for (const kind of childKinds) {
        const rows = (snap[tableOf(kind)] as Row[]).filter((r) => lower(String(r['customerGuid'])) === lower(cust.guid));
        const rowId = (r: Row) => lower(String(kind === 'parameter' || kind === 'extraField' ? r['name'] : kind === 'question' ? r['actionGuid'] : r['id']));
        const byId = new Map(rows.map((r) => [rowId(r), r]));
        const expected = [...cust.children.values()].filter((r) => r.kind === kind);
        for (const rec of expected) compare(`${kind} ${cust.guid}/${rec.id}`, byId.get(lower(rec.id)), rec);
        const known = new Set(expected.filter((r) => r.local).map((r) => lower(r.id)));
        for (const [id, row] of byId) if (!known.has(id)) problems.push({ what: `${kind} ${cust.guid}/${id}`, problem: 'in the cache, but the user never had it', row });
      }
    }
    // The queue: per record, the entries the outbox's folding rules give.
    const queued = new Map<string, { op: string; body: unknown }[]>();
    for (const e of st.entries) queued.set(e.entityKey, [...(queued.get(e.entityKey) ?? []), { op: e.op, body: e.body }]);
    const expected = new Map<string, { op: string; body: unknown }[]>();
    for (const cust of this.customers.values()) {
      for (const rec of [cust.rec, ...cust.children.values()]) if (rec.chain.length) expected.set(keyOfRec(rec), rec.chain.map((e) => ({ op: e.op, body: e.body })));
    }
    for (const key of new Set([...queued.keys(), ...expected.keys()])) {
      const q = queued.get(key) ?? [];
      const x = expected.get(key) ?? [];
      const same = q.length === x.length && q.every((e, i) => e.op === x[i]?.op && sameValue(e.body ?? null, x[i]?.body ?? null));
      if (!same) problems.push({ key, queued: q, expected: x });
    }
    if (st.entries.some((e) => e.state !== 'pending')) problems.push({ problem: 'entries not pending after the offline phase', entries: st.entries.filter((e) => e.state !== 'pending') });
    if (problems.length) this.fail('the working copies or the queue differ from what the user typed', problems.slice(0, 40));
    this.log('sys', `offline phase checked: ${st.entries.length} entries queued, working copies as typed`);
  }

  private checkConflicts(st: PageStatus, predicted: Outcome): void {
    const problems: unknown[] = [];
    const want = new Map(predicted.conflicts.map((c) => [c.key, c]));
    for (const conflict of st.conflicts) {
      const p = want.get(conflict.entityKey);
      if (!p) {
        problems.push({ unexpected: conflict });
        continue;
      }
      want.delete(conflict.entityKey);
      const fields = (list: typeof conflict.fields) => [...list].sort((a, b) => a.field.localeCompare(b.field));
      const a = fields(conflict.fields);
      const b = fields(p.fields);
      const same = a.length === b.length && a.every((f, i) => f.field === b[i]?.field && sameValue(f.base, b[i]?.base) && sameValue(f.theirs, b[i]?.theirs) && sameValue(f.yours, b[i]?.yours));
      if (!same) problems.push({ key: conflict.entityKey, shown: a, predicted: b });
    }
    for (const p of want.values()) problems.push({ missing: p.key, fields: p.fields });
    if (problems.length) this.fail('the conflicts are not the ones the model predicts', problems);
  }

  /** Left in the outbox: exactly the refused entries (needs attention) and what waits behind them. */
  private async checkLeftovers(outcome: Outcome): Promise<void> {
    const st = await this.status();
    if (st.conflicts.length) this.fail('conflicts are still open after they were resolved', st.conflicts);
    const count = (items: string[]) => items.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>());
    const actual = count(st.entries.map((e) => `${e.entityKey} ${e.op} ${e.state === 'attention' ? 'attention' : 'pending'}`));
    const expected = count(outcome.leftovers.map((l) => `${l.key} ${l.op} ${l.state}`));
    const problems: unknown[] = [];
    for (const key of new Set([...actual.keys(), ...expected.keys()])) {
      if ((actual.get(key) ?? 0) !== (expected.get(key) ?? 0)) {
        const why = outcome.leftovers.find((l) => `${l.key} ${l.op} ${l.state}` === key)?.why;
        const entry = st.entries.find((e) => `${e.entityKey} ${e.op} ${e.state === 'attention' ? 'attention' : 'pending'}` === key);
        problems.push({ entry: key, inOutbox: actual.get(key) ?? 0, predicted: expected.get(key) ?? 0, ...(why ? { why } : {}), ...(entry ? { lastFailure: entry.lastFailure, state: entry.state } : {}) });
      }
    }
    if (problems.length) this.fail('what is left in the outbox is not what the model predicts (lost, or not sent)', problems);
  }

  /** The user discards what is left (a create's children go with it, with consent). */
  private async discardLeftovers(): Promise<void> {
    const st = await this.status();
    const attention = st.entries.filter((e) => e.state === 'attention');
    this.report.attention += attention.length;
    this.report.blocked += st.entries.length - attention.length;
    for (const e of attention) this.log('sys', `needs attention: ${e.entityKey} ${e.op}: ${e.lastFailure?.message ?? ''}`);
    for (;;) {
      const now = await this.status();
      const next = now.entries.find((e) => e.state === 'attention');
      if (!next) {
        if (now.entries.length) this.fail('entries remain after every needs-attention entry was discarded', now.entries);
        return;
      }
      const result = await this.page((p) => p.evaluate((seq) => window.chaos!.discard(seq), next.seq));
      this.log('user', `discard ${next.entityKey} ${next.op} → ${result.ok ? 'ok' : JSON.stringify(result.error)}`);
      if (!result.ok) this.fail('a needs-attention entry could not be discarded', result.error);
    }
  }

  /** The server equals the model, field by field; no create went through twice. */
  private checkServer(remote: ServerState, outcome: Outcome): void {
    const actual = readServer(this.sandbox);
    const diffs: Difference[] = compareStates(outcome.state, actual, guidsOf(remote));
    if (diffs.length) this.fail(`the server differs from the model in ${diffs.length} place(s)`, diffs.slice(0, 30));
    const stats = this.sandbox.stats.get().byOperationStatus;
    const createOps: [Kind, OperationName][] = [
      ['customer', 'createCustomer'], ['address', 'createAddress'], ['parameter', 'createParameters'],
      ['extraField', 'createExtraField'], ['mandate', 'createMandate'], ['creditInsurance', 'createCreditInsurance'],
    ];
    const twice = createOps
      .map(([kind, op]) => ({ kind, created201: stats[op]?.['201'] ?? 0, expected: outcome.creates[kind] ?? 0 }))
      .filter((c) => c.created201 > c.expected);
    if (twice.length) this.fail('the server answered 201 to more creates than the user made (a duplicate was created)', twice);
    this.log('sys', `server equals the model; creates ${JSON.stringify(outcome.creates)}`);
  }

  /** Every write the user made: how it ended. */
  private tally(outcome: Outcome, fixed: ReadonlySet<string>): void {
    const stopped = new Map(outcome.leftovers.map((l) => [l.rec, l]));
    const conflicted = new Set(outcome.conflicts.map((c) => c.rec));
    const add = (fate: string, count: number) => void (this.report.tally[fate] = (this.report.tally[fate] ?? 0) + count);
    for (const cust of this.customers.values()) {
      const blockedByParent = stopped.get(cust.rec)?.state === 'attention' && cust.rec.chain[0]?.op === 'create';
      for (const rec of [cust.rec, ...cust.children.values()]) {
        if (!rec.ops.length) continue;
        const left = stopped.get(rec);
        const fate = rec.discarded ? 'discarded with consent'
          : left ? (left.state === 'attention' ? 'needs attention' : blockedByParent ? 'waiting for a refused customer' : 'waiting behind a refusal')
          : rec.chain.length === 0 ? 'undone by the user'
          : fixed.has(keyOfRec(rec)) ? 'refused, corrected by the user, applied'
          : conflicted.has(rec) ? 'applied after a conflict'
          : 'applied';
        add(fate, rec.ops.length);
      }
    }
  }

  /** The cache equals the server: every customer, and every sub-resource of those with detail; no duplicates. */
  private async checkCache(server: ServerState): Promise<void> {
    const snap = await this.snapshot();
    const st = await this.status();
    if (st.entries.length || st.conflicts.length) this.fail('the outbox is not empty at the start of a round', st);
    const problems: unknown[] = [];
    const byGuid = new Map<string, Row>();
    for (const row of snap.customers) {
      const g = lower(row['customerGuid'] as string);
      if (byGuid.has(g)) problems.push({ customer: g, problem: 'cached twice' });
      byGuid.set(g, row);
    }
    for (const g of byGuid.keys()) if (!server.has(g)) problems.push({ customer: g, problem: 'cached, but not on the server' });
    for (const [g, sc] of server) {
      const row = byGuid.get(g);
      if (!row) {
        problems.push({ customer: g, problem: 'on the server, not cached' });
        continue;
      }
      const cached = projectCustomer(row);
      const expected = projectCustomer({ ...sc.customer, addresses: sc.children.address });
      if (canonicalOf(cached) !== canonicalOf(expected)) problems.push({ customer: g, problem: 'differs', ...fieldDiff(expected, cached) });
      if (!this.detail.has(g)) continue;
      for (const kind of childKinds) {
        const rows = (snap[tableOf(kind)] as Row[]).filter((r) => lower(String(r['customerGuid'])) === g);
        if (kind === 'address' || kind === 'mandate' || kind === 'creditInsurance') {
          for (const r of rows) {
            if (r['serverId'] !== r['id'] || r['id'] !== r[idFieldOf[kind]]) problems.push({ customer: g, kind, problem: 'a row keyed by a local id remains', row: r });
          }
        }
        if (kind === 'question') for (const r of rows) if (r['answeredLocally']) problems.push({ customer: g, kind, problem: 'marked answered locally', row: r });
        const list = (items: Row[]) => items.map((r) => canonicalOf(projectChild(kind, r))).sort();
        const a = list(rows);
        const e = list(sc.children[kind]);
        if (a.join('\n') !== e.join('\n')) {
          problems.push({ customer: g, kind, onlyCached: a.filter((x) => !e.includes(x)), onlyServer: e.filter((x) => !a.includes(x)), cachedCount: a.length, serverCount: e.length });
        }
      }
    }
    const cachedGuids = new Set(byGuid.keys());
    for (const kind of childKinds) {
      for (const r of snap[tableOf(kind)] as Row[]) {
        if (!cachedGuids.has(lower(String(r['customerGuid'])))) problems.push({ kind, problem: 'a row whose customer is not cached', row: r });
      }
    }
    if (problems.length) this.fail('the cache differs from the server after a pull', problems.slice(0, 30));
    this.log('sys', `cache equals the server: ${server.size} customers, detail of ${this.detail.size}`);
  }
}

// --- helpers --------------------------------------------------------------------------------------

const tableOf = (kind: Exclude<Kind, 'customer'>): keyof CacheSnapshot =>
  ({ address: 'addresses', parameter: 'parameters', extraField: 'extraFields', mandate: 'mandates', creditInsurance: 'creditInsurances', question: 'questions' } as const)[kind];


const schemaKeys = (schema: { entries: Record<string, unknown> }) => Object.keys(schema.entries);

function projectCustomer(row: Row): Row {
  const out: Row = {};
  for (const key of schemaKeys(schemas.customer)) out[key] = row[key] ?? null;
  out['addresses'] = ((row['addresses'] ?? []) as Row[]).map((a) => projectChild('address', a));
  return out;
}

const schemaOfKind: Readonly<Record<Kind, { entries: Record<string, unknown> }>> = {
  customer: schemas.customer, address: schemas.address, parameter: schemas.parameter, extraField: schemas.extraField,
  mandate: schemas.mandate, creditInsurance: schemas.creditInsurance, question: schemas.question,
};

function projectChild(kind: Exclude<Kind, 'customer'>, row: Row): Row {
  const out: Row = {};
  for (const key of schemaKeys(schemaOfKind[kind])) out[key] = row[key] ?? null;
  return out;
}

function canonicalOf(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Row).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v);
}

function fieldDiff(expected: Row, actual: Row): { expected: Row; actual: Row } {
  const fields = Object.keys(expected).filter((f) => canonicalOf(expected[f]) !== canonicalOf(actual[f]));
  return { expected: Object.fromEntries(fields.map((f) => [f, expected[f]])), actual: Object.fromEntries(fields.map((f) => [f, actual[f]])) };
}

export function describe(op: UserOp): string {
  switch (op.kind) {
    case 'createCustomer': return `create customer ${JSON.stringify(op.input)}`;
    case 'updateCustomer': return `update customer ${op.customerGuid} ${JSON.stringify(op.changes)}`;
    case 'deleteCustomer': return `delete customer ${op.customerGuid}${op.discardQueuedChildren ? ' (discard its queued changes)' : ''}`;
    case 'createChild': return `create ${op.entity} ${op.customerGuid} ${JSON.stringify(op.body)}`;
    case 'updateChild': return `update ${op.entity} ${op.customerGuid}/${op.id} ${JSON.stringify(op.changes)}`;
    case 'deleteChild': return `delete ${op.entity} ${op.customerGuid}/${op.id}`;
    case 'respond': return `answer question ${op.customerGuid}/${op.actionGuid} ${JSON.stringify(op.answer)}`;
    case 'updateCreatedAddress': return `change the main address of new customer ${op.customerGuid} ${JSON.stringify(op.changes)}`;
    case 'removeCreatedAddress': return `remove the main address of new customer ${op.customerGuid}`;
  }
}
