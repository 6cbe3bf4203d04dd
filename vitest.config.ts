import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'app/**/*.test.ts',
            'app/**/*.test.tsx',
            'eslint/**/*.test.ts',
            'harness/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          // Unit tests assert behaviour, never speed (speed is bench/'s job): a test that handles a
          // million log lines or spawns a credential helper must not fail because the machine is busy.
          testTimeout: 30000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['app/**/*.int.test.ts', 'harness/**/*.int.test.ts'],
          globalSetup: ['harness/vitest-global-setup.ts'],
          testTimeout: 60000,
          hookTimeout: 120000,
        },
      },
    ],
  },
});
