// Lint rules, including the layer boundaries (floors) of docs/architecture.md.
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const PLATFORMS = {
  group: ['rxdb/plugins/*', 'dexie', 'react', 'react-dom', 'node:*', 'fastify', 'better-sqlite3'],
  message: 'src/shared is imported by the PWA and the server: keep platforms out of it.',
};
const LAYERS = ['db', 'sync', 'session', 'features', 'ui', 'app', 'pwa', 'i18n'];
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

/**
 * The floors, top down: src/app (the root: App, routes, layout) → src/features/<feature> →
 * src/session (session, device context, drafts, unsaved forms) → src/db, src/sync, src/pwa, src/ui
 * → src/i18n (the message catalogs' runtime) → src/shared. A floor imports only floors below it;
 * nothing imports src/app but main.tsx.
 */
const src = (dir) => `./src/${dir}`;
const FEATURES = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const BELOW_FEATURES = ['session', 'db', 'sync', 'pwa', 'ui', 'i18n', 'shared'].map(src);
const FLOORS = [
  {
    target: [src('features'), ...BELOW_FEATURES],
    from: src('app'),
    message: 'src/app is the root: only main.tsx imports it.',
  },
  {
    target: BELOW_FEATURES,
    from: src('features'),
    message: 'Features stand on this layer; it imports no feature (docs/architecture.md, floors).',
  },
  {
    target: ['db', 'sync', 'pwa', 'ui', 'i18n', 'shared'].map(src),
    from: src('session'),
    message: 'The session layer stands on this one, not the other way round.',
  },
  {
    target: src('shared'),
    from: src('i18n'),
    message: 'The catalogs’ runtime stands on src/shared only; src/shared is also the server’s.',
  },
  {
    target: src('i18n'),
    from: ['db', 'sync', 'session', 'features', 'ui', 'app', 'pwa'].map(src),
    message: 'The catalogs’ runtime is a floor below the screens: it imports none of them.',
  },
  // A feature's public entry is its index.ts: what other features may embed or call. Its screens
  // are reached by URL through src/app/routes.tsx, never imported by another feature.
  ...FEATURES.map((feature) => ({
    target: src(`features/${feature}`),
    from: FEATURES.filter((other) => other !== feature).map((other) => src(`features/${other}`)),
    except: ['./index.ts'],
    message:
      'Import another feature only through its index.ts; move what several features share to a lower layer.',
  })),
];

/**
 * Text a person reads comes from a message catalog (issue 13, docs/i18n.md): JSX text with letters
 * and the labelling attributes of elements are refused as literals. The pseudo-language browser
 * test catches what is built as a string elsewhere.
 */
const LABEL_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label']);
const HAS_WORD = /\p{L}{2,}/u;
const i18nPlugin = {
  rules: {
    'no-literal-text': {
      meta: {
        type: 'problem',
        messages: { literal: 'Text a person reads comes from a message catalog: i18n._(id) (docs/i18n.md).' },
      },
      create(context) {
        return {
          JSXText(node) {
            if (HAS_WORD.test(node.value)) context.report({ node, messageId: 'literal' });
          },
          JSXAttribute(node) {
            const value = node.value;
            if (
              LABEL_ATTRIBUTES.has(node.name.name) &&
              value?.type === 'Literal' &&
              typeof value.value === 'string' &&
              HAS_WORD.test(value.value)
            ) {
              context.report({ node, messageId: 'literal' });
            }
          },
        };
      },
    },
  },
};

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
  {
    files: ['src/**/*.{ts,tsx}', 'sync-server/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // Follow the project's TypeScript modules too (the default reads only .js), for no-cycle.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: FLOORS }],
      // An import circle makes module start-up order matter and hides a layer's real shape.
      'import-x/no-cycle': 'error',
    },
  },
  {
    files: ['src/app/**/*.tsx', 'src/ui/**/*.tsx', 'src/features/**/*.tsx'],
    plugins: { fieldbook: i18nPlugin },
    rules: { 'fieldbook/no-literal-text': 'error' },
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
                '**/src/session/*',
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
