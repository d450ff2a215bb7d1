import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// npm's postinstall must never fail `npm ci` where Electron's binary cannot be downloaded.
const root = resolve(import.meta.dirname, '../..');
const run = (env: NodeJS.ProcessEnv) => promisify(execFile)(process.execPath, ['electron/build/postinstall.mjs'], { cwd: root, env, timeout: 30_000 });
const withoutSkip = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env['ELECTRON_SKIP_BINARY_DOWNLOAD'];
  return env;
};

describe('postinstall', () => {
  it('skips install-app-deps with one line where ELECTRON_SKIP_BINARY_DOWNLOAD is set', async () => {
    const { stdout, stderr } = await run({ ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(stdout.trim().split('\n')).toEqual([expect.stringMatching(/^fieldbook postinstall: ELECTRON_SKIP_BINARY_DOWNLOAD is set.*skipping electron-builder install-app-deps/u)]);
    expect(stderr).toBe('');
  });

  // Where the binary is installed this would really rebuild keytar: not something a test may do.
  it.skipIf(existsSync(resolve(root, 'node_modules/electron/path.txt')))('skips it too, with one line, where the Electron binary is missing', async () => {
    const { stdout } = await run(withoutSkip());
    expect(stdout.trim().split('\n')).toEqual([expect.stringMatching(/^fieldbook postinstall: the Electron binary is not installed/u)]);
  });
});
