import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'extension/**/*.test.ts',
            'extension/**/*.test.tsx',
            'shared/**/*.test.ts',
            'native-host/**/*.test.ts',
            'e2e/replica/**/*.test.ts',
          ],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/specs/**/*.e2e.ts'],
          environment: 'node',
          // One browser per file and 2 cores: run files one after another.
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 600_000,
          // One retry: a real browser on a loaded 2-core machine sometimes misses a timing window. A test
          // that fails twice fails the run; retries are printed, so a flaky test stays visible.
          retry: 1,
        },
      },
    ],
  },
});
