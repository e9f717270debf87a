/**
 * PAD-NAS's one settings declaration: URL keys (prefix `p`, unchanged since the first PAD-NAS links), CLI flags, one
 * range per setting, the "?" texts and the presets. The form, the link and `cli search --method padnas` read it.
 */
import { bool, choice, num } from '../../core/settings/fields';
import type { SettingsGroup } from '../../core/settings/group';
import { OP_FAMILY_NAMES } from '../../core/space/singlePath';
import { spaceSlotsProblem } from '../../core/space/spaceFile';
import { PADNAS_PRESETS, type PadNasSettings } from './config';
import { FIELD_HINTS as H } from './hints';

/** What Start refuses that per-field ranges cannot see, in plain words. */
export function crossCheck(c: PadNasSettings): string[] {
  const out: string[] = [];
  if (!(c.windowLo < c.windowHi)) {
    out.push(`the latency window is empty: its lower edge (${c.windowLo}) must be below its upper edge (${c.windowHi})`);
  }
  if (c.trainLimit > 0 && c.trainLimit < c.batchSize) {
    out.push(`the training subset (${c.trainLimit} images) is smaller than one batch (${c.batchSize})`);
  }
  // A given space (not a field: it passes the field check unchecked) must fit the skeleton of this width.
  if (c.space !== undefined) {
    const why = spaceSlotsProblem(c.space, c.width);
    if (why) out.push(`the given search space cannot be used: ${why}`);
  }
  return out;
}

/**
 * Links of schema version 1 left out values equal to that version's URL defaults, which were the tiny preset's values
 * whatever `ppreset` said (a v1 `ppreset=default` link without `pst` meant M = 3).
 */
function legacyDefaults(): Partial<PadNasSettings> {
  const t = PADNAS_PRESETS.tiny;
  return {
    ops: t.ops,
    stages: t.stages,
    population: t.population,
    generations: t.generations,
    rankK: t.rankK,
    shareThreshold: t.shareThreshold,
    windowLo: t.windowLo,
    windowHi: t.windowHi,
    bnRecal: t.bnRecal,
    seed: t.seed,
    supernetEpochs: t.supernetEpochs,
    finetuneEpochs: t.finetuneEpochs,
    rankArchs: t.rankArchs,
    rankSteps: t.rankSteps,
    finalEpochs: t.finalEpochs,
    trainLimit: t.trainLimit,
    lr: t.lr,
  };
}

export const padnasSettings: SettingsGroup<PadNasSettings> = {
  id: 'padnas',
  label: 'PAD-NAS',
  presets: PADNAS_PRESETS,
  presetUrl: 'ppreset',
  presetCli: 'preset',
  presetKey: 'preset',
  legacyDefaults,
  crossCheck,
  fields: [
    choice({ key: 'ops', label: 'Candidate ops', hint: H.ops, url: 'pops', cli: 'ops', values: OP_FAMILY_NAMES }),
    num({ key: 'stages', label: 'Stages M', hint: H.stages, url: 'pst', cli: 'stages', min: 3, max: 6, integer: true }),
    num({ key: 'population', label: 'Population', hint: H.population, url: 'ppop', cli: 'population', min: 4, max: 64, integer: true }),
    num({ key: 'generations', label: 'Generations per search', hint: H.generations, url: 'pgen', cli: 'generations', min: 0, max: 40, integer: true }),
    num({ key: 'rankK', label: 'Voters: rank < k', hint: H.rankK, url: 'pk', cli: 'rank-k', min: 1, max: 20, integer: true }),
    num({ key: 'shareThreshold', label: 'Prune at share ≤ (fraction)', hint: H.shareThreshold, url: 'pshare', cli: 'share', min: 0, max: 0.5, step: '0.01' }),
    num({ key: 'windowLo', label: 'Window from (0–1)', hint: H.window, url: 'pwlo', cli: 'window-lo', min: 0, max: 0.95, step: '0.05' }),
    num({ key: 'windowHi', label: 'Window to (0–1)', hint: H.window, url: 'pwhi', cli: 'window-hi', min: 0.05, max: 1, step: '0.05' }),
    bool({ key: 'bnRecal', label: 'Re-estimate BN per candidate', hint: H.bnRecal, url: 'pbn', cli: 'bn-recal' }),
    num({ key: 'seed', label: 'Seed', hint: H.seed, url: 'pseed', cli: 'seed', min: 0, max: 2 ** 31 - 1, integer: true }),
    num({ key: 'supernetEpochs', label: 'Supernet epochs (stage 1)', hint: H.supernetEpochs, url: 'psep', cli: 'epochs', min: 1, max: 50, integer: true, advanced: true }),
    num({ key: 'finetuneEpochs', label: 'Fine-tune epochs per prune', hint: H.finetuneEpochs, url: 'pfep', cli: 'finetune-epochs', min: 0, max: 20, integer: true, advanced: true }),
    num({ key: 'rankArchs', label: 'Ranking architectures', hint: H.rankArchs, url: 'prank', cli: 'rank-archs', min: 2, max: 16, integer: true, advanced: true }),
    num({ key: 'rankSteps', label: 'Stand-alone steps each', hint: H.rankSteps, url: 'prsteps', cli: 'rank-steps', min: 1, max: 500, integer: true, advanced: true }),
    num({ key: 'finalEpochs', label: 'Final training epochs', hint: H.finalEpochs, url: 'pfinal', cli: 'final-epochs', min: 1, max: 50, integer: true, advanced: true }),
    bool({ key: 'trainBaseline', label: 'Train the baseline too', hint: H.trainBaseline, url: 'pbase', cli: 'baseline', advanced: true }),
    num({ key: 'trainLimit', label: 'Training images (0 = all)', hint: H.trainLimit, url: 'plimit', cli: 'train-limit', min: 0, max: 1_000_000, integer: true, advanced: true }),
    num({ key: 'lr', label: 'Learning rate', hint: H.lr, url: 'plr', cli: 'lr', min: 1e-4, max: 1, step: 'any', advanced: true }),
    num({ key: 'batchSize', label: 'Batch size', hint: H.batchSize, url: 'pbatch', cli: 'batch', min: 8, max: 512, integer: true, advanced: true }),
  ],
};
