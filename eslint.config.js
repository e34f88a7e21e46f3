// Lint doubles as the architecture check: the import zones below keep Electron out of the core,
// SQL inside the repository layer, and the renderer talking to main through types only.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const sqlCalls = {
  selector: 'CallExpression[callee.property.name=/^(prepare|exec|pragma)$/]',
  message: 'SQL belongs in src-main/core/repos or src-main/core/db.',
};
const sqlImports = [
  { name: 'better-sqlite3', message: 'SQL belongs in src-main/core/repos or src-main/core/db.' },
  { name: 'drizzle-orm', message: 'SQL belongs in src-main/core/repos or src-main/core/db.' },
];
const sqlImportPatterns = [{ group: ['drizzle-orm/*'], message: 'SQL belongs in src-main/core/repos or src-main/core/db.' }];
// The sync engine stays behind one small boundary (src-main/core/sync/engine) so it could be replaced.
const engineImport = { group: ['tinybase', 'tinybase/*'], message: 'Only src-main/core/sync/engine may import the sync engine.' };
const electronImport = { name: 'electron', message: 'Only src-main/electron may import Electron.' };

// Each side gets the globals of the runtime it runs in, like its tsconfig: the page has no Node,
// and main, the CLI and the scripts have no DOM. The page tests (renderer units, Playwright specs)
// run in Node and handle a page, so they get both.
const sharedGlobals = Object.fromEntries(
  [
    'console',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'queueMicrotask',
    'structuredClone',
    'URL',
    'URLSearchParams',
    'fetch',
    'performance',
    'Response',
    'Request',
    'Headers',
    'AbortController',
    'AbortSignal',
    'TextEncoder',
    'TextDecoder',
    'crypto',
  ].map((name) => [name, 'readonly']),
);
const nodeOnly = ['process', 'Buffer', 'setImmediate', 'clearImmediate', 'global', '__dirname', '__filename', 'require', 'module'];
const browserOnly = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'navigator',
  'location',
  'history',
  'EventSource',
  'requestAnimationFrame',
  'HTMLElement',
  'HTMLInputElement',
  'HTMLDialogElement',
  'KeyboardEvent',
  'MouseEvent',
];
const readonly = (names) => Object.fromEntries(names.map((name) => [name, 'readonly']));
const forbidden = (names, message) => ['error', ...names.map((name) => ({ name, message }))];
const nodeFiles = ['src-main/**', 'scripts/**', 'bin/**', 'resources/**', 'test/**', '*.{js,ts}'];
const pageTestFiles = ['test/unit/renderer/**', 'test/e2e/**'];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'out/**', 'dist/**', 'release/**', 'drizzle/**', 'test-results/**', 'playwright-report/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: sharedGlobals },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: nodeFiles,
    ignores: pageTestFiles,
    languageOptions: { globals: readonly(nodeOnly) },
    rules: { 'no-restricted-globals': forbidden(browserOnly, 'Node code has no DOM; this runs in main, the CLI or a script.') },
  },
  {
    files: pageTestFiles,
    languageOptions: { globals: { ...readonly(nodeOnly), ...readonly(browserOnly) } },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: readonly(browserOnly) },
    rules: { 'no-restricted-globals': forbidden(nodeOnly, 'The page has no Node; ask main through the contract.') },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronImport, ...sqlImports, { name: 'zod', message: 'The renderer imports contract types only.' }],
          patterns: [
            {
              group: [
                '**/src-main/core/**',
                '**/src-main/app/**',
                '**/src-main/http/**',
                '**/src-main/cli/**',
                '**/src-main/contract/**',
                '**/src-main/electron/*',
                '!**/src-main/electron/preload-api',
              ],
              message: 'The renderer reaches main through @contract and the preload API only.',
            },
            { group: ['**/src-main/electron/preload-api'], allowTypeImports: true, message: 'Import types only (import type …).' },
            engineImport,
            {
              regex: '^@contract(/(?!(enums|limits|events)$).*)?$',
              allowTypeImports: true,
              message:
                'Import contract types only (import type …); the enum arrays come from @contract/enums, the text limits from @contract/limits and the change names from @contract/events.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronImport],
          patterns: [{ group: ['**/electron/**', '**/http/**', '**/cli/**', '**/app/**'], message: 'The core imports no shell.' }],
        },
      ],
    },
  },
  {
    // The contract is a leaf: procedure table, schemas, error shape, messages and enums, on zod alone.
    files: ['src-main/contract/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [electronImport, ...sqlImports],
          patterns: [
            {
              group: ['**/core/**', '**/app/**', '**/electron/**', '**/http/**', '**/cli/**', '**/src-renderer/**', 'node:*'],
              message: 'The contract imports only zod and itself.',
            },
            { group: ['drizzle-orm/*'], message: 'The contract imports only zod and itself.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/core/**/*.ts'],
    ignores: ['src-main/core/repos/**', 'src-main/core/db/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: sqlImports, patterns: [...sqlImportPatterns, engineImport] }],
      'no-restricted-syntax': ['error', sqlCalls],
    },
  },
  {
    files: ['src-main/core/sync/engine/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: sqlImports, patterns: sqlImportPatterns }] },
  },
  {
    files: ['src-main/core/repos/**/*.ts', 'src-main/core/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [engineImport] }] },
  },
  {
    files: ['src-main/{contract,app,http,cli,server}/**/*.ts', 'src-main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: sqlImports, patterns: [...sqlImportPatterns, engineImport] }],
      'no-restricted-syntax': ['error', sqlCalls],
    },
  },
  {
    files: ['src-main/{app,http,cli,server}/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths: [electronImport] }] },
  },
  {
    // Layers point one way: contract ← core ← app ← shells (electron, http, cli).
    files: ['src-main/app/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [electronImport], patterns: [{ group: ['**/electron/**', '**/http/**', '**/cli/**'], message: 'The runtime imports no shell.' }] },
      ],
    },
  },
);
