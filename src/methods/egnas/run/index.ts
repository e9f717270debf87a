/** Efficient Global NAS's tfjs part (worker and CLI only): what `egnasMethod.loadRun()` resolves to. */
import type { MethodContext, RunModule } from '../../runTypes';
import type { EgnasConfig } from '../config';
import type { EgnasSnapshot } from '../snapshot';
import { EgnasRun } from './egnasRun';

export function createRun(ctx: MethodContext, config: EgnasConfig): EgnasRun {
  return new EgnasRun(ctx, config);
}

export { EgnasRun };

createRun satisfies RunModule<EgnasConfig, EgnasSnapshot>['createRun'];
