/** AtomNAS as a `NasMethod` (see methods/types.ts): presets from core, runs from `AtomNasRun`. */
import { ATOMNAS_PRESETS, type AtomNasSettings } from '../../core/atomnasSettings';
import type { AtomNasSnapshot } from '../../core/atomnasSnapshot';
import type { MethodContext, NasMethod } from '../types';
import { AtomNasRun, type AtomNasExtras } from './run';

export const atomnasMethod = {
  id: 'atomnas',
  label: 'AtomNAS (fine-grained, dynamic shrinkage)',
  presets: ATOMNAS_PRESETS,
  create: (ctx: MethodContext, config: AtomNasSettings): AtomNasRun => new AtomNasRun(ctx, config),
} satisfies NasMethod<AtomNasSettings, AtomNasSnapshot>;

/** A run with inputs that are not settings (a device profile's per-atom latency costs). */
export function createAtomNasRun(ctx: MethodContext, config: AtomNasSettings, extras: AtomNasExtras): AtomNasRun {
  return new AtomNasRun(ctx, config, extras);
}
