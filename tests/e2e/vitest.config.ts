import { defineConfig } from "vitest/config";

// Browser tests: drive the production build in Debian's Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // On CI a browser test that fails is run once more; a retried test is named in the report,
    // and the page and server output of the first failure stay in the log.
    retry: process.env.CI ? 1 : 0,
  },
});
