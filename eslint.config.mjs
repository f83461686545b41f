import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.cache/**',
      'test/fixtures/**',
      'bench/.work/**',
      'bench/scenarios/**',
      '.demo/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setImmediate: 'readonly',
        URL: 'readonly',
        __dirname: 'readonly',
        require: 'readonly',
        module: 'writable',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        performance: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        structuredClone: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // The core is shared by the extension, the CLI and the tests: it must never see the editor API.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core must not import vscode: put editor code in src/extension.' }],
          patterns: [{ group: ['**/extension/**', '**/cli/**'], message: 'src/core must not depend on a front end.' }],
        },
      ],
    },
  },
  {
    // Prettier wraps code at 120 columns but leaves long strings, regexes and comments alone: this catches those.
    files: ['src/**/*.ts'],
    rules: { 'max-len': ['error', { code: 120, tabWidth: 2 }] },
  },
  {
    // One responsibility per core file: past 300 lines a file is doing two things (split it, do not pack lines).
    files: ['src/core/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    // Front ends use each core area through its public surface (src/core/<area>/index.ts) only, so
    // core internals can change without touching the extension, the CLI or the webview.
    files: ['src/extension/**/*.ts', 'src/cli/**/*.ts', 'webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/core/*/*'],
              message: 'Import a core area through its index.ts (e.g. ../core/providers), not its internals.',
            },
          ],
        },
      ],
    },
  },
);
