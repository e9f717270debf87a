/** The AutoSpace-style search's tfjs part (worker and CLI only): what `autospaceMethod.loadRun()` resolves to. */
import type { MethodContext, RunModule } from '../../runTypes';
import type { AutoSpaceConfig } from '../config';
import type { AutoSpaceSnapshot } from '../snapshot';
import { AutoSpaceRun } from './autospaceRun';

export function createRun(ctx: MethodContext, config: AutoSpaceConfig): AutoSpaceRun {
  return new AutoSpaceRun(ctx, config);
}

export { AutoSpaceRun };

createRun satisfies RunModule<AutoSpaceConfig, AutoSpaceSnapshot>['createRun'];
