import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    setupFiles: ['test/remove-temp-dirs.ts'],
    // Tests that load onnxruntime in-process opt out of its telemetry as the batuta CLI does (src/cli/main.ts).
    env: { ORT_DISABLE_TELEMETRY: '1' },
  },
});
