import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = import.meta.dirname;

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
    plugins: [svelte()],
    build: {
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
