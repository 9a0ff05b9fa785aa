// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The rooms of ARCHITECTURE.md, enforced: a file may import src/ and its own
 * room, never another room. `npm test` runs this, so a wrong import fails CI.
 */
const room = (name, forbidden, extra = []) => ({
  files: [`${name}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((other) => ({
            group: [`**/${other}/**`, `**/${other}`],
            message: `${name}/ may not import ${other}/ (see ARCHITECTURE.md, Rooms).`,
          })),
          ...extra,
        ],
      },
    ],
  },
});

const nodeBuiltins = { group: ['node:*'], message: 'src/ is runtime-free: no node:* imports.' };
const electronImport = { group: ['electron', 'electron/*'], message: 'Only electron/main adapters import electron.' };
const reactImport = {
  group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'],
  message: 'src/ holds no UI code.',
};

const srcRoom = {
  forbidden: ['server', 'renderer', 'widget', 'electron', 'tests', 'bench'],
  extra: [nodeBuiltins, electronImport, reactImport],
};

/**
 * The layers inside src/, enforced like the rooms: the wire contract knows no
 * rules and no connection, the rules know no connection. (A later block for
 * the same files replaces the room's rule, so it repeats the room's patterns.)
 */
const layer = (name, forbidden) =>
  room(`src/${name}`, srcRoom.forbidden, [
    ...srcRoom.extra,
    ...forbidden.map((other) => ({
      group: [`**/${other}/**`, `**/${other}`, `../${other}`],
      message: `src/${name}/ may not import src/${other}/ (see ARCHITECTURE.md, Rooms).`,
    })),
  ]);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      'reports/**',
      'test-results/**',
      'playwright-report/**',
      'coverage/**',
      'release/**',
      'out/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  room('src', srcRoom.forbidden, srcRoom.extra),
  layer('protocol', ['domain', 'client']),
  layer('domain', ['client']),
  room('server', ['renderer', 'widget', 'electron', 'tests', 'bench'], [electronImport]),
  room('renderer', ['server', 'widget', 'electron', 'tests', 'bench'], [nodeBuiltins, electronImport]),
  room('widget', ['server', 'renderer', 'electron', 'tests', 'bench'], [nodeBuiltins, electronImport]),
  room('electron/main', ['server', 'renderer', 'widget', 'tests', 'bench'], [electronImport]),
  room('electron/preload', ['server', 'renderer', 'widget', 'tests', 'bench'], [nodeBuiltins]),
  {
    // The thin adapters and the entry point are the only main-process files that touch Electron.
    files: ['electron/main/**/electron-*.ts', 'electron/main/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: ['server', 'renderer', 'widget', 'tests', 'bench'].map((other) => ({
            group: [`**/${other}/**`, `**/${other}`],
            message: `electron/main may not import ${other}/ (see ARCHITECTURE.md, Rooms).`,
          })),
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'widget/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
);
