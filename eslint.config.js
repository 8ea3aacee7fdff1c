// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import boundaries from ARCHITECTURE.md, enforced so a wrong import fails `npm run lint`. */
const electron = { name: 'electron', message: 'Only main/app/ and preload/ may import electron.' };
const layer = (group, message) => ({ group, message });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'test-results/', 'playwright-report/', '.terminal-data/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electron] }],
    },
  },
  {
    files: ['main/app/**', 'preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['common/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            layer(['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http'], 'common/ runs anywhere: no Node APIs.'),
            layer(['**/main/**', '**/renderer/**', '**/drivers/**', '**/sync/**', '**/preload/**'], 'common/ imports nothing of the project but common/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['main/checkout/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            layer(['node:*', 'fs', 'path', 'os', 'better-sqlite3', 'serialport'], 'checkout/ is pure: no I/O.'),
            layer(['../ledger/**', '../terminal/**', '../host/**', '../app/**', '**/drivers/**', '**/sync/**', '**/renderer/**'], 'checkout/ imports only common/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            layer(['node:*', 'fs', 'path', 'better-sqlite3', 'serialport'], 'the renderer is DOM only.'),
            layer(['**/main/**', '**/drivers/**', '**/sync/**', '**/preload/**'], 'the renderer talks to the terminal only through the contract in common/.'),
          ],
        },
      ],
    },
  },
  {
    files: ['main/terminal/**', 'main/ledger/**', 'main/host/**', 'main/store/**', 'drivers/**', 'sync/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electron], patterns: [layer(['**/main/app/**', '**/renderer/**', '../app/**'], 'nothing imports main/app or the renderer.')] },
      ],
    },
  },
);
