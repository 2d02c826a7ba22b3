// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

/** Raw IPC lives in exactly two files; the core never imports Electron (CONTRIBUTING.md rules 2 and 7). */
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

/** Any import of a module behind electron/core/index.ts. */
const CORE_INTERNALS = '(^|/)core/(?!index$).+';
const CORE_FENCE = 'Import the core through its front door, electron/core/index.ts.';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
      'bench-results/',
      // build/bench.mjs bundles each run to test/bench/.run-PID.mjs; one a killed run leaves is not source.
      'test/bench/.run-*.mjs',
    ],
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
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'electron/core runs under plain Node: no electron.' }] },
      ],
    },
  },
  // One front door to the core (CONTRIBUTING.md rule 17): outside code imports electron/core/index.ts only,
  // and the IPC contract (which the renderer type-checks) only the core's pure vocabulary.
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: CORE_INTERNALS, message: CORE_FENCE }] }],
    },
  },
  {
    files: ['electron/cli/**/*.ts', 'electron/web/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/cli and web run under plain Node: no electron.' }],
          patterns: [{ regex: CORE_INTERNALS, message: CORE_FENCE }],
        },
      ],
    },
  },
  {
    files: ['electron/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/shared runs in every process: no electron.' }],
          patterns: [
            {
              regex: '(^|/)core(/(?!vocabulary$).*)?$',
              message: 'electron/shared imports electron/core/vocabulary only.',
            },
          ],
        },
      ],
    },
  },
  // Rune modules written for the renderer's tests are TypeScript too.
  { files: ['test/**/*.svelte.ts'], languageOptions: { parserOptions: { parser: tseslint.parser } } },
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
