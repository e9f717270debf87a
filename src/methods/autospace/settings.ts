/** The AutoSpace-style search's one settings declaration: URL keys (prefix `as`), CLI flags, ranges, hints, presets. */
import { bool, choice, num } from '../../core/settings/fields';
import type { SettingsGroup } from '../../core/settings/group';
import { AUTOSPACE_PRESETS, type AutoSpaceConfig } from './config';
import { FIELD_HINTS as H } from './hints';

/** Problems between fields that per-field ranges cannot see. */
export function crossCheck(c: AutoSpaceConfig): string[] {
  const out: string[] = [];
  if (c.k >= c.population) out.push(`K (${c.k}) must be smaller than the population (${c.population}): there would be nothing to choose`);
  if (c.mutations > c.population - c.k) out.push(`${c.mutations} mutations per round would replace more than the ${c.population - c.k} cells outside the K fittest`);
  if (c.trainLimit > 0 && c.trainLimit < c.batchSize) out.push(`the training subset (${c.trainLimit} images) is smaller than one batch (${c.batchSize})`);
  return out;
}

const payoffOn = (c: Record<string, unknown>) => c.payoff === true;

export const autospaceSettings: SettingsGroup<AutoSpaceConfig> = {
  id: 'autospace',
  label: 'AutoSpace-style',
  presets: AUTOSPACE_PRESETS,
  presetUrl: 'aspreset',
  presetCli: 'preset',
  presetKey: 'preset',
  fields: [
    num({ key: 'population', label: 'Cells per layer', hint: H.population, url: 'aspop', cli: 'population', min: 3, max: 32, integer: true }),
    num({ key: 'k', label: 'K (cells mixed per layer)', hint: H.k, url: 'ask', cli: 'k', min: 1, max: 8, integer: true }),
    num({ key: 'iterations', label: 'Evolution rounds', hint: H.iterations, url: 'asiter', cli: 'iterations', min: 1, max: 100, integer: true }),
    num({ key: 'stepsPerIteration', label: 'Steps per round', hint: H.stepsPerIteration, url: 'assteps', cli: 'steps-per-iteration', min: 1, max: 5000, integer: true }),
    num({ key: 'mutations', label: 'New cells per round', hint: H.mutations, url: 'asmut', cli: 'mutations', min: 0, max: 16, integer: true }),
    choice({ key: 'objective', label: 'Budget prices', hint: H.objective, url: 'asobj', cli: 'objective', values: ['macs', 'latency'] }),
    num({ key: 'budgetScale', label: 'Budget (× reference)', hint: H.budgetScale, url: 'asbudget', cli: 'budget-scale', min: 0.2, max: 5, step: '0.05' }),
    num({ key: 'mu', label: 'Budget strength μ', hint: H.mu, url: 'asmu', cli: 'mu', min: 0, max: 100, step: 'any' }),
    bool({ key: 'payoff', label: 'Payoff: learned vs hand space', hint: H.payoff, url: 'aspayoff', cli: 'payoff' }),
    choice({ key: 'payoffPreset', label: 'Payoff PAD-NAS preset', hint: H.payoffPreset, url: 'aspnpreset', cli: 'payoff-preset', values: ['tiny', 'default'], enabledWhen: payoffOn }),
    num({ key: 'standaloneSteps', label: 'Payoff stand-alone steps', hint: H.standaloneSteps, url: 'asstand', cli: 'standalone-steps', min: 1, max: 20000, integer: true, enabledWhen: payoffOn }),
    num({ key: 'frontMax', label: 'Payoff networks per front', hint: H.frontMax, url: 'asfront', cli: 'front-max', min: 1, max: 20, integer: true, enabledWhen: payoffOn }),
    num({ key: 'finalEpochs', label: 'Final retraining epochs', hint: H.finalEpochs, url: 'asfinal', cli: 'final-epochs', min: 1, max: 50, integer: true }),
    num({ key: 'trainLimit', label: 'Training images (0 = all)', hint: H.trainLimit, url: 'aslimit', cli: 'train-limit', min: 0, max: 1_000_000, integer: true }),
    num({ key: 'lr', label: 'Learning rate', hint: H.lr, url: 'aslr', cli: 'lr', min: 1e-4, max: 1, step: 'any' }),
    num({ key: 'seed', label: 'Seed', hint: H.seed, url: 'asseed', cli: 'seed', min: 0, max: 2 ** 31 - 1, integer: true }),
    num({ key: 'alphaLrScale', label: 'α learning-rate multiplier', hint: H.alphaLrScale, url: 'asalr', cli: 'alpha-lr-scale', min: 0.1, max: 100, step: 'any', advanced: true }),
    num({ key: 'fitnessEma', label: 'Fitness update weight', hint: H.fitnessEma, url: 'asema', cli: 'fitness-ema', min: 0.01, max: 1, step: '0.05', advanced: true }),
    num({ key: 'batchSize', label: 'Batch size', hint: H.batchSize, url: 'asbatch', cli: 'batch', min: 8, max: 512, integer: true, advanced: true }),
    num({ key: 'width', label: 'Width multiplier', hint: H.width, url: 'aswidth', cli: 'width', min: 0.25, max: 2, step: '0.25', advanced: true }),
    bool({ key: 'tiny', label: 'Tiny skeleton (stem stride 2)', hint: H.tiny, url: 'astiny', cli: 'tiny', advanced: true }),
  ],
  crossCheck,
};
