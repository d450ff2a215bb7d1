import { startSandbox } from '../../electron/sandbox';

/*
 * The sandbox in a process of its own (forked by sandbox-client.ts): a real server the bench
 * reaches over loopback HTTP, whose work never runs on the event loop of the bridge that calls
 * it. Arguments: <customers> <latencyMs>. It answers on the IPC channel: 'stats', 'reset-stats',
 * 'close'. Its own stdout is the bench's stderr (the fork maps it), so it cannot spoil the JSON.
 */

const customers = Number(process.argv[2] ?? 500);
const latencyMs = Number(process.argv[3] ?? 0);
const send = (message: unknown): void => void process.send?.(message);
const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const sandbox = await startSandbox({
  customers,
  seed: 1,
  faults: { latencyMs },
  onError: (error) => process.stderr.write(`sandbox: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
});

process.on('message', (message: { type?: string }) => {
  switch (message.type) {
    case 'stats':
      send({ type: 'stats', stats: sandbox.stats.get(), cpuMs: cpuMs() });
      break;
    case 'reset-stats':
      sandbox.stats.reset();
      send({ type: 'reset-stats' });
      break;
    case 'close':
      void sandbox.close().then(() => process.exit(0));
      break;
  }
});
// The bench died without saying goodbye: do not outlive it.
process.on('disconnect', () => void sandbox.close().then(() => process.exit(0)));

send({
  type: 'ready',
  url: sandbox.url,
  origin: sandbox.origin,
  tokenUrl: sandbox.tokenUrl,
  basePath: sandbox.basePath,
  credentials: sandbox.credentials,
  customers: sandbox.store.size,
});
