/*
 * npm's postinstall: rebuilds native modules (keytar) for Electron's ABI with electron-builder
 * install-app-deps, so that `npm start` can use the OS keychain. Skipped, with one line, where
 * the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD, as on CI): there keytar
 * stays built for Node, which is what the tests need. Never fails the install: without a rebuilt
 * keytar the app falls back to its safeStorage vault and says so in its settings.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const say = (line) => console.log(`fieldbook postinstall: ${line}`);

function electronBinaryInstalled() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const relative = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    return relative !== '' && existsSync(join(dir, 'dist', relative));
  } catch {
    return false;
  }
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  say('ELECTRON_SKIP_BINARY_DOWNLOAD is set, so native modules stay built for Node (skipping electron-builder install-app-deps).');
} else if (!electronBinaryInstalled()) {
  say('the Electron binary is not installed, so native modules stay built for Node (skipping electron-builder install-app-deps).');
} else {
  const cli = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js');
  const result = spawnSync(process.execPath, [cli, 'install-app-deps'], { stdio: 'inherit' });
  if (result.status !== 0) say('electron-builder install-app-deps failed: keytar is not built for Electron; the app will use its safeStorage fallback vault.');
}
