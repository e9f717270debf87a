/**
 * The hand-designed baseline of an Efficient Global NAS run (issue 12 §8): the Train screen's network at the width
 * whose parameter count is nearest the found chain's, trained with the found chain's epochs, recipe and data. Its
 * network is kept after training and tested in the run's finish(), beside the found chain's: the test split is read
 * nowhere else. The run owns the step loop; this stage builds the training, closes it and holds what it left.
 */
import { archCosts } from '../../../core/costs';
import { recordLatency } from '../../../core/method/buildRecord';
import { createSpecTraining, type SpecTraining, type TrainRecipe } from '../../../engine/trainSpec';
import type { TrainData, TrainerCheckpoint } from '../../../engine/trainer';
import type { MethodContext } from '../../runTypes';
import { nearestBaseline } from '../baseline';
import { chainArch, type ChainGenome, type ChainTask } from '../chain';
import type { EgnasBaseline } from '../snapshot';

const pct = (v: number | null) => (v === null ? 'diverged' : `${(100 * v).toFixed(1)}%`);

export interface BaselineTraining {
  t: SpecTraining;
  label: string;
  /** The found chain's parameter count, which the baseline's width matches. */
  targetParams: number;
}

export class BaselineStage {
  /** The trained baseline (null: not trained yet); a new object once test() fills in its test accuracy. */
  record: EgnasBaseline | null = null;
  /** The trained baseline's network, kept for its test (null: not trained yet, diverged, or tested). */
  private trained: SpecTraining | null = null;

  constructor(
    private readonly ctx: MethodContext,
    private readonly task: ChainTask,
    private readonly data: TrainData,
    private readonly recipe: () => TrainRecipe,
  ) {}

  /** A fresh training of the baseline nearest the found chain in parameters, for the found chain's epochs. */
  training(found: ChainGenome, epochs: number): BaselineTraining {
    const targetParams = archCosts(chainArch(this.task, found)).params;
    const b = nearestBaseline(this.task, targetParams);
    const t = createSpecTraining(b.spec, this.data, this.recipe(), { epochs }, { initStream: 'baseline-init' });
    return { t, label: `hand-designed baseline ×${b.width}`, targetParams };
  }

  /** The training's end: its validation accuracy (none if it diverged) into the record; the network is kept for test(). */
  async end(t: SpecTraining, curve: readonly number[], epochs: number, diverged: boolean, label: string): Promise<void> {
    const spec = t.spec;
    const costs = archCosts(spec);
    const val = diverged ? null : (await t.evaluate('val', { bnRecalibrate: true })).accuracy;
    this.record = {
      name: spec.name,
      width: (spec.meta?.width as number | undefined) ?? 1,
      params: costs.params,
      macs: costs.macs,
      latencyMs: recordLatency(spec, this.ctx.profile)?.ms ?? null,
      epochs,
      valAccuracy: val,
      testAccuracy: null,
      curve: curve.slice(),
    };
    this.ctx.log?.(diverged ? `the ${label} diverged: no accuracies for it` : `${label}: val ${pct(val)} (tested with the found chain at the end)`);
    if (diverged) t.dispose();
    else this.trained = t;
  }

  /** The one test of the trained baseline (nothing when it diverged or was not trained). */
  async test(): Promise<void> {
    const t = this.trained;
    if (!t || !this.record) return;
    // A new object: snapshots handed out before keep theirs without a test accuracy (a recorder holds them as they were).
    this.record = { ...this.record, testAccuracy: (await t.evaluate('test', { bnRecalibrate: true })).accuracy };
    this.ctx.log?.(`${this.record.name}: val ${pct(this.record.valAccuracy)}, test ${pct(this.record.testAccuracy)}`);
    t.dispose();
    this.trained = null;
  }

  /** The kept network's trainer state for a checkpoint (null: none kept). */
  async trainerCheckpoint(): Promise<TrainerCheckpoint | null> {
    return this.trained ? this.trained.trainer.checkpoint() : null;
  }

  /** A resumed run's baseline: its record and, when it was trained and not yet tested, its network rebuilt. */
  restore(record: EgnasBaseline | null, trainer: TrainerCheckpoint | null, found: ChainGenome | null, epochs: number): void {
    this.record = record;
    if (!trainer) return;
    if (!record || !found) throw new RangeError('the checkpoint holds a trained baseline this run does not train (other settings)');
    const t = this.training(found, epochs).t;
    t.trainer.restore(trainer);
    this.trained = t;
  }

  dispose(): void {
    this.trained?.dispose();
    this.trained = null;
  }
}
