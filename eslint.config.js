// Lint rules, including the layer boundaries of docs/architecture.md.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const PLATFORMS = {
  group: ['rxdb/plugins/*', 'dexie', 'react', 'react-dom', 'node:*', 'fastify', 'better-sqlite3'],
  message: 'src/shared is imported by the PWA and the server: keep platforms out of it.',
};
const LAYERS = ['db', 'sync', 'features', 'ui', 'app', 'pwa'];
/** src/shared imports nothing else of the project; `depth` is how far below src/ the file sits. */
const noPlatformInShared = (depth) => ({
  patterns: [
    PLATFORMS,
    {
      group: [...LAYERS.map((layer) => `${'../'.repeat(depth)}${layer}/*`), '**/sync-server/*'],
      message: 'src/shared depends on nothing else in the project.',
    },
  ],
});

export default tseslint.config(
  { ignores: ['dist', 'dev-dist', 'node_modules', 'data', 'coverage', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  { files: ['src/shared/*.ts'], rules: { 'no-restricted-imports': ['error', noPlatformInShared(1)] } },
  { files: ['src/shared/*/**/*.ts'], rules: { 'no-restricted-imports': ['error', noPlatformInShared(2)] } },
  {
    // Only src/db touches RxDB storage and Dexie; only src/sync runs replication.
    files: ['src/features/**/*.{ts,tsx}', 'src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['rxdb/plugins/storage-*', 'dexie'], message: 'Storage is src/db’s job.' },
            { group: ['rxdb/plugins/replication*'], message: 'Replication is src/sync’s job.' },
          ],
        },
      ],
    },
  },
  {
    files: ['sync-server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/src/db/*',
                '**/src/sync/*',
                '**/src/features/*',
                '**/src/ui/*',
                'react',
                'rxdb/plugins/*',
              ],
              message: 'The server shares only src/shared with the PWA.',
            },
          ],
        },
      ],
    },
  },
);
