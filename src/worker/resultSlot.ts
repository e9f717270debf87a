/**
 * Result networks by owner ('train' or a method id): each screen exports its own result, never another screen's.
 * A result stays until its owner produces a new one (or starts a new run); jobs of other owners leave it alone.
 */
import type { Network } from '../engine/network';
import type { ExportableModel, WorkerContext } from './context';

/**
 * Make `net` the exportable result of `owner`. `owned`: the slot owns it (a finished run handed it over) and frees it
 * when replaced; otherwise a live job owns it and frees it itself. The previous result is freed if the slot owned it.
 */
export function setResult(ctx: WorkerContext, owner: string, net: Network, steps: () => number, owned: boolean): void {
  const prev = ctx.results.get(owner);
  // `owned` first: a slot the slot does not own may resolve `net` lazily (a search's live network), and that getter
  // throws once its job has released the network to this call.
  if (prev?.owned && prev.net !== net) prev.net.dispose();
  ctx.results.set(owner, { net, steps, owned });
}

/** Stop offering `owner`'s result (a new run of that owner starts), freeing it if the slot owns it. */
export function dropResult(ctx: WorkerContext, owner: string): void {
  const prev = ctx.results.get(owner);
  if (!prev) return;
  ctx.results.delete(owner);
  if (prev.owned) prev.net.dispose();
}

/** Stop offering `net` for export without freeing it (its job frees it). */
export function forgetResult(ctx: WorkerContext, owner: string, net: Network): void {
  if (ctx.results.get(owner)?.net === net) ctx.results.delete(owner);
}

/** `owner`'s exportable result, if any. */
export function resultOf(ctx: WorkerContext, owner: string): ExportableModel | undefined {
  return ctx.results.get(owner);
}
