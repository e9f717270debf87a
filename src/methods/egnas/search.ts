/**
 * The search of Efficient Global NAS as a pure state machine (METHODS.md §3, as the authors' search.py runs it, with
 * validation in place of test): `next()` names the candidate to train and its epoch budget, `report()` takes its
 * validation accuracy and makes the phase's decision. No tfjs: the run trains, this decides; tests drive it with
 * scripted accuracies.
 *
 * Phase 1, depth: L_min at C_max first; each deeper candidate gets one more epoch than the last (the counter grows
 * with every candidate tried, as in the authors' code). Accept when val accuracy gains ≥ addTol over the best so
 * far; neutral when it is within dropTol below it (keep going deeper); fail otherwise. Stop after `failLimit`
 * failures since the last accept, or at L_max. The depth is the last accepted one.
 * Phase 2, width: shrink C by `widthStep`, each narrower candidate getting `widthEpochStep` more epochs. Accept when
 * accuracy does not drop by more than dropTol below the best of the phase (the best, not the last accepted, so
 * accepts cannot ratchet the accuracy down); stop after `failLimit` failures or at C_min. The discovered epoch budget
 * is the counter at the end of the depth phase, moved to the counter of each accepted width.
 * Phase 3, operations: the found chain (all SepConv k3) is retrained for `microEpochs` as the reference, its
 * parameters P0 fixed; per layer, Conv replaces SepConv with C lowered until params ≤ P0·(1 + paramTol); kept when
 * accuracy beats the current by more than microTol. Phase 4, kernels: per layer k = 5, same matching and rule.
 */
import { chainParams, matchWidth, plainGenome, type ChainGenome, type ChainTask } from './chain';

export type EgnasPhase = 'depth' | 'width' | 'ops' | 'kernels';

/**
 * What a candidate's result did: 'start' (first of the depth phase), 'accept' / 'neutral' / 'fail' (depth, width),
 * 'reference' (the micro phase's starting point), 'keep' / 'revert' (ops, kernels), 'unmatched' (no width down to
 * the micro floor fits the parameter budget: not trained).
 */
export type Decision = 'start' | 'accept' | 'neutral' | 'fail' | 'reference' | 'keep' | 'revert' | 'unmatched';

/** The search's settings (a slice of the method's config). */
export interface SearchRules {
  Lmin: number;
  Lmax: number;
  Cmin: number;
  Cmax: number;
  /** Channels removed per width step (the paper's 2). */
  widthStep: number;
  /** Epochs of the first candidate. */
  startEpochs: number;
  /** Epochs added per deeper candidate (the paper's 1). */
  depthEpochStep: number;
  /** Epochs added per narrower candidate (the paper's 2). */
  widthEpochStep: number;
  /** Epochs of every micro-phase candidate (the authors' code: 2). */
  microEpochs: number;
  /** Accuracy gain (fraction) a deeper candidate needs to be accepted. */
  addTol: number;
  /** Accuracy drop (fraction) still counted as no drop: the neutral band of depth, the accept band of width. */
  dropTol: number;
  /** Gain (fraction) a micro change needs to be kept. */
  microTol: number;
  /** Relative parameter slack of the micro phase: params ≤ P0 · (1 + paramTol). */
  paramTol: number;
  /** Failures (since the last accept) that end the depth or width phase. */
  failLimit: number;
}

/**
 * The narrowest width the micro phase's parameter matching may reach: half of C_min, rounded up (ours: the authors'
 * loop has no floor and would go on to 0 channels; C_min itself would leave nothing to give back once the width phase
 * reached it).
 */
export function microFloor(r: Pick<SearchRules, 'Cmin'>): number {
  return Math.max(1, Math.ceil(r.Cmin / 2));
}

/** A candidate to train: what, how long, and why. */
export interface CandidateRequest {
  index: number;
  phase: EgnasPhase;
  genome: ChainGenome;
  epochs: number;
  /** Micro phase: the layer changed, what changed, the width before matching. */
  layer: number | null;
  change: string | null;
  matchedFrom: number | null;
}

/** A candidate after its decision. */
export interface DecidedCandidate extends CandidateRequest {
  params: number;
  valAccuracy: number | null;
  decision: Decision;
  /** The accuracy it was compared with (null for the first). */
  against: number | null;
}

interface Best {
  genome: ChainGenome;
  acc: number;
}

const copy = (g: ChainGenome): ChainGenome => ({ C: g.C, ops: [...g.ops], kernels: [...g.kernels] });

/** The micro phase's queue: one change per layer, ops first, then kernels. */
function microChanges(L: number): { phase: 'ops' | 'kernels'; layer: number }[] {
  return [...Array.from({ length: L }, (_, layer) => ({ phase: 'ops' as const, layer })), ...Array.from({ length: L }, (_, layer) => ({ phase: 'kernels' as const, layer }))];
}

/** The four phases, one candidate at a time. */
export class EgnasSearch {
  readonly decided: DecidedCandidate[] = [];
  private pending: CandidateRequest | null = null;
  private phase: EgnasPhase | 'done' = 'depth';
  private epochs: number;
  private fails = 0;
  private best: Best | null = null;
  private L: number;
  private C: number;
  private depthBest: Best | null = null;
  /** The discovered epoch budget (the final retraining's). */
  private found = 0;
  private micro: { P0: number; Cfrom: number; queue: { phase: 'ops' | 'kernels'; layer: number }[]; current: Best | null } | null = null;

  constructor(
    private readonly task: ChainTask,
    private readonly r: SearchRules,
    /** Override of the micro phase's width floor (tests). */
    private readonly floor: number | null = null,
  ) {
    this.epochs = r.startEpochs;
    this.L = r.Lmin;
    this.C = r.Cmax;
  }

  /** The phase now ('done' after the last decision). */
  get currentPhase(): EgnasPhase | 'done' {
    return this.phase;
  }

  /** The epoch budget the search discovered (valid once the width phase ended). */
  get discoveredEpochs(): number {
    return this.found;
  }

  /** The depth phase's best (null before its first result). */
  get depthResult(): { L: number; acc: number } | null {
    return this.depthBest ? { L: this.depthBest.genome.ops.length, acc: this.depthBest.acc } : null;
  }

  /** The network the search ends with, and its validation accuracy in its own phase (null before the end). */
  get result(): { genome: ChainGenome; acc: number; epochs: number } | null {
    const cur = this.micro?.current ?? this.best;
    return this.phase === 'done' && cur ? { genome: copy(cur.genome), acc: cur.acc, epochs: this.found } : null;
  }

  /** The micro phase's parameter budget (null before it starts). */
  get paramBudget(): number | null {
    return this.micro ? Math.floor(this.micro.P0 * (1 + this.r.paramTol)) : null;
  }

  /**
   * What is left, at most, from here (for the time left): the epochs of the candidates not yet reported (the pending
   * one whole) and the discovered budget. It assumes the worst of every decision to come (every depth up to L_max,
   * every width down to C_min, every micro change trained), so it tightens as phases end: at the start it is
   * worstCaseEpochs, in the micro phases the remaining changes exactly (unless one turns out unmatched), and 0 at the
   * end.
   */
  epochsLeft(): { epochs: number; finalEpochs: number } {
    const r = this.r;
    const micro = (L: number) => (1 + 2 * L) * r.microEpochs;
    const widthRun = (e0: number, n: number) => n * e0 + (r.widthEpochStep * n * (n + 1)) / 2;
    const nW = Math.max(0, Math.floor((r.Cmax - r.Cmin) / r.widthStep));
    if (this.phase === 'depth') {
      const nd = r.Lmax - this.L + 1;
      const depth = nd * this.epochs + (r.depthEpochStep * nd * (nd - 1)) / 2;
      const eEnd = this.epochs + (nd - 1) * r.depthEpochStep;
      return { epochs: depth + widthRun(eEnd, nW) + micro(r.Lmax), finalEpochs: eEnd + nW * r.widthEpochStep };
    }
    if (this.phase === 'width') {
      const n = Math.floor((this.C - r.Cmin) / r.widthStep) + 1;
      // The candidate at C has this.epochs; each narrower one widthEpochStep more.
      const width = widthRun(this.epochs - r.widthEpochStep, n);
      return { epochs: width + micro(this.depthL()), finalEpochs: Math.max(this.found, this.epochs + (n - 1) * r.widthEpochStep) };
    }
    if (this.phase === 'done') return { epochs: 0, finalEpochs: this.found };
    const m = this.micro!;
    return { epochs: ((m.current ? 0 : 1) + m.queue.length) * r.microEpochs, finalEpochs: this.found };
  }

  /** The next candidate to train, or null when the search is over. Idempotent until `report`. */
  next(): CandidateRequest | null {
    if (this.pending) return this.pending;
    if (this.phase === 'done') return null;
    const index = this.decided.length;
    const base = { index, layer: null, change: null, matchedFrom: null };
    if (this.phase === 'depth') {
      this.pending = { ...base, phase: 'depth', genome: plainGenome(this.L, this.r.Cmax), epochs: this.epochs };
      return this.pending;
    }
    if (this.phase === 'width') {
      this.pending = { ...base, phase: 'width', genome: plainGenome(this.depthL(), this.C), epochs: this.epochs };
      return this.pending;
    }
    return this.nextMicro(index);
  }

  private depthL(): number {
    return this.depthBest!.genome.ops.length;
  }

  private nextMicro(index: number): CandidateRequest | null {
    const m = this.micro!;
    if (!m.current) {
      // The reference: the macro result, retrained with the micro budget (its accuracy is what changes must beat).
      this.pending = { index, phase: 'ops', genome: copy(this.best!.genome), epochs: this.r.microEpochs, layer: null, change: 'reference', matchedFrom: null };
      return this.pending;
    }
    while (m.queue.length) {
      const { phase, layer } = m.queue[0];
      const cur = m.current.genome;
      const g = copy(cur);
      if (phase === 'ops') {
        if (g.ops[layer] === 'c') {
          m.queue.shift();
          continue;
        }
        g.ops[layer] = 'c';
      } else {
        if (g.kernels[layer] === 5) {
          m.queue.shift();
          continue;
        }
        g.kernels[layer] = 5;
      }
      const change = phase === 'ops' ? `layer ${layer + 1}: SepConv → Conv` : `layer ${layer + 1}: k3 → k5`;
      const floor = this.floor ?? microFloor(this.r);
      const fit = matchWidth(this.task, g, m.Cfrom, this.paramBudget!, floor);
      if (!fit) {
        m.queue.shift();
        this.decided.push({ index, phase, genome: { ...g, C: floor }, epochs: 0, layer, change, matchedFrom: m.Cfrom, params: chainParams(this.task, { ...g, C: floor }), valAccuracy: null, decision: 'unmatched', against: m.current.acc });
        return this.nextMicro(index + 1);
      }
      this.pending = { index, phase, genome: { ...g, C: fit.C }, epochs: this.r.microEpochs, layer, change, matchedFrom: m.Cfrom };
      return this.pending;
    }
    this.phase = 'done';
    return null;
  }

  /** The validation accuracy of the pending candidate (null: its training diverged, a failure). Returns its decision. */
  report(valAccuracy: number | null): DecidedCandidate {
    const req = this.pending;
    if (!req) throw new Error('report() without a pending candidate (call next() first)');
    this.pending = null;
    const acc = valAccuracy !== null && Number.isFinite(valAccuracy) ? valAccuracy : null;
    const params = chainParams(this.task, req.genome);
    const against = req.change === 'reference' ? null : req.phase === 'ops' || req.phase === 'kernels' ? this.micro!.current!.acc : (this.best?.acc ?? null);
    const decision = this.decide(req, acc);
    const out: DecidedCandidate = { ...req, params, valAccuracy: acc, decision, against };
    this.decided.push(out);
    return out;
  }

  private decide(req: CandidateRequest, acc: number | null): Decision {
    const r = this.r;
    if (req.phase === 'depth') {
      let d: Decision;
      if (!this.best) {
        d = 'start';
        this.best = { genome: req.genome, acc: acc ?? 0 };
      } else if (acc !== null && acc >= this.best.acc + r.addTol) {
        d = 'accept';
        this.best = { genome: req.genome, acc };
        this.fails = 0;
      } else if (acc !== null && acc >= this.best.acc - r.dropTol) d = 'neutral';
      else {
        d = 'fail';
        this.fails++;
      }
      if (this.fails >= r.failLimit || this.L >= r.Lmax) this.endDepth();
      else {
        this.L++;
        this.epochs += r.depthEpochStep;
      }
      return d;
    }
    if (req.phase === 'width') {
      let d: Decision;
      if (acc !== null && acc >= this.best!.acc - r.dropTol) {
        d = 'accept';
        // The phase's best accuracy only rises: a run of accepts within the band cannot walk it down.
        this.best = { genome: req.genome, acc: Math.max(acc, this.best!.acc) };
        this.found = this.epochs;
        this.fails = 0;
      } else {
        d = 'fail';
        this.fails++;
      }
      if (this.fails >= r.failLimit || this.C - r.widthStep < r.Cmin) this.startMicro();
      else {
        this.C -= r.widthStep;
        this.epochs += r.widthEpochStep;
      }
      return d;
    }
    const m = this.micro!;
    if (!m.current) {
      m.current = { genome: req.genome, acc: acc ?? 0 };
      return 'reference';
    }
    m.queue.shift();
    if (acc !== null && acc > m.current.acc + r.microTol) {
      m.current = { genome: req.genome, acc };
      return 'keep';
    }
    return 'revert';
  }

  private endDepth(): void {
    this.depthBest = this.best;
    this.found = this.epochs;
    this.fails = 0;
    if (this.r.Cmax - this.r.widthStep < this.r.Cmin) {
      this.startMicro();
      return;
    }
    this.phase = 'width';
    this.C = this.r.Cmax - this.r.widthStep;
    this.epochs += this.r.widthEpochStep;
  }

  private startMicro(): void {
    const g = this.best!.genome;
    this.phase = 'ops';
    this.micro = { P0: chainParams(this.task, g), Cfrom: g.C, queue: microChanges(g.ops.length), current: null };
  }
}

/**
 * The architecture-aware epoch budget of a plain chain of depth L and width C (the search's own rule, used by the
 * fair-ranking demo): the first candidate's epochs, one more per layer above L_min, two more per width step below C_max.
 */
export function awareEpochs(r: Pick<SearchRules, 'Lmin' | 'Cmax' | 'widthStep' | 'startEpochs' | 'depthEpochStep' | 'widthEpochStep'>, L: number, C: number): number {
  return r.startEpochs + r.depthEpochStep * Math.max(0, L - r.Lmin) + r.widthEpochStep * Math.max(0, Math.round((r.Cmax - C) / r.widthStep));
}

/**
 * Worst-case candidates and epochs of a search (for the progress total): every depth up to L_max, every width down to
 * C_min, the reference and 2·L_max micro changes.
 */
export function worstCaseEpochs(r: SearchRules): { candidates: number; epochs: number; finalEpochs: number } {
  const nD = r.Lmax - r.Lmin + 1;
  const nW = Math.max(0, Math.floor((r.Cmax - r.Cmin) / r.widthStep));
  let epochs = 0;
  for (let i = 0; i < nD; i++) epochs += r.startEpochs + i * r.depthEpochStep;
  const afterDepth = r.startEpochs + (nD - 1) * r.depthEpochStep;
  for (let j = 1; j <= nW; j++) epochs += afterDepth + j * r.widthEpochStep;
  const nM = 1 + 2 * r.Lmax;
  epochs += nM * r.microEpochs;
  return { candidates: nD + nW + nM, epochs, finalEpochs: afterDepth + nW * r.widthEpochStep };
}
