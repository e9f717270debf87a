/**
 * The evolution phase of an AutoSpace-style run (METHODS.md §4): per iteration, K cells per slot by tournament on
 * fitness → train their weights and α together (plus the budget term) for a few steps → fitness from K·softmax(α) →
 * mutate the fittest cells into new ones, drop the least fit (never the reference). Plain state (populations, picks,
 * rows for the live view) outlives `release()`, which frees the supernet once evolution is over.
 */
import { restoreRng, rngStream, type Rng, type RngState } from '../../../core/rng';
import { slotShapes, type SkeletonShape } from '../../../core/space/singlePath';
import { Trainer, type TrainData, type TrainerCheckpoint } from '../../../engine/trainer';
import { budgetConfig, type TrainRecipe } from '../../../engine/trainSpec';
import { budgetPenalty, expectedCost, type CellPricer } from '../cellCosts';
import type { AutoSpaceConfig } from '../config';
import { drawPicks, evolvePopulation, initialPopulation, topK, updateFitness } from '../population';
import type { AlphaRow, BudgetState, CellState, SlotState, TopKRow } from '../snapshot';
import { budgetTerm } from './budgetTerm';
import { CellSupernet } from './cellSupernet';

/**
 * Everything the next evolution steps depend on (plain data, part of the run's checkpoint): populations with fitness,
 * this iteration's picks and their softmax(α), counters, the series the record and the live view read, the tournament
 * and mutation streams' positions, the cells the supernet holds per slot, and its trainer (weights, α, BN statistics,
 * keyed optimizer state, batch order) while it is still needed (null once the last iteration has ended).
 */
export interface EvolutionState {
  populations: CellState[][];
  picks: string[][];
  weights: number[][];
  iteration: number;
  steps: number;
  iterationLoss: number[];
  lossSum: number;
  lossN: number;
  pendingLoss: { step: number; loss: number }[];
  pendingAlpha: AlphaRow[];
  pendingTopK: TopKRow[];
  event: string | null;
  selectRng: RngState;
  mutateRng: RngState;
  /** The supernet's cells per slot (they are the populations' cells). */
  cells: string[][];
  trainer: TrainerCheckpoint | null;
}

export class Evolution {
  populations: CellState[][];
  /** The current (or last) iteration's picks and their softmax(α), per slot. */
  picks: string[][];
  weights: number[][];
  /** Iterations completed. */
  iteration = 0;
  steps = 0;
  /** Mean training loss of each completed iteration. */
  readonly iterationLoss: number[] = [];
  pendingLoss: { step: number; loss: number }[] = [];
  pendingAlpha: AlphaRow[] = [];
  pendingTopK: TopKRow[] = [];
  event: string | null = null;
  /** The budget in the pricer's unit. */
  readonly budget: number;
  private supernet: CellSupernet | null;
  private trainer: Trainer | null;
  private readonly strides: number[];
  private selectRng: Rng;
  private mutateRng: Rng;
  private lossSum = 0;
  private lossN = 0;

  constructor(
    skeleton: SkeletonShape,
    data: TrainData,
    private readonly c: AutoSpaceConfig,
    readonly pricer: CellPricer,
  ) {
    this.strides = slotShapes(skeleton.width).map((s) => s.stride);
    this.populations = this.strides.map((stride, slot) => {
      const r = rngStream(c.seed, `population-${slot}`);
      return initialPopulation(c.population, stride, () => r.next());
    });
    this.picks = this.populations.map((p) => [p[0].name]);
    this.weights = this.picks.map(() => [1]);
    this.selectRng = rngStream(c.seed, 'tournament');
    this.mutateRng = rngStream(c.seed, 'mutate');
    this.budget = c.budgetScale * pricer.reference;
    const net = new CellSupernet(skeleton, this.populations.map((p) => p.map((x) => x.name)), rngStream(c.seed, 'init'), Math.sqrt(c.alphaLrScale));
    this.supernet = net;
    const recipe: TrainRecipe = { batchSize: c.batchSize, lr: c.lr, optimizer: 'sgd', schedule: 'constant', weightDecay: c.weightDecay, labelSmoothing: c.labelSmoothing, seed: c.seed };
    try {
      this.trainer = new Trainer(net.net, data, budgetConfig(recipe, { steps: c.iterations * c.stepsPerIteration }, data.split.train.length), {
        forward: net.forward,
        trainableNames: () => net.trainableNames(),
        regularizer: () => budgetTerm(net.mixWeights(), this.pickCosts(), pricer.fixed, this.budget, c.mu),
      });
    } catch (e) {
      net.dispose();
      throw e;
    }
  }

  /** The supernet while evolution runs (null after `release()`). */
  get net(): CellSupernet | null {
    return this.supernet;
  }

  private pickCosts(): number[][] {
    return this.picks.map((p, slot) => p.map((cell) => this.pricer.cellCost(slot, cell)));
  }

  /** Draw this iteration's K cells per slot by tournament on fitness. */
  async begin(): Promise<void> {
    const net = this.live();
    this.picks = this.populations.map((cells) => drawPicks(cells, this.c.k, () => this.selectRng.next()));
    net.picks = this.picks.map((p) => p.slice());
    this.weights = await net.mixWeightValues();
  }

  /** One training step of the mixed picks; the batch loss. */
  async trainStep(): Promise<number> {
    if (!this.trainer) throw new Error('the AutoSpace-style supernet was already released');
    const info = await this.trainer.trainStep();
    this.weights = await this.live().mixWeightValues();
    this.steps++;
    this.lossSum += info.loss;
    this.lossN++;
    this.pendingLoss.push({ step: this.steps, loss: info.loss });
    return info.loss;
  }

  /** After an iteration's steps (the weights read after its last step): fitness from α, the α and top-K rows, then mutate and drop. */
  end(): void {
    const net = this.live();
    const it = ++this.iteration;
    this.iterationLoss.push(this.lossN ? this.lossSum / this.lossN : Number.NaN);
    this.lossSum = 0;
    this.lossN = 0;
    const changes: string[] = [];
    this.populations = this.populations.map((cells, slot) => {
      const picks = this.picks[slot];
      const weights = this.weights[slot];
      this.pendingAlpha.push({ iteration: it, slot, picks: picks.slice(), weights: weights.slice() });
      const scored = updateFitness(cells, picks, weights, this.c.fitnessEma);
      const ch = evolvePopulation(scored, { size: this.c.population, mutations: this.c.mutations, stride: this.strides[slot], iteration: it, next: () => this.mutateRng.next() });
      for (const a of ch.added) net.addCell(slot, a.name, a.parent);
      for (const d of ch.dropped) net.removeCell(slot, d, this.trainer?.optimizer);
      if (ch.added.length || ch.dropped.length) changes.push(`slot ${slot + 1} dropped ${ch.dropped.join(', ') || 'none'}, added ${ch.added.map((a) => a.name).join(', ') || 'none'}`);
      this.pendingTopK.push({ iteration: it, slot, names: topK(ch.cells, this.c.k) });
      return ch.cells;
    });
    this.event = `iteration ${it}/${this.c.iterations}: ${changes.length ? changes.join('; ') : 'no change'}`;
  }

  /** Each slot's K fittest cells: the learned search space. */
  learnedSpace(): string[][] {
    return this.populations.map((cells) => topK(cells, this.c.k));
  }

  slotStates(): SlotState[] {
    return this.populations.map((cells, slot) => ({ slot, cells: cells.map((x) => ({ ...x })), picks: this.picks[slot].slice(), weights: this.weights[slot].slice() }));
  }

  /** E[cost] of the current mixing weights against the budget. */
  budgetState(): BudgetState {
    const expected = expectedCost(this.pricer.fixed, this.pickCosts(), this.weights);
    return { expected, budget: this.budget, unit: this.pricer.unit, penalty: budgetPenalty(expected, this.budget, this.c.mu) };
  }

  private live(): CellSupernet {
    if (!this.supernet) throw new Error('the AutoSpace-style supernet was already released');
    return this.supernet;
  }

  /** The state a checkpoint holds; `withTrainer` false leaves the supernet out (not needed after the last iteration). */
  async save(withTrainer: boolean): Promise<EvolutionState> {
    const net = this.supernet;
    return {
      populations: this.populations,
      picks: this.picks,
      weights: this.weights,
      iteration: this.iteration,
      steps: this.steps,
      iterationLoss: this.iterationLoss,
      lossSum: this.lossSum,
      lossN: this.lossN,
      pendingLoss: this.pendingLoss,
      pendingAlpha: this.pendingAlpha,
      pendingTopK: this.pendingTopK,
      event: this.event,
      selectRng: this.selectRng.save(),
      mutateRng: this.mutateRng.save(),
      cells: net ? net.slots.map((_, slot) => net.cellsAt(slot)) : [],
      trainer: withTrainer && this.trainer ? await this.trainer.checkpoint() : null,
    };
  }

  /**
   * Continue from a saved state (on a fresh Evolution of the same config and data). With a trainer state, the supernet
   * is first given exactly the saved cells (the cells added and dropped since the start: new ones are created, their
   * values then come from the checkpoint), then weights, BN statistics and optimizer state load; without one, the
   * supernet is freed (evolution was over). Throws in plain words when it does not fit.
   */
  load(s: EvolutionState): void {
    if (s.populations.length !== this.populations.length || s.picks.length !== this.populations.length) {
      throw new RangeError(`the checkpoint has ${s.populations.length} slots; this run has ${this.populations.length}`);
    }
    const selectRng = restoreRng(s.selectRng);
    const mutateRng = restoreRng(s.mutateRng);
    if (s.trainer) {
      const net = this.live();
      const trainer = this.trainer;
      if (!trainer) throw new Error('the AutoSpace-style supernet was already released');
      if (s.cells.length !== net.slots.length) throw new RangeError(`the checkpoint's supernet has ${s.cells.length} slots; this one has ${net.slots.length}`);
      s.cells.forEach((cells, slot) => {
        const keep = new Set(cells);
        for (const c of net.cellsAt(slot)) if (!keep.has(c)) net.removeCell(slot, c, trainer.optimizer);
        for (const c of cells) net.addCell(slot, c);
      });
      net.picks = s.picks.map((p) => p.slice());
      trainer.restore(s.trainer);
    } else this.release();
    this.populations = s.populations.map((cells) => cells.map((x) => ({ ...x })));
    this.picks = s.picks.map((p) => p.slice());
    this.weights = s.weights.map((w) => w.slice());
    this.iteration = s.iteration;
    this.steps = s.steps;
    this.iterationLoss.length = 0;
    this.iterationLoss.push(...s.iterationLoss);
    this.lossSum = s.lossSum;
    this.lossN = s.lossN;
    this.pendingLoss = s.pendingLoss.map((x) => ({ ...x }));
    this.pendingAlpha = s.pendingAlpha.map((x) => ({ ...x, picks: x.picks.slice(), weights: x.weights.slice() }));
    this.pendingTopK = s.pendingTopK.map((x) => ({ ...x, names: x.names.slice() }));
    this.event = s.event;
    this.selectRng = selectRng;
    this.mutateRng = mutateRng;
  }

  /** Free the supernet and its optimizer (plain state stays). Safe to call twice. */
  release(): void {
    this.trainer?.dispose();
    this.trainer = null;
    this.supernet?.dispose();
    this.supernet = null;
  }
}
