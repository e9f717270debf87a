/**
 * The live data of the AutoSpace-style screen, outside React (pure). Each snapshot replaces the slots, budget and
 * payoff, and appends its incremental rows (loss points, softmax(α) rows, top-K rows) to bounded histories: a resent
 * row (same iteration and slot) replaces the old one, and the oldest rows go once a history is full. The d3 charts
 * subscribe and redraw on animation frames; nothing here re-renders React per snapshot.
 */
import { compact, sig } from '../../../ui/common/format';
import type { AlphaRow, AutoSpaceSnapshot, BudgetState, PayoffState, SlotState, TopKRow } from '../snapshot';

type Listener = () => void;

/** At most this many α rows and top-K rows are kept (7 slots × ~285 iterations); older ones are dropped. */
export const MAX_ROWS = 2000;
/** At most this many loss points; beyond it every other point is dropped (the first and last stay; the curve keeps its shape). */
export const MAX_LOSS = 1000;
/** At most this many event lines. */
export const MAX_EVENTS = 50;

export interface BudgetPoint {
  iteration: number;
  expected: number;
}

/** Insert rows keyed by (iteration, slot), replacing a resent one; keep the last `max`. */
function mergeRows<R extends { iteration: number; slot: number }>(into: R[], rows: readonly R[], max: number): void {
  for (const r of rows) {
    // Rows arrive in iteration order: look back only over rows of this iteration or later.
    let i = into.length - 1;
    while (i >= 0 && into[i].iteration >= r.iteration && !(into[i].iteration === r.iteration && into[i].slot === r.slot)) i--;
    if (i >= 0 && into[i].iteration === r.iteration && into[i].slot === r.slot) into[i] = r;
    else into.push(r);
  }
  if (into.length > max) into.splice(0, into.length - max);
}

export class AutoSpaceLive {
  snap: AutoSpaceSnapshot | null = null;
  slots: SlotState[] = [];
  readonly alphaRows: AlphaRow[] = [];
  readonly topK: TopKRow[] = [];
  readonly loss: { step: number; loss: number }[] = [];
  /** E[cost] at the end of each iteration seen (the gauge's trace). */
  readonly budgetTrace: BudgetPoint[] = [];
  budget: BudgetState | null = null;
  payoff: PayoffState | null = null;
  /** Event lines, newest last. */
  readonly events: string[] = [];
  /** Bumped on every change (LiveSvg redraws when it moved). */
  version = 0;
  private readonly listeners = new Set<Listener>();

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Take one snapshot (null: a new run starts, forget the old one). */
  apply(s: AutoSpaceSnapshot | null): void {
    if (!s) {
      this.snap = null;
      this.slots = [];
      this.alphaRows.length = 0;
      this.topK.length = 0;
      this.loss.length = 0;
      this.budgetTrace.length = 0;
      this.budget = null;
      this.payoff = null;
      this.events.length = 0;
    } else {
      this.snap = s;
      this.slots = s.slots.slice().sort((a, b) => a.slot - b.slot);
      mergeRows(this.alphaRows, s.alphaRows, MAX_ROWS);
      mergeRows(this.topK, s.topK, MAX_ROWS);
      const lastStep = this.loss.at(-1)?.step ?? -Infinity;
      for (const p of s.loss) if (p.step > lastStep && Number.isFinite(p.loss)) this.loss.push(p);
      if (this.loss.length > MAX_LOSS) {
        const kept = this.loss.filter((_, i) => i % 2 === 0 || i === this.loss.length - 1);
        this.loss.splice(0, this.loss.length, ...kept);
      }
      if (s.budget) {
        this.budget = s.budget;
        const last = this.budgetTrace.at(-1);
        if (last?.iteration === s.iteration) last.expected = s.budget.expected;
        else this.budgetTrace.push({ iteration: s.iteration, expected: s.budget.expected });
        if (this.budgetTrace.length > MAX_ROWS) this.budgetTrace.splice(0, this.budgetTrace.length - MAX_ROWS);
      }
      if (s.payoff) this.payoff = s.payoff;
      if (s.event && s.event !== this.events.at(-1)) {
        this.events.push(s.event);
        if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
      }
    }
    this.version++;
    for (const fn of this.listeners) fn();
  }

  /** Slot numbers seen, ascending. */
  slotIds(): number[] {
    return this.slots.map((s) => s.slot);
  }
}

/** The screen's one buffer (module-level: it outlives the view's mounts, as the run does). */
export const autospaceLive = new AutoSpaceLive();

/** "B1" for slot 0 (slots are numbered from 0, shown from 1 as on the PAD-NAS screen). */
export function slotLabel(slot: number): string {
  return `B${slot + 1}`;
}

/** A cost in its unit: "12.3 MMACs", "4.56 ms". */
export function costText(v: number, unit: 'MMACs' | 'ms'): string {
  if (!Number.isFinite(v)) return '–';
  return unit === 'ms' ? `${v.toPrecision(3)} ms` : `${v >= 100 ? compact(v) : v.toPrecision(3)} MMACs`;
}

const PHASES: Record<AutoSpaceSnapshot['phase'], string> = {
  evolve: 'evolving the search space',
  payoff: 'payoff: searching both spaces',
  final: 'training the found network',
  done: 'done',
};

export interface Readouts {
  phase: string;
  iteration: string;
  step: string;
  loss: string;
  budget: string;
  event: string;
}

/** The readouts as text (React re-renders only when one changes). */
export function readoutValues(live: AutoSpaceLive): Readouts {
  const s = live.snap;
  const b = live.budget;
  const loss = live.loss.at(-1)?.loss;
  return {
    phase: s ? PHASES[s.phase] : 'not started',
    iteration: s ? `${Math.min(s.iteration, s.iterations)} of ${s.iterations}` : '–',
    step: s ? String(s.step) : '–',
    loss: loss === undefined ? '–' : sig(loss),
    budget: b ? `${costText(b.expected, b.unit)} of ${costText(b.budget, b.unit)} (${Math.round((100 * b.expected) / b.budget)}%)` : '–',
    event: live.events.at(-1) ?? '',
  };
}
