/** Random search's tfjs part (worker and CLI only): what `randomMethod.loadRun()` resolves to. */
import type { MethodContext, RunModule } from '../../runTypes';
import type { RandomConfig } from '../config';
import type { RandomSnapshot } from '../snapshot';
import { RandomRun } from './randomRun';

export function createRun(ctx: MethodContext, config: RandomConfig): RandomRun {
  return new RandomRun(ctx, config);
}

export { RandomRun };

createRun satisfies RunModule<RandomConfig, RandomSnapshot>['createRun'];
