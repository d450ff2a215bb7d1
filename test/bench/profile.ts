import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { progress } from './report';

/*
 * `npm run bench -- --profile <measurement>`: Chromium's sampling CPU profiler (CDP Profiler)
 * around that measurement's page work. The .cpuprofile lands in test-results/bench/ (open it in
 * DevTools' Performance panel), and the functions with the most self time are printed to
 * stderr, which is usually all one needs to see where the time goes.
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
}

export interface Profiler {
  stop(): Promise<void>;
}

const outDir = resolve(import.meta.dirname, '../../test-results/bench');

export async function startProfiler(page: Page, name: string): Promise<Profiler> {
  const session: CDPSession = await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  await session.send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await session.send('Profiler.stop')) as unknown as { profile: Profile };
      await session.detach().catch(() => undefined);
      await mkdir(outDir, { recursive: true });
      const file = join(outDir, `${name}.cpuprofile`);
      await writeFile(file, JSON.stringify(profile));
      progress(`profile written: ${file}`);
      for (const line of summarize(profile)) progress(`  ${line}`);
    },
  };
}

/** The top functions by self time, with the share of all samples. */
export function summarize(profile: Profile, top = 25): string[] {
  const total = profile.nodes.reduce((n, node) => n + (node.hitCount ?? 0), 0) || 1;
  const ms = (profile.endTime - profile.startTime) / 1000;
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.split('/').pop() ?? url;
    const key = `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + (node.hitCount ?? 0));
  }
  const rows = [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [
    `${Math.round(ms)} ms profiled, ${total} samples; self time:`,
    ...rows.map(([key, hits]) => `${((hits / total) * 100).toFixed(1).padStart(5)}%  ${Math.round((hits / total) * ms).toString().padStart(6)} ms  ${key}`),
  ];
}
