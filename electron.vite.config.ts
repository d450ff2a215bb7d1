import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * `electron-vite dev` only: Vite injects component CSS as <style> elements and runs hot reload over
 * a WebSocket, which renderer/index.html's strict policy refuses. The built page keeps the policy as written.
 */
function devServerCsp(): Plugin {
  return {
    name: 'fieldbook:dev-server-csp',
    apply: 'serve',
    transformIndexHtml: (html) => html
      .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
      .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*"),
  };
}

// electron-vite's three builds: main (Node + Electron), preload (sandboxed bridge), renderer (browser).
export default defineConfig({
  main: {
    build: {
      // keytar is a native addon: it must stay a runtime require, never bundled.
      externalizeDeps: { include: ['keytar'] },
      rollupOptions: { input: { index: resolve(root, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require node_modules or load ESM: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [svelte(), devServerCsp()],
    build: {
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
