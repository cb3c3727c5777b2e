import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import reactHooks from 'eslint-plugin-react-hooks';

// Layer rules: each zone lists what a folder may NOT import. Dependencies point inwards:
// http, cli -> app -> policies -> domain; store and adapters implement app's ports and import only domain.
const zones = [
  {
    target: './src/domain',
    from: ['./src/policies', './src/app', './src/store', './src/http', './src/cli', './src/adapters', './src/main.ts'],
    message: 'domain is pure: no I/O layers',
  },
  {
    target: './src/policies',
    from: ['./src/app', './src/store', './src/http', './src/cli', './src/adapters'],
    message: 'policies are pure functions over domain types',
  },
  {
    target: './src/app',
    from: ['./src/http', './src/cli', './src/store', './src/adapters', './src/main.ts'],
    message: 'use cases know ports, not their transport or storage',
  },
  {
    target: ['./src/store', './src/adapters', './src/credentials'],
    from: ['./src/app', './src/policies', './src/http', './src/cli'],
    message: 'storage and adapters implement ports and import only the domain',
  },
  { target: ['./src/http', './src/cli'], from: ['./src/store'], message: 'transports reach storage only through src/app' },
  { target: './web', from: ['./src'], message: 'the web app talks to the server only over HTTP' },
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', '.test-output', 'eslint.config.js', 'bin', 'scripts', 'web/dist'] },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/require-await': 'off', // Fastify plugins and handlers are async by contract
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['test/**/*.ts', 'src/**/*.test.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
