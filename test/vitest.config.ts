import { defineConfig } from 'vitest/config';

// Kept under test/ so the project root stays small; `npm test` passes it with --config.
export default defineConfig({
  root: new URL('..', import.meta.url).pathname,
  test: {
    include: ['test/**/*.test.ts'],
    // Each file gets its own process: sandboxes, keychains and browsers never leak between files.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
