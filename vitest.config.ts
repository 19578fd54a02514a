import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Two projects: fast pure unit tests, and end-to-end tests that drive real
// headless Chromium with the built extension against the local blocking lab.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [WxtVitest()],
        test: { name: 'unit', include: ['utils/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/unit/**/*.test.ts', 'components/**/*.test.tsx'], environment: 'node' },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
