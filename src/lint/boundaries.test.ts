/**
 * The layer rules of eslint.config.js (ARCHITECTURE.md), checked on small virtual files: each "breaks" fixture breaks
 * exactly one rule and must get exactly that one message; each "passes" fixture must lint clean.
 *
 * The fixtures are strings linted with `lintText` under virtual paths (src/...), so the path globs of the real config
 * apply while nothing is written to disk: `npm run lint` and `tsc` never see them. Type-aware rules are switched off
 * for these virtual files (they are not in the TS project); every other rule of the real config stays on.
 * Method and screen ids are read from src/methods and src/ui like the config does, so the fixtures follow the tree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const subdirs = (rel: string): string[] => {
  const dir = path.join(ROOT, 'src', rel);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
};
const METHODS = subdirs('methods');
const SCREENS = subdirs('ui').filter((d) => !['common', 'shell', 'styles'].includes(d));
/** Two method ids and two screen ids (the cross-folder fixtures are left out while a folder has fewer than two). */
const [A, B] = [METHODS[0] ?? 'alpha', METHODS[1] ?? 'beta'];
const [S, T] = [SCREENS[0] ?? 'first', SCREENS[1] ?? 'second'];
const when = <X>(ok: boolean, items: X[]): X[] => (ok ? items : []);

const WHY = '(ARCHITECTURE.md)';
const PURE = "a method's pure part (methods/<id>/ outside run/ and view/) is pure";
const RUN = "a method's run/ is its tfjs part";
const VIEW = "a method's view/ is its React part";
const ROOT_PURE = 'methods/registry and methods/descriptor are pure';
const RUN_TYPES = 'methods/runTypes is run-side';
const VIEW_TYPES = 'methods/viewTypes is view-side';
const no = (layer: string, what: string) => `${layer}: no ${what} imports ${WHY}`;
const typesOnly = (layer: string, file: string) => `${layer}: only \`import type\` from methods/${file} ${WHY}`;
const staticPart = (layer: string, part: string) =>
  `${layer}: no static ${part}/ imports (load it lazily: import('./${part}/index')) ${WHY}`;
const otherMethod = (id: string, other: string) =>
  `no method imports another: methods/${id} may not import methods/${other} ${WHY}`;
const WORKER_INTERNALS = 'worker/ internals (only worker/protocol and worker/client)';
const METHOD_INTERNALS = 'methods/ internals (only methods/registry, methods/descriptor, methods/viewTypes)';

/** A value import whose binding is used (so no other rule fires). */
const valueImport = (source: string) => `import { x } from '${source}';\nexport const y = x;\n`;
const typeImport = (source: string, name = 'X') =>
  `import type { ${name} } from '${source}';\nexport type ${name}2 = ${name};\n`;

interface Breaks {
  file: string;
  source: string;
  code: string;
  message: string;
}
/** `file` importing `source` breaks exactly the rule whose message is `message`. */
const breaks = (file: string, source: string, message: string): Breaks => ({
  file,
  source,
  code: valueImport(source),
  message,
});
/** Same with `import type` (for rules that type-only imports do not escape). */
const breaksType = (file: string, source: string, message: string): Breaks => ({
  file,
  source,
  code: typeImport(source),
  message,
});
const REGISTRY = (id: string) =>
  `no method imports another: methods/${id} may not import methods/registry (it imports every method) ${WHY}`;
const SCREEN = (screen: string, other: string) =>
  `ui screens are independent (share code through ui/common, ui/shell): ui/${screen} may not import ui/${other} ${WHY}`;
const UI = 'ui is the React layer';
const VIZ = 'viz is charts only (below ui and state)';

const methodBreaks = (id: string, other = METHODS.find((m) => m !== id)): Breaks[] => [
  // pure part
  breaks(`src/methods/${id}/index.ts`, '@tensorflow/tfjs', no(PURE, 'tfjs (@tensorflow/*)')),
  breaks(`src/methods/${id}/settings.ts`, 'react', no(PURE, 'react')),
  breaks(`src/methods/${id}/hints.ts`, 'd3', no(PURE, 'd3')),
  breaks(`src/methods/${id}/snapshot.ts`, 'zustand', no(PURE, 'zustand')),
  breaks(`src/methods/${id}/index.ts`, '../../engine/network', no(PURE, 'engine/')),
  breaks(`src/methods/${id}/index.ts`, '../../ui/common/Hint', no(PURE, 'ui/')),
  breaks(`src/methods/${id}/index.ts`, '../../viz/lineChart', no(PURE, 'viz/')),
  breaks(`src/methods/${id}/index.ts`, '../../state/store', no(PURE, 'state/')),
  breaks(`src/methods/${id}/index.ts`, '../../worker/protocol', no(PURE, 'worker/')),
  breaks(`src/methods/${id}/index.ts`, './run/index', staticPart(PURE, 'run')),
  breaksType(`src/methods/${id}/index.ts`, './run/index', staticPart(PURE, 'run')),
  breaks(`src/methods/${id}/index.ts`, './view', staticPart(PURE, 'view')),
  breaks(`src/methods/${id}/sub/deep.ts`, '../view/index', staticPart(PURE, 'view')),
  breaks(`src/methods/${id}/index.ts`, '../viewTypes', typesOnly(PURE, 'viewTypes')),
  breaks(`src/methods/${id}/index.ts`, '../runTypes', typesOnly(PURE, 'runTypes')),
  ...(other === undefined
    ? []
    : [
        breaks(`src/methods/${id}/index.ts`, `../${other}/index`, otherMethod(id, other)),
        breaksType(`src/methods/${id}/index.ts`, `../${other}/snapshot`, otherMethod(id, other)),
      ]),
  breaks(`src/methods/${id}/index.ts`, '../registry', REGISTRY(id)),
  // run/
  breaks(`src/methods/${id}/run/index.ts`, 'react', no(RUN, 'react')),
  breaks(`src/methods/${id}/run/index.ts`, 'd3-scale', no(RUN, 'd3')),
  breaks(`src/methods/${id}/run/index.ts`, 'zustand', no(RUN, 'zustand')),
  breaks(`src/methods/${id}/run/index.ts`, '../../../ui/common/format', no(RUN, 'ui/')),
  breaks(`src/methods/${id}/run/index.ts`, '../../../viz/lineChart', no(RUN, 'viz/')),
  breaks(`src/methods/${id}/run/index.ts`, '../../../state/store', no(RUN, 'state/')),
  breaks(`src/methods/${id}/run/index.ts`, '../../../worker/protocol', no(RUN, 'worker/')),
  breaks(`src/methods/${id}/run/index.ts`, '../view/index', no(RUN, 'view/ (its own React part)')),
  breaks(`src/methods/${id}/run/index.ts`, '../../viewTypes', typesOnly(RUN, 'viewTypes')),
  ...(other === undefined
    ? []
    : [
        breaks(`src/methods/${id}/run/search.ts`, `../../${other}/run/index`, otherMethod(id, other)),
      ]),
  // view/
  breaks(`src/methods/${id}/view/index.ts`, '@tensorflow/tfjs', no(VIEW, 'tfjs (@tensorflow/*)')),
  breaks(`src/methods/${id}/view/Live.tsx`, '../../../engine/network', no(VIEW, 'engine/')),
  breaks(`src/methods/${id}/view/Live.tsx`, '../../../worker/client', no(VIEW, 'worker/ (only worker/protocol)')),
  breaks(`src/methods/${id}/view/Live.tsx`, '../../../ui/shell/Header', no(VIEW, 'ui/ (only ui/common)')),
  breaks(`src/methods/${id}/view/Live.tsx`, '../run/index', no(VIEW, 'run/ (its own tfjs part)')),
  breaks(`src/methods/${id}/view/Live.tsx`, '../../runTypes', typesOnly(VIEW, 'runTypes')),
  ...(other === undefined
    ? []
    : [
        breaks(`src/methods/${id}/view/Live.tsx`, `../../${other}/view/Live`, otherMethod(id, other)),
      ]),
];

const BREAKS: Breaks[] = [
  // core, data
  breaks('src/core/costs.ts', '@tensorflow/tfjs', no('core is pure', 'tfjs (@tensorflow/*)')),
  breaks('src/core/costs.ts', '../engine/network', no('core is pure', 'engine/')),
  breaks('src/core/latency/plan.ts', '../../methods/registry', no('core is pure', 'methods/')),
  breaks('src/core/rng.test.ts', 'react-dom/client', no('core is pure', 'react')),
  breaks('src/data/dataset.ts', 'zustand', no('data is pure', 'zustand')),
  breaks('src/data/dataset.ts', '../worker/protocol', no('data is pure', 'worker/')),
  breaks('src/data/dataset.ts', 'd3', no('data is pure', 'd3')),
  // engine
  breaks('src/engine/network.ts', 'react', no('engine is the tfjs layer', 'react')),
  breaks('src/engine/network.ts', '../methods/registry', no('engine is the tfjs layer', 'methods/')),
  breaks('src/engine/latency/t.ts', '../../state/store', no('engine is the tfjs layer', 'state/')),
  // methods
  ...METHODS.flatMap((id) => methodBreaks(id)),
  // methods/*.ts
  breaks('src/methods/registry.ts', '@tensorflow/tfjs', no(ROOT_PURE, 'tfjs (@tensorflow/*)')),
  breaks('src/methods/descriptor.ts', 'react', no(ROOT_PURE, 'react')),
  breaksType('src/methods/descriptor.ts', '../engine/network', no(ROOT_PURE, 'engine/')),
  breaks('src/methods/registry.ts', `./${A}/run/index`, staticPart(ROOT_PURE, 'run')),
  breaks('src/methods/registry.ts', `./${B}/view`, staticPart(ROOT_PURE, 'view')),
  breaks('src/methods/descriptor.ts', './viewTypes', typesOnly(ROOT_PURE, 'viewTypes')),
  breaks('src/methods/descriptor.ts', './runTypes', typesOnly(ROOT_PURE, 'runTypes')),
  breaks('src/methods/runTypes.ts', 'react', no(RUN_TYPES, 'react')),
  breaks('src/methods/runTypes.ts', '../state/store', no(RUN_TYPES, 'state/')),
  breaks('src/methods/runTypes.ts', './viewTypes', typesOnly(RUN_TYPES, 'viewTypes')),
  breaksType('src/methods/runTypes.ts', `./${A}/snapshot`, no(RUN_TYPES, 'method folder')),
  breaksType('src/methods/viewTypes.ts', '@tensorflow/tfjs', no(VIEW_TYPES, 'tfjs (@tensorflow/*)')),
  breaksType('src/methods/viewTypes.ts', '../engine/network', no(VIEW_TYPES, 'engine/')),
  breaks('src/methods/viewTypes.ts', './runTypes', typesOnly(VIEW_TYPES, 'runTypes')),
  breaksType('src/methods/viewTypes.ts', `./${A}/index`, no(VIEW_TYPES, 'method folder')),
  breaksType('src/methods/viewTypes.ts', '../worker/client', no(VIEW_TYPES, 'worker/ (only worker/protocol)')),
  // ui, screens, viz, state
  breaks('src/ui/App.tsx', '@tensorflow/tfjs', no(UI, 'tfjs (@tensorflow/*)')),
  breaks('src/ui/App.tsx', '../engine/backend', no(UI, 'engine/')),
  breaks('src/ui/screens.ts', '../worker/runLoop', no(UI, WORKER_INTERNALS)),
  breaks('src/ui/common/Hint.tsx', `../../methods/${A}`, no(UI, METHOD_INTERNALS)),
  breaks('src/ui/shell/Header.tsx', `../../methods/${A}/view/index`, no(UI, METHOD_INTERNALS)),
  breaks('src/ui/shell/Header.tsx', '../../methods/runTypes', no(UI, METHOD_INTERNALS)),
  breaks(`src/ui/${S}/Screen.tsx`, '../../worker/worker?worker', no(UI, WORKER_INTERNALS)),
  ...when(SCREENS.length > 1, [
    breaks(`src/ui/${S}/Screen.tsx`, `../${T}/Panel`, SCREEN(S, T)),
    breaks(`src/ui/${T}/parts/Panel.tsx`, `../../${S}/Screen`, SCREEN(T, S)),
  ]),
  ...SCREENS.map((screen) => breaks(`src/ui/${screen}/x.test.tsx`, '../../engine/network', no(UI, 'engine/'))),
  breaks('src/viz/lineChart.ts', '../ui/common/format', no(VIZ, 'ui/')),
  breaks('src/viz/padnas/c.ts', '../../state/store', no(VIZ, 'state/')),
  breaks('src/viz/SvgChart.tsx', '@tensorflow/tfjs', no(VIZ, 'tfjs (@tensorflow/*)')),
  breaks('src/state/store.ts', '../engine/network', no('state is UI state', 'engine/')),
  breaks('src/state/store.ts', '../worker/context', no('state is UI state', WORKER_INTERNALS)),
  breaks('src/state/store.ts', `../methods/${B}/run`, no('state is UI state', METHOD_INTERNALS)),
  // worker, cli, bench
  breaks('src/worker/worker.ts', 'react', no('worker has no UI', 'react')),
  breaks('src/worker/handlers/train.ts', '../../state/store', no('worker has no UI', 'state/')),
  breaks('src/worker/runLoop.ts', '../viz/lineChart', no('worker has no UI', 'viz/')),
  breaks('src/cli/main.ts', 'd3', no('cli is a Node tool', 'd3')),
  breaks('src/cli/main.ts', '../ui/common/format', no('cli is a Node tool', 'ui/')),
  breaks('src/cli/search.test.ts', '../worker/runLoop', no('cli is a Node tool', 'worker/')),
  breaks('src/bench/page.ts', '../worker/client', no('src/bench is a Node tool', 'worker/')),
  breaks('src/bench/page.ts', 'zustand', no('src/bench is a Node tool', 'zustand')),
];

/** A file importing every source ('type ./x': `import type`) plus `extra` code; it must lint clean. */
const passes = (file: string, sources: string[], extra = '') => ({
  file,
  code:
    sources
      .map((source, i) =>
        source.startsWith('type ')
          ? `import type { T${i} } from '${source.slice(5)}';\nexport type U${i} = T${i};\n`
          : `import { x${i} } from '${source}';\nexport const y${i} = x${i};\n`,
      )
      .join('') + extra,
});
const LAZY_PARTS =
  "export const loadRun = () => import('./run/index');\nexport const loadView = () => import('./view');\n";

const PASSES = [
  // The descriptor: pure imports, types of the part interfaces, and lazy loaders of its parts.
  passes(
    `src/methods/${A}/index.ts`,
    ['zod', '../../core/rng', '../../data/dataset', './settings', './state', '../descriptor'],
    LAZY_PARTS,
  ),
  passes(`src/methods/${A}/index.ts`, ['type ../viewTypes', 'type ../runTypes', 'type ../../methods/viewTypes']),
  passes(`src/methods/${A}/sub/deep.ts`, ['../settings', '../../../core/rng']),
  passes(`src/methods/${A}/run/index.ts`, [
    '@tensorflow/tfjs',
    '../../../engine/network',
    '../../../core/costs',
    '../../../data/split',
    '../settings',
    '../state', // the method's own state.ts, not src/state
    '../../runTypes',
    '../../descriptor',
    './step',
  ]),
  passes(`src/methods/${A}/view/Live.tsx`, [
    'react',
    'd3',
    'zustand',
    '../../../ui/common/Hint',
    '../../../viz/lineChart',
    '../../../state/store',
    '../../../worker/protocol',
    '../../viewTypes',
    'type ../../runTypes',
    '../settings',
    './Chart',
  ]),
  passes(
    'src/methods/registry.ts',
    [...METHODS.map((m) => `./${m}/index`), ...METHODS.map((m) => `./${m}`), './descriptor', '../core/rng'],
    `export const lazy = () => import('./${A}/run/index');\n`,
  ),
  passes('src/methods/descriptor.ts', ['type ./viewTypes', 'type ./runTypes', 'type ../core/settings/group']),
  passes('src/methods/runTypes.ts', ['@tensorflow/tfjs', '../engine/network', '../core/archspec', 'type ./viewTypes']),
  passes('src/methods/viewTypes.ts', ['react', '../state/methodRuns', '../worker/protocol', 'type ./runTypes']),
  passes('src/ui/App.tsx', [
    'react',
    'd3',
    '../methods/registry',
    '../methods/descriptor',
    '../methods/viewTypes',
    '../worker/client',
    '../worker/protocol',
    '../state/store',
    '../viz/lineChart',
    './common/Hint',
    `./${S}/Screen`,
    `./${T}/Screen`,
  ]),
  passes(`src/ui/${S}/Screen.tsx`, ['../common/Hint', '../shell/Header', './Panel', '../../methods/registry']),
  passes('src/viz/SvgChart.tsx', ['react', 'd3', '../core/rng', '../worker/protocol', './lineChart']),
  passes('src/state/store.ts', ['zustand', '../worker/client', '../methods/registry', '../core/rng']),
  passes('src/worker/worker.ts', ['@tensorflow/tfjs', '../engine/network', `../methods/${A}/run/index`, './protocol']),
  passes('src/cli/main.ts', ['node:fs', '@tensorflow/tfjs', `../methods/${A}/run/index`, '../methods/registry']),
  passes('src/engine/network.ts', ['@tensorflow/tfjs', '../core/archspec', '../data/dataset', './testing']),
  passes('src/core/costs.ts', ['zod', './archspec', '../data/dataset']),
];

describe('layer rules (eslint.config.js no-restricted-imports)', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({
      cwd: ROOT,
      // The virtual files are not in the TS project: keep every rule but the type-aware ones.
      overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
    });
  });
  const lint = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message, fatal: m.fatal ?? false }));
  };

  it('the tree has the folders the fixtures are generated from', () => {
    expect(METHODS.length).toBeGreaterThan(0);
    expect(SCREENS.length).toBeGreaterThan(0);
  });

  it.each(BREAKS.map((b) => [`${b.file} ← ${b.source}`, b] as const))('breaks: %s', async (_, b) => {
    const messages = await lint(b.file, b.code);
    expect(messages).toEqual([
      {
        ruleId: 'no-restricted-imports',
        message: `'${b.source}' import is restricted from being used by a pattern. ${b.message}`,
        fatal: false,
      },
    ]);
  });

  it.each(PASSES.map((p) => [p.file, p] as const))('passes: %s', async (_, p) => {
    expect(await lint(p.file, p.code)).toEqual([]);
  });

  it('does not check dynamic import() (how a descriptor loads run/ and view/)', async () => {
    expect(await lint(`src/methods/${A}/index.ts`, LAZY_PARTS)).toEqual([]);
    const registry = `export const load = () => import('./${A}/view/index');\n`;
    expect(await lint('src/methods/registry.ts', registry)).toEqual([]);
    // The same path as a static import is refused: the fixture above passes because it is dynamic.
    expect(await lint(`src/methods/${A}/index.ts`, "import './run/index';\n")).toHaveLength(1);
  });

  it('each layer file gets one complete pattern list (later entries replace earlier ones)', async () => {
    const patterns = async (file: string) => {
      const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as {
        rules: Record<string, [unknown, { patterns: { message: string }[] }]>;
      };
      return config.rules['no-restricted-imports'][1].patterns.map((p) => p.message);
    };
    const pure = await patterns(`src/methods/${A}/hints.ts`);
    expect(pure).toContain(no(PURE, 'engine/'));
    expect(pure).toContain(staticPart(PURE, 'run'));
    for (const other of METHODS.filter((m) => m !== A)) expect(pure).toContain(otherMethod(A, other));
    const run = await patterns(`src/methods/${A}/run/x.ts`);
    expect(run).toContain(no(RUN, 'react'));
    expect(run).not.toContain(no(PURE, 'engine/'));
    for (const other of METHODS.filter((m) => m !== A)) expect(run).toContain(otherMethod(A, other));
    const screen = await patterns(`src/ui/${S}/x.tsx`);
    expect(screen).toContain(no(UI, 'engine/'));
  });
});
