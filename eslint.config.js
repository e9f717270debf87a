import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'public', 'playwright-report', 'test-results', 'bench/results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node, ...globals.worker },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    // Layering (ARCHITECTURE.md): core and data are pure; engine has no React; viz has no tfjs.
    files: ['src/core/**', 'src/data/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@tensorflow/*', 'react', 'react-dom', 'd3', 'd3-*', 'zustand', '**/engine/**', '**/ui/**', '**/viz/**', '**/state/**'] }],
    },
  },
  {
    files: ['src/engine/**', 'src/methods/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', 'd3', 'zustand', '**/ui/**', '**/viz/**', '**/state/**'] }] },
  },
  {
    files: ['src/viz/**', 'src/ui/**', 'src/state/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@tensorflow/*', '**/engine/**', '**/methods/**'] }] },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
