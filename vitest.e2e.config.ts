import { defineConfig } from 'vitest/config';

/** End-to-end tests that need tools beyond Node (tmux); `.ci/run` installs them and runs `npm run test:e2e`. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    // One file at a time: terminals, browsers and killed batches should not compete for two cores.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
