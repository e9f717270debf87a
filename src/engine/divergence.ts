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
 *  - the global gradient norm (checked every few steps) is not finite, or stays above 100 × its level after warm-up.
 */

/** Why a run was stopped. */
export type DivergenceReason = 'non-finite' | 'too-high' | 'grad-norm';

/** The gradient-norm line a 'grad-norm' divergence crossed. */
export interface GradLimit {
  /** Median norm of the first checks after warm-up. */
  reference: number;
  factor: number;
  /** Checks in a row above factor × reference. */
  patience: number;
}

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
    /** The gradient norm was not finite (`lossValue` is then the norm), or blew up against its level after warm-up. */
    readonly grad?: { norm: number; limit?: GradLimit },
  ) {
    const lrText = lr.toPrecision(3);
    const what = grad
      ? grad.limit
        ? `the gradient norm reached ${grad.norm.toPrecision(3)}, more than ${grad.limit.factor} × its level after warm-up ` +
          `(${grad.limit.reference.toPrecision(3)}), on ${grad.limit.patience} checks in a row, with learning rate ${lrText}`
        : `the gradient norm became ${grad.norm} (the loss was still finite) with learning rate ${lrText}`
      : tooHigh
      ? `the loss stayed above ${tooHigh.limit.toFixed(2)} (${Math.round(tooHigh.limit / tooHigh.uniform)} × ` +
        `${tooHigh.uniform.toFixed(2)}, the loss of a uniform guess) for ${tooHigh.patience} steps in a row after warm-up ` +
        `and is now ${lossValue.toPrecision(4)}, with learning rate ${lrText}`
      : `the loss became ${lossValue} with learning rate ${lrText}`;
    // A non-finite step is masked on the device (engine/trainer.ts); a merely huge loss has had its update already.
    const applied = tooHigh || grad?.limit ? 'The run was stopped at this step.' : 'The update was not applied.';
    super(`Training diverged at step ${step}: ${what}. ${applied} ${divergenceAdvice(lr)}`);
    this.name = 'DivergenceError';
    this.reason = grad?.limit ? 'grad-norm' : tooHigh ? 'too-high' : 'non-finite';
  }
}

/** What a checkpoint keeps of a DivergenceWatch. */
export interface DivergenceState {
  over: number;
  severe: number;
  gradSeen?: number[];
  gradOver?: number;
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
  /** Gradient norms of the first checks after warm-up (their median is the reference), and checks in a row above. */
  private gradSeen: number[] = [];
  private gradOver = 0;
  /** Checks after warm-up that make the reference; a norm above GRAD_FACTOR × it on GRAD_PATIENCE checks in a row diverges. */
  static readonly GRAD_REFERENCE_CHECKS = 3;
  static readonly GRAD_FACTOR = 100;
  static readonly GRAD_PATIENCE = 2;

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
  save(): DivergenceState {
    return { over: this.over, severe: this.severe, gradSeen: this.gradSeen.slice(), gradOver: this.gradOver };
  }

  restore(s: DivergenceState): void {
    this.over = Math.max(0, Math.floor(s.over));
    this.severe = Math.max(0, Math.floor(s.severe));
    this.gradSeen = (s.gradSeen ?? []).filter(Number.isFinite);
    this.gradOver = Math.max(0, Math.floor(s.gradOver ?? 0));
  }

  /**
   * Gradient-norm rule (checked every few steps, engine/trainer): a non-finite norm while the loss is finite (that
   * update was masked), or a norm above 100 × its level after warm-up (the median of the first 3 checks) on 2 checks in
   * a row. A blow-up shows in the gradients before the loss has caught up.
   */
  checkGradNorm(step: number, lr: number, norm: number): void {
    if (!Number.isFinite(norm)) throw new DivergenceError(step, lr, norm, undefined, { norm });
    if (step < this.warmupSteps) return;
    const W = DivergenceWatch;
    if (this.gradSeen.length < W.GRAD_REFERENCE_CHECKS) {
      this.gradSeen.push(norm);
      return;
    }
    const sorted = this.gradSeen.slice().sort((a, b) => a - b);
    const reference = sorted[Math.floor(sorted.length / 2)];
    this.gradOver = reference > 0 && norm > W.GRAD_FACTOR * reference ? this.gradOver + 1 : 0;
    if (this.gradOver >= W.GRAD_PATIENCE) {
      throw new DivergenceError(step, lr, norm, undefined, { norm, limit: { reference, factor: W.GRAD_FACTOR, patience: W.GRAD_PATIENCE } });
    }
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
