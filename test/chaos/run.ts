import { ChaosFailure, createChaosEnv, runChaos, type ChaosReport } from './world';

/*
 * The chaos campaign by hand:
 *   npm run chaos -- --seed 7 --ops 150          replays one run (as a failing test prints it)
 *   npm run chaos -- --seeds 10 --ops 500        seeds 1…10 (or --from N), 500 operations each
 * Options: --customers N, --buckets N (every customer GUID in one of N buckets of the cache),
 * --concurrency N (fixed; default drawn per drain), --no-faults,
 * --no-crashes, --no-renderer-reloads (crashes that reload only the renderer while main still
 * has a slow request on the wire), --verbose (prints the op log as it goes), --keep-going (do not stop at a failure).
 */

function parse(argv: string[]): Record<string, string | true> {
  const out: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      out[arg.slice(2)] = next;
      i++;
    } else {
      out[arg.slice(2)] = true;
    }
  }
  return out;
}

const args = parse(process.argv.slice(2));
const num = (name: string, fallback: number): number => (typeof args[name] === 'string' ? Number(args[name]) : fallback);
const ops = num('ops', 150);
const seeds = args['seed'] !== undefined
  ? [num('seed', 1)]
  : Array.from({ length: num('seeds', 1) }, (_, i) => num('from', 1) + i);

const env = await createChaosEnv();
const began = performance.now();
const reports: ChaosReport[] = [];
const failures: ChaosFailure[] = [];
try {
  for (const seed of seeds) {
    try {
      const report = await runChaos({
        seed, ops, env,
        ...(args['customers'] ? { customers: num('customers', 36) } : {}),
        ...(args['buckets'] ? { buckets: num('buckets', 3) } : {}),
        ...(args['concurrency'] ? { concurrency: num('concurrency', 1) } : {}),
        faults: !args['no-faults'],
        crashes: !args['no-crashes'],
        rendererReloads: !args['no-renderer-reloads'],
        ...(args['verbose'] ? { log: (line: string) => console.log(line) } : {}),
      });
      reports.push(report);
      console.log(`seed ${seed}: ok in ${(report.ms / 1000).toFixed(1)} s: ${JSON.stringify({ ...report, seed: undefined, ms: undefined })}`);
    } catch (error) {
      if (!(error instanceof ChaosFailure)) throw error;
      failures.push(error);
      console.log(error.report());
      if (!args['keep-going']) break;
    }
  }
} finally {
  await env.close();
}

const sum = (pick: (r: ChaosReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
console.log(
  `\n${reports.length} seed(s) passed, ${failures.length} failed, in ${((performance.now() - began) / 1000).toFixed(1)} s: ` +
  `${sum((r) => r.userOps)} user writes (+${sum((r) => r.invalidOps)} refused as invalid), ${sum((r) => r.otherOps)} by the other client, ` +
  `${sum((r) => r.drains)} drains, ${sum((r) => r.crashes)} crashes, ${sum((r) => r.requests)} requests ` +
  `(${sum((r) => r.faulted.throttled)} throttled, ${sum((r) => r.faulted.errors)} 5xx, ${sum((r) => r.faulted.dropped)} dropped), ` +
  `${sum((r) => r.conflicts)} conflicts (${sum((r) => r.conflictFields)} fields), ${sum((r) => r.attention)} needs-attention`,
);
if (failures.length) {
  console.log(`failing seeds: ${failures.map((f) => f.seed).join(', ')}`);
  process.exitCode = 1;
}
