/**
 * Stand-alone training of one architecture from scratch (fresh weights, its own optimizer): the ranking panel's short
 * runs, the found architecture's final training and the baseline's all use this one recipe.
 */
import type { ArchSpec } from '../../../core/archspec';
import { rngStream } from '../../../core/rng';
import { buildNetwork, type Network } from '../../../engine/network';
import { Trainer, type TrainConfig, type TrainData } from '../../../engine/trainer';

export class StandaloneTraining {
  readonly net: Network;
  readonly trainer: Trainer;
  private released = false;

  constructor(
    readonly spec: ArchSpec,
    data: TrainData,
    cfg: TrainConfig,
    initName: string,
  ) {
    this.net = buildNetwork(spec, rngStream(cfg.seed, initName));
    try {
      this.trainer = new Trainer(this.net, data, cfg);
    } catch (e) {
      this.net.dispose();
      throw e;
    }
  }

  get totalSteps(): number {
    return this.trainer.totalSteps;
  }

  /** One optimisation step; returns the batch loss. */
  async step(): Promise<number> {
    return (await this.trainer.trainStep()).loss;
  }

  /** Validation accuracy; `recalibrate` re-estimates BN statistics first (short runs have unsettled running stats). */
  async valAccuracy(recalibrate: boolean): Promise<number> {
    return (await this.trainer.evaluate('val', { bnRecalibrate: recalibrate })).accuracy;
  }

  /** The network, handed over to the caller (who disposes it). */
  release(): Network {
    this.released = true;
    return this.net;
  }

  dispose(): void {
    this.trainer.dispose();
    if (!this.released) this.net.dispose();
  }
}
