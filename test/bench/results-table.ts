import { readFileSync } from 'node:fs';
import type { Measurement, Target } from './report';

/*
 * `npm run bench > bench.jsonl; npx tsx test/bench/results-table.ts < bench.jsonl`
 * The README's "Benchmarks" table from the JSON lines of one run (markdown on stdout).
 */

const labels: Record<string, string> = {
  'first-download': 'first download, 50,000 customers (baseline: fetch the same pages)',
  'first-download-storage': 'the same 50,000 rows written and nothing else (baseline: fetch the same pages)',
  'sandbox-rps': 'sandbox, list pages of 100 (baseline: the rate the first download asked for)',
  'outbox-drain': 'outbox drain, 1,000 edits of 200 customers, 20 ms latency (baseline: 1,000 bare PUTs)',
  'offline-query.warm-index': 'list index load, 100,000 customers (baseline: read every record)',
  startup: 'start-up to first rows, 100,000 cached (baseline: 100 cached)',
  memory: 'JS heap after scrolling all 100,000 rows (baseline: 100 rows)',
};

function label(name: string): string {
  const query = /^offline-query\.(.+)\.(p50|p95)$/u.exec(name);
  if (query) return `offline query ${query[2]}, ${query[1]!.replaceAll('-', ' ')} (baseline: bare Dexie read, same rows)`;
  return labels[name] ?? name;
}

function targetText(target: Target | null, unit: string): string {
  if (!target) return '—';
  const parts: string[] = [];
  if (target.max !== undefined) parts.push(`≤ ${target.max} ${unit}`);
  if (target.min !== undefined) parts.push(`≥ ${target.min} ${unit}`);
  if (target.maxRatio !== undefined) parts.push(`ratio ≤ ${target.maxRatio}`);
  if (target.minRatio !== undefined) parts.push(`ratio ≥ ${target.minRatio}`);
  return parts.join(', ');
}

const lines = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim().startsWith('{'));
const results = lines.map((l) => JSON.parse(l) as Measurement);
const first = results[0];
if (!first) throw new Error('no measurements on stdin');
const m = first.machine;
const out = [
  `Latest figures, ${first.date.slice(0, 10)}: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node.replace(/^v/u, '')}, ${m.chromium.replace(/ built on.*/u, '')}.`,
  '',
  '| measurement | value | baseline | ratio | target | met |',
  '|---|---|---|---|---|---|',
  ...results.map((r) => `| ${label(r.name)} | ${r.value} ${r.unit} | ${r.baseline ?? '—'} ${r.baseline === null ? '' : r.unit} | ${r.ratio ?? '—'} | ${targetText(r.target, r.unit)} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} |`),
];
process.stdout.write(`${out.join('\n')}\n`);
