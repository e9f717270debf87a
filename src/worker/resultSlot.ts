/**
 * A search's result network, owned by its handler module (kept in ctx.extras under the module's key) so that a later
 * job (e.g. a retrain) does not free it, and freed when the next search of that module starts.
 */
import type { Network } from '../engine/network';
import type { WorkerContext } from './context';

interface ResultState {
  result: Network | null;
}

function stateOf(ctx: WorkerContext, key: string): ResultState {
  let s = ctx.extras.get(key) as ResultState | undefined;
  if (!s) {
    s = { result: null };
    ctx.extras.set(key, s);
  }
  return s;
}

/** Keep `net` as module `key`'s result (the caller has dropped the previous one). */
export function keepResult(ctx: WorkerContext, key: string, net: Network): void {
  stateOf(ctx, key).result = net;
}

/** Free module `key`'s previous result network, and stop offering it for export if it was the exportable model. */
export function dropResult(ctx: WorkerContext, key: string): void {
  const s = stateOf(ctx, key);
  if (!s.result) return;
  if (ctx.model?.net === s.result) ctx.model = null;
  s.result.dispose();
  s.result = null;
}
