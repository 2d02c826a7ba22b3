// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/** Raw IPC lives in exactly two files; the core never imports Electron (style.md rules 2 and 7). */
const IPC_MAIN_FILE = 'electron/main/ipc.ts';
const PRELOAD_FILE = 'electron/preload/preload.ts';
const noRawIpc = {
  'no-restricted-syntax': [
    'error',
    {
      selector: 'ImportSpecifier[imported.name=/^(ipcMain|ipcRenderer)$/]',
      message: `Raw IPC is only allowed in ${IPC_MAIN_FILE} and ${PRELOAD_FILE}; go through the contract.`,
    },
    {
      selector: 'MemberExpression[property.name=/^(ipcMain|ipcRenderer)$/]',
      message: `Raw IPC is only allowed in ${IPC_MAIN_FILE} and ${PRELOAD_FILE}; go through the contract.`,
    },
  ],
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'release/', 'test-results/', 'playwright-report/', 'bench-results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['electron/**/*.ts'], ignores: [IPC_MAIN_FILE, PRELOAD_FILE], rules: noRawIpc },
  {
    files: ['electron/core/**/*.ts', 'electron/cli/**/*.ts', 'electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'electron/core, cli and shared run under plain Node: no electron.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte', 'renderer/**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
    rules: {
      ...noRawIpc,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer has no Node or Electron; use window.gpjobs.' }],
          patterns: [
            {
              group: ['node:*'],
              message: 'The renderer has no Node or Electron; use window.gpjobs.',
            },
            {
              group: ['**/electron/core/**', '**/electron/main/**'],
              message: 'The renderer imports types only, from electron/shared.',
            },
          ],
        },
      ],
    },
  },
);
