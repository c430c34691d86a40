import { defineConfig } from 'vitest/config';

/** End-to-end tests that need tools beyond Node (tmux); `.ci/run` installs them and runs `npm run test:e2e`. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
