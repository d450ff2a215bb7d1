import { parseArgs } from 'node:util';
import { startSandbox } from './index';

/*
 * `npm run sandbox -- --port 4010 --customers 5000 [--seed N] [--persist file] [--base-path /x]`
 * Starts the sandbox in the foreground and prints what a connection profile needs.
 */

const usage = 'Usage: npm run sandbox -- [--port 4010] [--customers 500] [--seed 1] [--persist file] [--base-path /demo/APIGW] [--auth either|oauth2|apikey|both]';

function wholeNumber(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/u.test(text)) throw new Error(`--${name} must be a whole number, got '${text}'`);
  return Number(text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      customers: { type: 'string' },
      seed: { type: 'string' },
      persist: { type: 'string' },
      'base-path': { type: 'string' },
      auth: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const auth = values.auth ?? 'either';
  if (!['either', 'oauth2', 'apikey', 'both'].includes(auth)) throw new Error(`--auth must be either, oauth2, apikey or both`);

  const started = Date.now();
  const sandbox = await startSandbox({
    port: wholeNumber('port', values.port, 4010),
    customers: wholeNumber('customers', values.customers, 500),
    seed: wholeNumber('seed', values.seed, 1),
    basePath: values['base-path'],
    persistFile: values.persist,
    auth: auth as 'either',
  });
  const { clientId, clientSecret, apiKey, apiKeyHeader } = sandbox.credentials;
  console.log(`Aptic sandbox: ${sandbox.store.size} customers, started in ${Date.now() - started} ms`);
  console.log(`  Base URL       ${sandbox.url}`);
  console.log(`  Token URL      ${sandbox.tokenUrl}`);
  console.log(`  Client ID      ${clientId}`);
  console.log(`  Client secret  ${clientSecret}`);
  console.log(`  API key        ${apiKey}   (header ${apiKeyHeader})`);
  console.log(`  Auth           ${sandbox.authMode}`);
  console.log(`  Admin          ${sandbox.origin} (faults, reset, stats)`);
  if (sandbox.persistence) {
    const { file, loaded } = sandbox.persistence;
    const note = loaded === 'loaded' ? 'earlier changes loaded' : loaded === 'absent' ? 'new file' : 'old file set aside (other seed or unreadable)';
    console.log(`  Persisted to   ${file} (${note})`);
  }
  console.log('Ctrl-C stops it.');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    sandbox.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(usage);
  process.exit(1);
});
