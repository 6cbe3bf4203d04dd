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
