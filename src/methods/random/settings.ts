/** Random search's one settings declaration: URL keys (prefix `r`), CLI flags, ranges, hints, presets. */
import { bool, choice, num } from '../../core/settings/fields';
import type { SettingsGroup } from '../../core/settings/group';
import { OP_FAMILY_NAMES } from '../../core/space/singlePath';
import { RANDOM_PRESETS, type RandomConfig } from './config';
import { FIELD_HINTS as H } from './hints';

/** Problems between fields that per-field ranges cannot see. */
export function crossCheck(c: RandomConfig): string[] {
  const out: string[] = [];
  if (!(c.windowLo < c.windowHi)) out.push(`the window's lower edge (${c.windowLo}) must be below its upper edge (${c.windowHi})`);
  if (c.trainLimit > 0 && c.trainLimit < c.batchSize) out.push(`the training subset (${c.trainLimit} images) is smaller than one batch (${c.batchSize})`);
  return out;
}

export const randomSettings: SettingsGroup<RandomConfig> = {
  id: 'random',
  label: 'Random search',
  presets: RANDOM_PRESETS,
  presetUrl: 'rpreset',
  presetCli: 'preset',
  presetKey: 'preset',
  fields: [
    num({ key: 'samples', label: 'Architectures to sample', hint: H.samples, url: 'rn', cli: 'samples', min: 1, max: 200, integer: true }),
    num({ key: 'steps', label: 'Training steps each', hint: H.steps, url: 'rsteps', cli: 'steps', min: 1, max: 5000, integer: true }),
    num({ key: 'finalEpochs', label: 'Final retraining epochs', hint: H.finalEpochs, url: 'rfinal', cli: 'final-epochs', min: 1, max: 50, integer: true }),
    choice({ key: 'objective', label: 'Window limits', hint: H.objective, url: 'robj', cli: 'objective', values: ['macs', 'latency'] }),
    num({ key: 'windowLo', label: 'Window from (0–1)', hint: H.windowLo, url: 'rwlo', cli: 'window-lo', min: 0, max: 0.95, step: '0.05' }),
    num({ key: 'windowHi', label: 'Window to (0–1)', hint: H.windowHi, url: 'rwhi', cli: 'window-hi', min: 0.05, max: 1, step: '0.05' }),
    choice({ key: 'ops', label: 'Candidate ops', hint: H.ops, url: 'rops', cli: 'ops', values: OP_FAMILY_NAMES }),
    num({ key: 'trainLimit', label: 'Training images (0 = all)', hint: H.trainLimit, url: 'rlimit', cli: 'train-limit', min: 0, max: 1_000_000, integer: true }),
    num({ key: 'lr', label: 'Learning rate', hint: H.lr, url: 'rlr', cli: 'lr', min: 1e-4, max: 1, step: 'any' }),
    num({ key: 'batchSize', label: 'Batch size', hint: H.batchSize, url: 'rbatch', cli: 'batch', min: 8, max: 512, integer: true, advanced: true }),
    num({ key: 'seed', label: 'Seed', hint: H.seed, url: 'rseed', cli: 'seed', min: 0, max: 2 ** 31 - 1, integer: true }),
    num({ key: 'width', label: 'Width multiplier', hint: H.width, url: 'rwidth', cli: 'width', min: 0.25, max: 2, step: '0.25', advanced: true }),
    bool({ key: 'tiny', label: 'Tiny skeleton (stem stride 2)', hint: H.tiny, url: 'rtiny', cli: 'tiny', advanced: true }),
    bool({ key: 'bnRecal', label: 'Re-estimate BN before scoring', hint: H.bnRecal, url: 'rbn', cli: 'bn-recal', advanced: true }),
  ],
  crossCheck,
};
