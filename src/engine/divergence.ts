/**
 * Divergence detection for the training loop, kept apart from the Trainer so that the rule (and its advice) can be read
 * and tested on its own. The Trainer calls `DivergenceWatch.check` once per step with the step's loss read back; a
 * non-finite step's update is masked on the device, so it changes nothing.
 *
 * Two signs of a run that has blown up:
 *  - the loss (or the full objective) is NaN or ±Infinity;
 *  - after warm-up, the data loss stays above `factor × ln(classes)` (3×) for `patience` (5) steps in a row, or above
 *    `severeFactor × ln(classes)` (10×) for `severePatience` (2) steps in a row. ln(classes) is the cross-entropy of a
 *    uniform guess, about where a fresh network starts, so a loss three times that means the weights have been thrown
 *    far off, not that the network is merely slow to learn. The severe rule catches the typical blow-up early: Adam at
 *    lr 1 without warm-up on the MNIST baseline goes 2.4 → 74 → 34 and then sits at ~3 with a dead network (10 % val).
 *    A single spike is forgiven: each count restarts at the first step below its line.
 */

/** Why a run was stopped. */
export type DivergenceReason = 'non-finite' | 'too-high';

/** What to try, in the project's words (shown by the browser and the CLI alike). */
export function divergenceAdvice(lr: number): string {
  return (
    `Lower the learning rate (try ${(lr / 3).toPrecision(2)}), add warm-up steps, or use another optimizer ` +
    `(SGD with momentum is the most forgiving), then restart the run.`
  );
}

/** The line a 'too-high' divergence crossed. */
export interface LossLimit {
  /** Loss level that was exceeded. */
  limit: number;
  /** ln(classes): the loss of a uniform guess. */
  uniform: number;
  /** Steps in a row above `limit`. */
  patience: number;
}

/** The loss became NaN or ±Infinity (that update was not applied), or stayed far above its starting level. */
export class DivergenceError extends Error {
  readonly reason: DivergenceReason;

  constructor(
    readonly step: number,
    readonly lr: number,
    readonly lossValue: number,
    /** Absent: the loss was not finite. */
    readonly tooHigh?: LossLimit,
  ) {
    const lrText = lr.toPrecision(3);
    const what = tooHigh
      ? `the loss stayed above ${tooHigh.limit.toFixed(2)} (${Math.round(tooHigh.limit / tooHigh.uniform)} × ` +
        `${tooHigh.uniform.toFixed(2)}, the loss of a uniform guess) for ${tooHigh.patience} steps in a row after warm-up ` +
        `and is now ${lossValue.toPrecision(4)}, with learning rate ${lrText}`
      : `the loss became ${lossValue} with learning rate ${lrText}`;
    // A non-finite step is masked on the device (engine/trainer.ts); a merely huge loss has had its update already.
    const applied = tooHigh ? 'The run was stopped at this step.' : 'The update was not applied.';
    super(`Training diverged at step ${step}: ${what}. ${applied} ${divergenceAdvice(lr)}`);
    this.name = 'DivergenceError';
    this.reason = tooHigh ? 'too-high' : 'non-finite';
  }
}

/** Options of DivergenceWatch. */
export interface DivergenceOptions {
  numClasses: number;
  /** Steps of learning-rate warm-up: the loss level is not judged before they are over. */
  warmupSteps?: number;
  /** Multiple of ln(classes) the loss must stay above (default 3). */
  factor?: number;
  /** Consecutive steps above the line that count as divergence (default 5). */
  patience?: number;
  /** Multiple of ln(classes) for the fast rule (default 10). */
  severeFactor?: number;
  /** Consecutive steps above the severe line that count as divergence (default 2). */
  severePatience?: number;
}

/** Per-run state of the divergence rule. */
export class DivergenceWatch {
  /** Loss level above which a step counts as "too high". */
  readonly limit: number;
  readonly patience: number;
  /** Loss level above which `severePatience` steps suffice. */
  readonly severeLimit: number;
  readonly severePatience: number;
  private readonly warmupSteps: number;
  private readonly uniform: number;
  private over = 0;
  private severe = 0;

  constructor(opts: DivergenceOptions) {
    const ln = Math.log(Math.max(2, opts.numClasses));
    this.uniform = ln;
    this.limit = (opts.factor ?? 3) * ln;
    this.patience = Math.max(1, opts.patience ?? 5);
    this.severeLimit = (opts.severeFactor ?? 10) * ln;
    this.severePatience = Math.max(1, opts.severePatience ?? 2);
    this.warmupSteps = Math.max(0, opts.warmupSteps ?? 0);
  }

  /** The counters (a checkpoint keeps them, so a resumed run judges its next steps as the uninterrupted one would). */
  save(): { over: number; severe: number } {
    return { over: this.over, severe: this.severe };
  }

  restore(s: { over: number; severe: number }): void {
    this.over = Math.max(0, Math.floor(s.over));
    this.severe = Math.max(0, Math.floor(s.severe));
  }

  /** Throws DivergenceError when step `step` (0-based) shows divergence; `objective` = loss + regularisers. */
  check(step: number, lr: number, loss: number, objective: number = loss): void {
    if (!Number.isFinite(loss) || !Number.isFinite(objective)) {
      throw new DivergenceError(step, lr, Number.isFinite(loss) ? objective : loss);
    }
    const judged = step >= this.warmupSteps;
    this.over = judged && loss > this.limit ? this.over + 1 : 0;
    this.severe = judged && loss > this.severeLimit ? this.severe + 1 : 0;
    const u = this.uniform;
    if (this.severe >= this.severePatience) throw new DivergenceError(step, lr, loss, { limit: this.severeLimit, uniform: u, patience: this.severePatience });
    if (this.over >= this.patience) throw new DivergenceError(step, lr, loss, { limit: this.limit, uniform: u, patience: this.patience });
  }
}
