/**
 * The seam between the run and the payoff stage (run/payoff.ts: the PAD-NAS search in the learned and in the hand
 * space): the run only needs this much of it, and tests can put a scripted stage in its place.
 */
import type { MethodContext } from '../../runTypes';
import type { PayoffState } from '../snapshot';
import { PayoffStage, type PayoffEstimateOptions, type PayoffStageOptions } from './payoff';

export type PayoffOptions = PayoffStageOptions;

/** What the run uses of a payoff stage. */
export interface PayoffLike {
  /** Units of the whole stage (exact once both fronts are known; before, the most it can take). */
  plannedUnits(): number;
  /** One unit of the stage's work; true when it is done. */
  step(): Promise<boolean>;
  state(): PayoffState;
  result(): unknown;
  /** The stage's state between two units (absent, or throwing in plain words: it cannot checkpoint now). */
  checkpoint?(): Promise<unknown>;
  /** Continue from `checkpoint()`'s state, on a stage just made with the same options (before any `step()`). */
  restore?(state: unknown): Promise<void>;
  dispose(): void;
}

export type CreatePayoff = (ctx: MethodContext, o: PayoffOptions) => Promise<PayoffLike>;

/** The real stage (it brings the PAD-NAS run in through `ctx.loadMethod`). */
export const createPayoff: CreatePayoff = (ctx, o) => PayoffStage.create(ctx, o);

/** The stage's units before it is built (PayoffStage.estimateUnits); null when not known. */
export type EstimatePayoff = (ctx: MethodContext, o: PayoffEstimateOptions) => Promise<number | null>;

export const estimatePayoff: EstimatePayoff = (ctx, o) => PayoffStage.estimateUnits(ctx, o);
