// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '**/*.js', '**/*.mjs', '!scripts/**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@chanjiao/*/src/*', '../../libs/*'],
              message: 'Import a library through its public entry (@chanjiao/<name>).',
            },
          ],
        },
      ],
    },
  },
  {
    // libs/core is the plumbing: it never depends on a bounded context.
    files: ['libs/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@chanjiao/*', '!@chanjiao/core'], message: 'libs/core imports nothing from the contexts.' },
          ],
        },
      ],
    },
  },
  {
    // Contexts depend one way: identity → consortia; onboarding → both. Nothing imports upwards.
    files: ['libs/consortia/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@chanjiao/identity', '@chanjiao/onboarding', '@chanjiao/*/src/*'],
              message: 'consortia depends only on core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/identity/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@chanjiao/onboarding', '@chanjiao/*/src/*'],
              message: 'identity depends on core and consortia only.',
            },
          ],
        },
      ],
    },
  },
  {
    // indicators sits above every capability it reads (through their exported services).
    files: ['libs/indicators/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@chanjiao/onboarding', '@chanjiao/*/src/*'],
              message: 'indicators depends on core and the capability contexts only.',
            },
          ],
        },
      ],
    },
  },
  {
    // No `any` leaves a service: raw SQL goes through queryRows<Row>/queryRow<Row> (docs/conventions.md).
    files: ['libs/*/src/services/**/*.ts', 'libs/*/src/jobs/**/*.ts', 'libs/core/src/**/*.service.ts'],
    ignores: ['libs/**/__tests__/**'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
    },
  },
  {
    // class-validator's IsInt admits 3000000000 and 1e308, which an integer column refuses (a 500).
    files: ['libs/**/*.ts'],
    ignores: ['libs/core/src/config/**', 'libs/**/__tests__/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Decorator > CallExpression[callee.name='IsInt']",
          message: 'Use IsInt32 from @chanjiao/core (bounded to int4) instead of IsInt.',
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'libs/**/__tests__/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': 'off',
    },
  },
);
