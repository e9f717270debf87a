/** PAD-NAS as a `NasMethod` (see methods/types.ts): presets from core, runs from `PadNasRun`. */
import { PADNAS_PRESETS, type PadNasSettings } from '../../core/padnas/settings';
import type { PadNasSnapshot } from '../../core/padnas/snapshot';
import type { MethodContext, NasMethod } from '../types';
import { PadNasRun, type PadNasExtras } from './run';

export const padnasMethod = {
  id: 'padnas',
  label: 'PAD-NAS (progressive search-space pruning, latency window)',
  presets: PADNAS_PRESETS,
  create: (ctx: MethodContext, config: PadNasSettings): PadNasRun => new PadNasRun(ctx, config),
} satisfies NasMethod<PadNasSettings, PadNasSnapshot>;

/** A run with inputs that are not settings (the device profile that prices latency). */
export function createPadNasRun(ctx: MethodContext, config: PadNasSettings, extras: PadNasExtras): PadNasRun {
  return new PadNasRun(ctx, config, extras);
}
