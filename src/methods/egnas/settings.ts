/** Efficient Global NAS's one settings declaration: URL keys (prefix `g`), CLI flags, ranges, hints, presets. */
import { bool, num } from '../../core/settings/fields';
import type { SettingsGroup } from '../../core/settings/group';
import { matchWidth, plainGenome, type ChainTask } from './chain';
import { EGNAS_PRESETS, type EgnasConfig } from './config';
import { microFloor } from './search';
import { FIELD_HINTS as H } from './hints';

/** The task the settings check assumes (28×28 grey, 10 classes): parameter counts barely depend on it (stem, head). */
const NOMINAL: ChainTask = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10 };

/**
 * Whether the micro phase can match parameters at all: at L_min and C_max, a Conv in the last layer (the widest, so
 * the dearest swap) must fit P0·(1 + paramTol) with some width ≥ ⌈C_min / 2⌉ (the micro floor). Null when it can, else the smallest change
 * that cannot.
 */
export function unmatchedChange(c: Pick<EgnasConfig, 'Lmin' | 'Cmin' | 'Cmax' | 'paramTol'>, task: ChainTask = NOMINAL): string | null {
  const base = plainGenome(c.Lmin, c.Cmax);
  const P0 = ((): number => {
    const fit = matchWidth(task, base, c.Cmax, Number.POSITIVE_INFINITY, 1);
    return fit ? fit.params : 0;
  })();
  const budget = Math.floor(P0 * (1 + c.paramTol));
  const last = c.Lmin - 1;
  for (const [what, edit] of [
    ['a Conv in place of a SepConv', (g: typeof base) => (g.ops[last] = 'c')],
    ['a 5×5 kernel in place of a 3×3', (g: typeof base) => (g.kernels[last] = 5)],
  ] as const) {
    const g = plainGenome(c.Lmin, c.Cmax);
    edit(g);
    if (!matchWidth(task, g, c.Cmax, budget, microFloor(c))) return what;
  }
  return null;
}

/** Problems between fields that per-field ranges cannot see. */
export function crossCheck(c: EgnasConfig): string[] {
  const out: string[] = [];
  if (c.Lmin > c.Lmax) out.push(`the smallest depth L_min (${c.Lmin}) is above the largest L_max (${c.Lmax})`);
  if (c.Cmin > c.Cmax) out.push(`the smallest width C_min (${c.Cmin}) is above the largest C_max (${c.Cmax})`);
  if (c.Cmin <= c.Cmax && c.Cmin >= 1 && c.Lmin >= 1) {
    const what = unmatchedChange(c, { ...NOMINAL, stemStride: c.tinyStem ? 2 : 1 });
    if (what)
      out.push(
        `no width between ${microFloor(c)} (half of C_min ${c.Cmin}) and C_max (${c.Cmax}) fits ${what} into the parameter budget (+${(100 * c.paramTol).toFixed(1)}%): lower C_min or raise the parameter slack`,
      );
  }
  if (c.rankCandidates > 0 && c.rankFixedEpochs >= c.rankRefEpochs) out.push(`the demo's fixed budget (${c.rankFixedEpochs} epochs) is not shorter than its reference (${c.rankRefEpochs})`);
  if (c.rankCandidates > 1 && c.rankRefEpochs <= c.startEpochs + 1) out.push(`the demo's reference (${c.rankRefEpochs} epochs) leaves no architecture-aware budgets below it: raise it above ${c.startEpochs + 1}`);
  if (c.trainLimit > 0 && c.trainLimit < c.batchSize) out.push(`the training subset (${c.trainLimit} images) is smaller than one batch (${c.batchSize})`);
  return out;
}

export const egnasSettings: SettingsGroup<EgnasConfig> = {
  id: 'egnas',
  label: 'Efficient Global NAS',
  presets: EGNAS_PRESETS,
  presetUrl: 'gpreset',
  presetCli: 'preset',
  presetKey: 'preset',
  fields: [
    num({ key: 'Lmin', label: 'Smallest depth L_min', hint: H.Lmin, url: 'glmin', cli: 'l-min', min: 1, max: 30, integer: true }),
    num({ key: 'Lmax', label: 'Largest depth L_max', hint: H.Lmax, url: 'glmax', cli: 'l-max', min: 1, max: 30, integer: true }),
    num({ key: 'Cmin', label: 'Smallest width C_min', hint: H.Cmin, url: 'gcmin', cli: 'c-min', min: 1, max: 128, integer: true }),
    num({ key: 'Cmax', label: 'Largest width C_max', hint: H.Cmax, url: 'gcmax', cli: 'c-max', min: 1, max: 128, integer: true }),
    num({ key: 'startEpochs', label: 'Epochs of the first candidate', hint: H.startEpochs, url: 'ge0', cli: 'start-epochs', min: 1, max: 50, integer: true }),
    num({ key: 'addTol', label: 'Add tolerance (depth gain)', hint: H.addTol, url: 'gadd', cli: 'add-tol', min: 0, max: 0.2, step: 'any' }),
    num({ key: 'dropTol', label: 'Drop tolerance (no-drop band)', hint: H.dropTol, url: 'gdrop', cli: 'drop-tol', min: 0, max: 0.2, step: 'any' }),
    num({ key: 'microTol', label: 'Micro tolerance (keep a change)', hint: H.microTol, url: 'gmicro', cli: 'micro-tol', min: 0, max: 0.2, step: 'any' }),
    num({ key: 'paramTol', label: 'Parameter slack (micro phase)', hint: H.paramTol, url: 'gptol', cli: 'param-tol', min: 0, max: 1, step: 'any' }),
    num({ key: 'rankCandidates', label: 'Fair-ranking demo chains', hint: H.rankCandidates, url: 'grank', cli: 'rank-candidates', min: 0, max: 8, integer: true }),
    bool({ key: 'trainBaseline', label: 'Train the baseline too', hint: H.trainBaseline, url: 'gbase', cli: 'baseline' }),
    num({ key: 'trainLimit', label: 'Training images (0 = all)', hint: H.trainLimit, url: 'glimit', cli: 'train-limit', min: 0, max: 1_000_000, integer: true }),
    num({ key: 'lr', label: 'Learning rate', hint: H.lr, url: 'glr', cli: 'lr', min: 1e-4, max: 1, step: 'any' }),
    num({ key: 'seed', label: 'Seed', hint: H.seed, url: 'gseed', cli: 'seed', min: 0, max: 2 ** 31 - 1, integer: true }),
    num({ key: 'widthStep', label: 'Width step', hint: H.widthStep, url: 'gcstep', cli: 'width-step', min: 1, max: 32, integer: true, advanced: true }),
    num({ key: 'depthEpochStep', label: 'Epochs added per layer', hint: H.depthEpochStep, url: 'gdep', cli: 'depth-epochs', min: 0, max: 10, integer: true, advanced: true }),
    num({ key: 'widthEpochStep', label: 'Epochs added per width step', hint: H.widthEpochStep, url: 'gwep', cli: 'width-epochs', min: 0, max: 10, integer: true, advanced: true }),
    num({ key: 'microEpochs', label: 'Epochs per micro candidate', hint: H.microEpochs, url: 'gmep', cli: 'micro-epochs', min: 1, max: 50, integer: true, advanced: true }),
    num({ key: 'failLimit', label: 'Failures that end a phase', hint: H.failLimit, url: 'gfail', cli: 'fail-limit', min: 1, max: 10, integer: true, advanced: true }),
    num({ key: 'rankFixedEpochs', label: 'Demo: fixed budget (epochs)', hint: H.rankFixedEpochs, url: 'grfix', cli: 'rank-fixed', min: 1, max: 50, integer: true, advanced: true }),
    num({ key: 'rankRefEpochs', label: 'Demo: reference (epochs)', hint: H.rankRefEpochs, url: 'grref', cli: 'rank-ref', min: 1, max: 100, integer: true, advanced: true }),
    bool({ key: 'tinyStem', label: 'Tiny stem (stride 2)', hint: H.tinyStem, url: 'gtiny', cli: 'tiny-stem', advanced: true }),
    num({ key: 'batchSize', label: 'Batch size', hint: H.batchSize, url: 'gbatch', cli: 'batch', min: 8, max: 512, integer: true, advanced: true }),
  ],
  crossCheck,
};
