/** PAD-NAS's tfjs part (worker and CLI only): what `padnasMethod.loadRun()` resolves to. */
import type { MethodContext, RunModule } from '../../runTypes';
import type { PadNasSettings } from '../config';
import type { PadNasSnapshot } from '../snapshot';
import { PadNasRun } from './padnasRun';

/** A PAD-NAS search on `ctx.data`; `ctx.profile` (if any) makes predicted latency the second objective. */
export function createRun(ctx: MethodContext, config: PadNasSettings): PadNasRun {
  return new PadNasRun(ctx, config);
}

export { PadNasRun };

createRun satisfies RunModule<PadNasSettings, PadNasSnapshot>['createRun'];
