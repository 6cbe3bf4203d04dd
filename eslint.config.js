import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import berth from './eslint/layer-boundaries.js';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'e2e/report/**', 'eslint/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { berth },
    rules: {
      'berth/layer-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // One way to call the engine: engine-request.ts (see app/engine/docker/README.md).
    files: ['app/**/*.ts'],
    ignores: ['app/engine/docker/engine-request.ts', 'app/engine/docker/connection-pool.ts', 'app/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.object.name='client'][object.property.name='docker'][property.name!='modem']",
          message:
            "Call the engine through engine-request.ts (dialJson, dialStream, dialUpgrade), not dockerode's methods.",
        },
        {
          selector: "MemberExpression[object.property.name='modem'][property.name='dial']",
          message: 'Call the engine through engine-request.ts (dialJson, dialStream, dialUpgrade).',
        },
      ],
    },
  },
  {
    files: ['app/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
