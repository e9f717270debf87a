/** AtomNAS's tfjs part (worker and CLI only): what `atomnasMethod.loadRun()` resolves to. */
import type { MethodContext, RunModule } from '../../runTypes';
import type { AtomNasSettings } from '../settings';
import type { AtomNasSnapshot } from '../snapshot';
import { AtomNasRun } from './run';

/**
 * A search with these settings. Builds the supernet at once: a config the run cannot use (penalty 'latency' without a
 * profile, or with one that cannot price every atom) throws here, before any tensor is left behind.
 */
export function createRun(ctx: MethodContext, config: AtomNasSettings): AtomNasRun {
  return new AtomNasRun(ctx, config);
}

export { AtomNasRun };

createRun satisfies RunModule<AtomNasSettings, AtomNasSnapshot>['createRun'];
