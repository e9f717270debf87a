/** Learning-rate schedules, evaluated per optimisation step. */

/** Schedule shape. */
export type ScheduleKind = 'constant' | 'cosine' | 'exponential';

/** Learning-rate schedule configuration. */
export interface ScheduleConfig {
  /** Peak learning rate (reached at the end of warm-up). */
  base: number;
  kind: ScheduleKind;
  /** Linear warm-up from base/warmupSteps to base over this many steps (default 0). */
  warmupSteps?: number;
  /** Exponential: multiply by decayRate every decaySteps steps (default 0.97). */
  decayRate?: number;
  /** Exponential: steps per decayRate factor (default: the post-warm-up span / 100, so the run ends at 0.97^100 ≈ 5 % of base). */
  decaySteps?: number;
  /** Floor for cosine and exponential (default 0). */
  minLr?: number;
}

function check(name: string, v: number, ok: boolean): void {
  if (!ok) throw new RangeError(`lrAt: ${name} is invalid: ${v}`);
}

/**
 * Learning rate at `step` (0-based) of a run of `totalSteps` steps.
 * Warm-up is linear, (step + 1)/warmupSteps · base, so step 0 already trains. After warm-up the decay runs over the
 * remaining steps: cosine from base to minLr, exponential base·decayRate^(t/decaySteps) (smooth, not staircase) floored
 * at minLr. Steps past the end are clamped to the last step.
 */
export function lrAt(step: number, totalSteps: number, cfg: ScheduleConfig): number {
  const { base, kind } = cfg;
  const warmup = cfg.warmupSteps ?? 0;
  const minLr = cfg.minLr ?? 0;
  check('base', base, Number.isFinite(base) && base >= 0);
  check('totalSteps', totalSteps, Number.isFinite(totalSteps) && totalSteps >= 1);
  check('warmupSteps', warmup, Number.isFinite(warmup) && warmup >= 0);
  check('minLr', minLr, Number.isFinite(minLr) && minLr >= 0 && minLr <= base);
  const s = Math.min(Math.max(0, step), totalSteps - 1);
  if (s < warmup) return (base * (s + 1)) / warmup;
  if (kind === 'constant') return base;
  // Decay progress t / span in [0, 1]: span excludes warm-up so the schedule still reaches its end value.
  const t = s - Math.min(warmup, totalSteps - 1);
  const span = Math.max(1, totalSteps - 1 - Math.min(warmup, totalSteps - 1));
  if (kind === 'cosine') return minLr + (base - minLr) * 0.5 * (1 + Math.cos((Math.PI * t) / span));
  const rate = cfg.decayRate ?? 0.97;
  const every = cfg.decaySteps ?? span / 100;
  check('decayRate', rate, rate > 0 && rate <= 1);
  check('decaySteps', every, every > 0);
  return Math.max(minLr, base * Math.pow(rate, t / every));
}
