import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// ---------------------------------------------------------------------------------------------------------------------
// Layering (ARCHITECTURE.md), enforced with the core `no-restricted-imports` rule; src/lint/boundaries.test.ts tests it.
//
// * A later flat-config entry for a rule REPLACES an earlier one, so the layer blocks below have disjoint `files`
//   (`ignores` carve the sub-blocks out of the wider ones) and each block carries the complete pattern list for its
//   files. Per-method and per-screen blocks are generated from the folders of src/methods and src/ui.
// * Patterns are regexes on the import string as written (relative paths; the project has no path aliases).
//   `up(k)` = at least k `../`: e.g. from src/methods/<id>/run/*.ts src/engine is `../../../engine`, so `./state` or
//   `../state` (a method's own file) is not mistaken for src/state.
// * `import('./run/index')` (an ImportExpression) is never checked: that is how a descriptor loads its parts lazily.
//   `typeof import('…')` type queries are not checked either.
// ---------------------------------------------------------------------------------------------------------------------

/** Folders directly under src/<rel>, read at lint time (a new method or screen folder gets its rules automatically). */
function subdirs(rel) {
  const root = path.join(import.meta.dirname, 'src', rel);
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
}
const METHODS = subdirs('methods');
/** ui folders shared by every screen (styles: CSS only). Every other folder of src/ui is a screen. */
const UI_SHARED = ['common', 'shell', 'styles'];
const UI_SCREENS = subdirs('ui').filter((d) => !UI_SHARED.includes(d));

const WHY = '(ARCHITECTURE.md)';
const up = (k) => `^(\\.\\./){${k},}`;
const alt = (names) => `(${names.join('|')})`;
/** A restricted pattern: `<layer>: no <what> imports (ARCHITECTURE.md)`. */
const no = (layer, what, regex, opts = {}) => ({ regex, message: `${layer}: no ${what} imports ${WHY}`, ...opts });
const tfjs = (layer) => no(layer, 'tfjs (@tensorflow/*)', '^@tensorflow/');
const react = (layer) => no(layer, 'react', '^react(-dom)?(/|$)');
const d3 = (layer) => no(layer, 'd3', '^d3(-[^/]+)?(/|$)');
const zustand = (layer) => no(layer, 'zustand', '^zustand(/|$)');
/** src/<name>/ seen from files at least k folders below src/. */
const dir = (layer, k, name) => no(layer, `${name}/`, `${up(k)}${name}(/|$)`);
const dirs = (layer, k, names) => names.map((name) => dir(layer, k, name));
/** ui, viz, state: worker/ only through worker/protocol and worker/client; methods/ only through three root files. */
const workerInternals = (layer, k) =>
  no(layer, 'worker/ internals (only worker/protocol and worker/client)', `${up(k)}worker(/(?!(protocol|client)$)|$)`);
const methodInternals = (layer, k) =>
  no(
    layer,
    'methods/ internals (only methods/registry, methods/descriptor, methods/viewTypes)',
    `${up(k)}methods(/(?!(registry|descriptor|viewTypes)$)|$)`,
  );
/** Type-only imports of the two part-interface files are fine where their values are not. */
const typesOnly = (layer, file, regex) => ({
  regex,
  allowTypeImports: true,
  message: `${layer}: only \`import type\` from methods/${file} ${WHY}`,
});

/** methods/<id>/**: no method imports another (nor the registry, which imports every method). */
function otherMethods(id) {
  const others = METHODS.filter((m) => m !== id);
  return [
    ...others.map((other) => ({
      regex: `^(\\.\\./)+(methods/)?${other}(/|$)`,
      message: `no method imports another: methods/${id} may not import methods/${other} ${WHY}`,
    })),
    {
      regex: '^(\\.\\./)+(methods/)?registry$',
      message:
        `no method imports another: methods/${id} may not import methods/registry (it imports every method) ${WHY}`,
    },
  ];
}

const PURE = "a method's pure part (methods/<id>/ outside run/ and view/) is pure";
const RUN = "a method's run/ is its tfjs part";
const VIEW = "a method's view/ is its React part";
const staticPart = (layer, part, regex) => ({
  regex,
  message: `${layer}: no static ${part}/ imports (load it lazily: import('./${part}/index')) ${WHY}`,
});

const methodPure = (id) => ({
  name: `layers/methods/${id} (pure part)`,
  files: [`src/methods/${id}/**`],
  ignores: [`src/methods/${id}/run/**`, `src/methods/${id}/view/**`],
  patterns: [
    tfjs(PURE), react(PURE), d3(PURE), zustand(PURE),
    ...dirs(PURE, 2, ['engine', 'ui', 'viz', 'state', 'worker']),
    staticPart(PURE, 'run', '^(\\./|(\\.\\./)+)run(/|$)'),
    staticPart(PURE, 'view', '^(\\./|(\\.\\./)+)view(/|$)'),
    typesOnly(PURE, 'runTypes', '^(\\.\\./)+(methods/)?runTypes$'),
    typesOnly(PURE, 'viewTypes', '^(\\.\\./)+(methods/)?viewTypes$'),
    ...otherMethods(id),
  ],
});
const methodRun = (id) => ({
  name: `layers/methods/${id}/run`,
  files: [`src/methods/${id}/run/**`],
  patterns: [
    react(RUN), d3(RUN), zustand(RUN),
    ...dirs(RUN, 3, ['ui', 'viz', 'state', 'worker']),
    no(RUN, 'view/ (its own React part)', '^(\\.\\./)+view(/|$)'),
    typesOnly(RUN, 'viewTypes', '^(\\.\\./)+(methods/)?viewTypes$'),
    ...otherMethods(id),
  ],
});
const methodView = (id) => ({
  name: `layers/methods/${id}/view`,
  files: [`src/methods/${id}/view/**`],
  patterns: [
    tfjs(VIEW),
    dir(VIEW, 3, 'engine'),
    no(VIEW, 'worker/ (only worker/protocol)', `${up(3)}worker(/(?!protocol$)|$)`),
    no(VIEW, 'ui/ (only ui/common)', `${up(3)}ui(/(?!common(/|$))|$)`),
    no(VIEW, 'run/ (its own tfjs part)', '^(\\.\\./)+run(/|$)'),
    typesOnly(VIEW, 'runTypes', '^(\\.\\./)+(methods/)?runTypes$'),
    ...otherMethods(id),
  ],
});

const ROOT = 'methods/registry and methods/descriptor are pure';
const RUN_TYPES = 'methods/runTypes is run-side';
const VIEW_TYPES = 'methods/viewTypes is view-side';
const anyMethodFolder = METHODS.length ? [`^(\\./|(\\.\\./)+methods/)${alt(METHODS)}(/|$)`] : [];

const UI = 'ui is the React layer';
const VIZ = 'viz is charts only (below ui and state)';
const STATE = 'state is UI state';
const SCREEN = 'ui screens are independent (share code through ui/common, ui/shell)';
const uiPatterns = [tfjs(UI), dir(UI, 1, 'engine'), workerInternals(UI, 1), methodInternals(UI, 1)];
const uiScreen = (screen) => ({
  name: `layers/ui/${screen}`,
  files: [`src/ui/${screen}/**`],
  patterns: [
    ...uiPatterns,
    ...UI_SCREENS.filter((s) => s !== screen).map((other) => ({
      regex: `^(\\.\\./)+(ui/)?${other}(/|$)`,
      message: `${SCREEN}: ui/${screen} may not import ui/${other} ${WHY}`,
    })),
  ],
});

const WORKER = 'worker has no UI';
const CLI = 'cli is a Node tool';
const BENCH = 'src/bench is a Node tool';
const nodeTool = (layer) => [react(layer), d3(layer), zustand(layer), ...dirs(layer, 1, ['ui', 'viz', 'state'])];

/** The layer blocks: every file of src/ gets at most one of them (disjoint `files`), with its complete list. */
const LAYERS = [
  {
    name: 'layers/core',
    files: ['src/core/**'],
    patterns: [
      tfjs('core is pure'), react('core is pure'), d3('core is pure'), zustand('core is pure'),
      ...dirs('core is pure', 1, ['engine', 'ui', 'viz', 'state', 'methods', 'worker']),
    ],
  },
  {
    name: 'layers/data',
    files: ['src/data/**'],
    patterns: [
      tfjs('data is pure'), react('data is pure'), d3('data is pure'), zustand('data is pure'),
      ...dirs('data is pure', 1, ['engine', 'ui', 'viz', 'state', 'methods', 'worker']),
    ],
  },
  {
    name: 'layers/engine',
    files: ['src/engine/**'],
    patterns: [
      react('engine is the tfjs layer'), d3('engine is the tfjs layer'), zustand('engine is the tfjs layer'),
      ...dirs('engine is the tfjs layer', 1, ['ui', 'viz', 'state', 'methods', 'worker']),
    ],
  },
  ...METHODS.flatMap((id) => [methodPure(id), methodRun(id), methodView(id)]),
  {
    name: 'layers/methods/*.ts (registry, descriptor: pure)',
    files: ['src/methods/*'],
    ignores: ['src/methods/runTypes.ts', 'src/methods/viewTypes.ts'],
    patterns: [
      tfjs(ROOT), react(ROOT), d3(ROOT), zustand(ROOT),
      ...dirs(ROOT, 1, ['engine', 'ui', 'viz', 'state', 'worker']),
      staticPart(ROOT, 'run', '^(\\./|(\\.\\./)+methods/)[^/]+/run(/|$)'),
      staticPart(ROOT, 'view', '^(\\./|(\\.\\./)+methods/)[^/]+/view(/|$)'),
      typesOnly(ROOT, 'runTypes', '^(\\./|(\\.\\./)+methods/)runTypes$'),
      typesOnly(ROOT, 'viewTypes', '^(\\./|(\\.\\./)+methods/)viewTypes$'),
    ],
  },
  {
    name: 'layers/methods/runTypes.ts',
    files: ['src/methods/runTypes.ts'],
    patterns: [
      react(RUN_TYPES), d3(RUN_TYPES), zustand(RUN_TYPES),
      ...dirs(RUN_TYPES, 1, ['ui', 'viz', 'state', 'worker']),
      typesOnly(RUN_TYPES, 'viewTypes', '^(\\./|(\\.\\./)+methods/)viewTypes$'),
      ...anyMethodFolder.map((regex) => no(RUN_TYPES, 'method folder', regex)),
    ],
  },
  {
    name: 'layers/methods/viewTypes.ts',
    files: ['src/methods/viewTypes.ts'],
    patterns: [
      tfjs(VIEW_TYPES),
      dir(VIEW_TYPES, 1, 'engine'),
      no(VIEW_TYPES, 'worker/ (only worker/protocol)', `${up(1)}worker(/(?!protocol$)|$)`),
      no(VIEW_TYPES, 'ui/ (only ui/common)', `${up(1)}ui(/(?!common(/|$))|$)`),
      typesOnly(VIEW_TYPES, 'runTypes', '^(\\./|(\\.\\./)+methods/)runTypes$'),
      ...anyMethodFolder.map((regex) => no(VIEW_TYPES, 'method folder', regex)),
    ],
  },
  {
    name: 'layers/ui',
    files: ['src/ui/**'],
    ignores: UI_SCREENS.map((screen) => `src/ui/${screen}/**`),
    patterns: uiPatterns,
  },
  ...UI_SCREENS.map(uiScreen),
  {
    name: 'layers/viz',
    files: ['src/viz/**'],
    patterns: [
      tfjs(VIZ), dir(VIZ, 1, 'engine'), workerInternals(VIZ, 1), methodInternals(VIZ, 1),
      ...dirs(VIZ, 1, ['ui', 'state']),
    ],
  },
  {
    name: 'layers/state',
    files: ['src/state/**'],
    patterns: [tfjs(STATE), dir(STATE, 1, 'engine'), workerInternals(STATE, 1), methodInternals(STATE, 1)],
  },
  { name: 'layers/worker', files: ['src/worker/**'], patterns: nodeTool(WORKER) },
  { name: 'layers/cli', files: ['src/cli/**'], patterns: [...nodeTool(CLI), dir(CLI, 1, 'worker')] },
  { name: 'layers/bench', files: ['src/bench/**'], patterns: [...nodeTool(BENCH), dir(BENCH, 1, 'worker')] },
];

const layerBlocks = () =>
  LAYERS.map(({ patterns, ...block }) => ({ ...block, rules: { 'no-restricted-imports': ['error', { patterns }] } }));

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'public', 'playwright-report', 'test-results', 'bench/results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node, ...globals.worker },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  ...layerBlocks(),
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
