/** PAD-NAS's tfjs part (worker and CLI only): what `padnasMethod.loadRun()` resolves to. */
import { limitTrain } from '../../../data/split';
import { batchesPerEpoch } from '../../../engine/batches';
import type { MethodContext, RunModule } from '../../runTypes';
import { plannedUnits as planned } from '../budget';
import type { PadNasSettings } from '../config';
import type { PadNasSnapshot } from '../snapshot';
import { PadNasRun } from './padnasRun';

/** A PAD-NAS search on `ctx.data`; `ctx.profile` (if any) makes predicted latency the second objective. */
export function createRun(ctx: MethodContext, config: PadNasSettings): PadNasRun {
  return new PadNasRun(ctx, config);
}

/** The `totalSteps` such a run reports, without building its supernet (the same training subset and batch). */
export function plannedUnits(ctx: MethodContext, config: PadNasSettings): number {
  return planned(config, batchesPerEpoch(limitTrain(ctx.data.split, config.trainLimit).train.length, config.batchSize));
}

export { PadNasRun };

createRun satisfies RunModule<PadNasSettings, PadNasSnapshot>['createRun'];
plannedUnits satisfies NonNullable<RunModule<PadNasSettings, PadNasSnapshot>['plannedUnits']>;
