// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The dependency rule (`../shared/DESIGN.md`), one entry per layer: which import specifiers a
 * layer may not use. `domain` is the vocabulary every layer shares and imports nothing;
 * `protocol` and `validation` import only `domain`; `host` never imports `frame` or the server;
 * `frame` never imports `host` or the server; the server reaches the browser package only
 * through `tessera/validation`. Each layer's tsconfig.json gives it only the ambient types it
 * runs with (DOM for host and frame, Node for the server, neither for the pure layers).
 */
const LAYERS = [
  {
    files: ['src/domain/**/*.ts'],
    forbidden: [
      {
        regex: '^(?!\\./)',
        message: 'src/domain imports nothing: it is the vocabulary everything else shares.',
      },
    ],
  },
  {
    files: ['src/protocol/**/*.ts'],
    forbidden: [
      {
        regex: '^(?!\\./|\\.\\./domain/)',
        message: 'src/protocol imports only its own files and src/domain (no DOM, no packages).',
      },
    ],
  },
  {
    files: ['src/validation/**/*.ts'],
    forbidden: [
      {
        regex: '^(?!\\./|\\.\\./domain/|card-validator$)',
        message: 'src/validation imports only its own files, src/domain and card-validator.',
      },
    ],
  },
  {
    files: ['src/host/**/*.ts', 'src/index.ts', 'src/script-tag.ts'],
    forbidden: [
      {
        regex: '(^|/)(frame|server)(/|$)',
        message: 'The host page never imports the frame or the server.',
      },
      {
        // Lit's reactive base (@lit/reactive-element) without its templates: the host renders
        // one iframe, and the script tag stays small.
        regex: '^(?![./]|lit(/|$)|@lit/reactive-element(/|$))',
        message: 'Host code may import Lit and nothing else from npm.',
      },
    ],
  },
  {
    files: ['src/react/**/*.ts', 'src/vue/**/*.ts', 'src/svelte/**/*.ts'],
    forbidden: [
      {
        regex: '(^|/)(frame|server)(/|$)',
        message: 'The framework integrations never import the frame or the server.',
      },
      {
        // Each integration reaches the elements through the host, and of npm its framework
        // (an optional peer) and, for React, Lit's React helper (bundled into the entry).
        regex:
          '^(?![./]|react(/|$)|@lit/react(/|$)|vue$|svelte(/|$)|lit(/|$)|@lit/reactive-element(/|$))',
        message: 'An integration imports the host, its framework and Lit, nothing else.',
      },
    ],
  },
  {
    files: ['src/frame/**/*.ts'],
    forbidden: [
      {
        regex: '(^|/)(host|server)(/|$)',
        message: 'The frame never imports the host elements or the server.',
      },
      {
        regex: '^(?![./]|lit(/|$))',
        message: 'Frame code may import Lit and nothing else from npm.',
      },
    ],
  },
  {
    files: ['server/src/**/*.ts'],
    forbidden: [
      {
        regex: '(^|/)src/(domain|protocol|validation|host|frame)(/|$)',
        message:
          "The server uses the browser package's validators through tessera/validation only.",
      },
      {
        regex: '^(tessera(?!/validation$)(/|$)|lit(/|$))',
        message: 'The server imports tessera/validation and nothing else of the browser package.',
      },
    ],
  },
];

export default tseslint.config(
  { ignores: ['dist/', 'server/dist/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['web-test-runner.config.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
    },
  },
  ...LAYERS.map(({ files, forbidden }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns: forbidden }] },
  })),
  {
    // Command-line entries and tests report to the terminal.
    files: ['test/**/*.ts', 'server/test/**/*.ts', 'server/src/cli.ts', 'scripts/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The host page's console is where integration mistakes are reported (never card data).
    files: ['src/host/**/*.ts'],
    rules: { 'no-console': ['error', { allow: ['warn', 'error'] }] },
  },
  {
    files: ['test/browser/**/*.ts'],
    rules: {
      // Chai's property assertions (`expect(x).to.exist`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['web-test-runner.config.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The demo's server and scripts report to the terminal.
    files: ['demo/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    // The demo page's own script: plain JavaScript in the browser, as a merchant writes it.
    files: ['demo/public/**/*.js'],
    languageOptions: { globals: globals.browser },
    rules: { 'no-console': ['error', { allow: ['error'] }] },
  },
);
