/**
 * What an AutoSpace-style run sends to its live view (plain data, pure): the populations of the 7 searched slots with
 * fitness and this iteration's tournament picks, softmax(α) of the picks, each slot's top-K over iterations, the budget
 * gauge, training loss, and the payoff (the PAD-NAS search in the learned space vs the hand-designed space).
 * Incremental parts (`loss`, `alphaRows`, `topK`) hold only what is new since the previous snapshot.
 */

/** One cell of a slot's population. */
export interface CellState {
  /** Cell name (core/space/cell: `c3-zz3zzz`), which is also its DAG. */
  name: string;
  fitness: number;
  /** Iteration it entered the population (0 = the initial population). */
  born: number;
  /** The reference architecture's cell (MB k3 e3): never dropped. */
  reference: boolean;
}

/** One searched slot now. */
export interface SlotState {
  slot: number;
  cells: CellState[];
  /** This iteration's tournament picks (names), in mixing order. */
  picks: string[];
  /** softmax(α) over the picks, same order. */
  weights: number[];
}

/** softmax(α) of one slot's picks at the end of an iteration (the α-bars-over-time chart). */
export interface AlphaRow {
  iteration: number;
  slot: number;
  picks: string[];
  weights: number[];
}

/** A slot's top-K cells by fitness after an iteration (the top-K timeline). */
export interface TopKRow {
  iteration: number;
  slot: number;
  names: string[];
}

/** Expected cost of the mixed supernet against the budget (the gauge). */
export interface BudgetState {
  /** E[cost]: Σ over slots of softmax(α)-weighted cell costs, plus the fixed layers. */
  expected: number;
  budget: number;
  unit: 'MMACs' | 'ms';
  /** μ · max(0, expected / budget − 1), the term added to the loss. */
  penalty: number;
}

/** One network of a payoff front. */
export interface FrontPoint {
  /** One op name per slot (MB op names in the hand space, cell names in the learned one). */
  genotype: string[];
  /** Validation accuracy after stand-alone training with the one shared recipe. */
  valAccuracy: number;
  /** Latency (ms, measured or predicted) or MMACs, in `PayoffState.unit`. */
  cost: number;
  /**
   * When `cost` was measured on this device: the cost model's value it replaced (latency predicted from the profile in
   * ms, or MMACs), kept so the record shows both.
   */
  modelCost?: number;
}

/** The payoff: the same PAD-NAS search in both spaces, their fronts after stand-alone training, and hypervolumes. */
export interface PayoffState {
  stage: 'learned-search' | 'hand-search' | 'standalone' | 'measure' | 'done';
  /** What the fronts' cost axis is and where it comes from ("predicted, profile X" or "MACs"). */
  unit: 'ms' | 'MMACs';
  costSource: string;
  /** When the costs were measured on this device: the unit of the cost model they replaced (FrontPoint.modelCost). */
  modelUnit?: 'ms' | 'MMACs';
  learned: FrontPoint[];
  hand: FrontPoint[];
  /** Hypervolume of each front (reference point in `hvReference`), null until its front is complete. */
  hvLearned: number | null;
  hvHand: number | null;
  /** Reference point: accuracy 0 and a cost above every point of both fronts. */
  hvReference: { valAccuracy: number; cost: number } | null;
}

export interface AutoSpaceSnapshot {
  phase: 'evolve' | 'payoff' | 'final' | 'done';
  iteration: number;
  iterations: number;
  /** Supernet optimisation steps so far. */
  step: number;
  /** New (step, loss) points since the previous snapshot. */
  loss: { step: number; loss: number }[];
  /** Every slot now (sent whole: small). */
  slots: SlotState[];
  alphaRows: AlphaRow[];
  topK: TopKRow[];
  budget: BudgetState | null;
  payoff: PayoffState | null;
  /** One line for the status bar ("iteration 3/8: slot 2 dropped c2-…, added c4-…"). */
  event: string | null;
}
