/**
 * Training one architecture from scratch, one step per call: the only place random search touches the Trainer.
 * (To be swapped for the shared engine/trainSpec once it lands.)
 */
import type { ArchSpec } from '../../../core/archspec';
import type { Rng } from '../../../core/rng';
import { buildNetwork, type Network } from '../../../engine/network';
import { Trainer, type EvalResult, type TrainConfig, type TrainData, type TrainerCheckpoint } from '../../../engine/trainer';

export interface FromScratch {
  readonly net: Network;
  /** Steps taken so far. */
  readonly steps: number;
  /** One optimisation step; the batch loss. Throws DivergenceError (nothing updated) when the loss is not finite. */
  step(): Promise<number>;
  evaluate(which: 'val' | 'test', bnRecalibrate?: boolean): Promise<EvalResult>;
  /** The trainer's full state (weights, optimizer, batch order, streams). */
  checkpoint(): Promise<TrainerCheckpoint>;
  /** Continue from `checkpoint()` of a training of the same spec and recipe. */
  restore(cp: TrainerCheckpoint): void;
  /** Hand the network to the caller (who disposes it); dispose() then frees only the optimizer. */
  release(): Network;
  dispose(): void;
}

/** Fresh weights from `init`, its own optimizer, batches in `recipe.seed`'s data order. */
export function trainFromScratch(spec: ArchSpec, data: TrainData, recipe: TrainConfig, init: Rng): FromScratch {
  const net = buildNetwork(spec, init);
  let trainer: Trainer;
  try {
    trainer = new Trainer(net, data, recipe);
  } catch (e) {
    net.dispose();
    throw e;
  }
  let released = false;
  let disposed = false;
  return {
    net,
    get steps() {
      return trainer.stepIndex;
    },
    step: async () => (await trainer.trainStep()).loss,
    evaluate: (which, bnRecalibrate = false) => trainer.evaluate(which, { bnRecalibrate }),
    checkpoint: () => trainer.checkpoint(),
    restore: (cp) => trainer.restore(cp),
    release: () => {
      released = true;
      return net;
    },
    dispose: () => {
      if (disposed) return;
      disposed = true;
      trainer.dispose();
      if (!released) net.dispose();
    },
  };
}
