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
    files: ['app/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
