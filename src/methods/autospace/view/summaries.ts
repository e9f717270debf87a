/**
 * One short text per chart for screen readers (pure): what the chart shows now, in a sentence or two. The live view
 * puts them in visually hidden text next to each chart, so they change only when the data behind them does.
 */
import type { AlphaRow, BudgetState, PayoffState, SlotState, TopKRow } from '../snapshot';
import { costText, slotLabel } from './liveBuffer';
import { paretoFront, verdict } from './payoffFronts';

const pct = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? `${Math.round(100 * v)}%` : '–');

/** The board: per slot, the population size, the best cell and the picks with their weights. */
export function boardSummary(slots: readonly SlotState[], iteration: number): string {
  if (slots.length === 0) return 'Population board: no populations yet.';
  const parts = slots.map((s) => {
    const best = s.cells.reduce<SlotState['cells'][number] | null>((b, c) => (b === null || c.fitness > b.fitness ? c : b), null);
    const picks = s.picks.map((n, i) => `${n} ${pct(s.weights[i])}`).join(', ');
    return `${slotLabel(s.slot)}: ${s.cells.length} cells, best ${best?.name ?? '–'}; picks ${picks || 'none'}.`;
  });
  return `Population board after iteration ${iteration}. ${parts.join(' ')}`;
}

/** The α bars of one slot: how many iterations, and the latest weights. */
export function alphaSummary(rows: readonly AlphaRow[], slot: number): string {
  const mine = rows.filter((r) => r.slot === slot);
  const last = mine.at(-1);
  if (!last) return `softmax(α) of ${slotLabel(slot)}: no iteration finished yet.`;
  return `softmax(α) of ${slotLabel(slot)} over ${mine.length} iteration${mine.length === 1 ? '' : 's'}; at iteration ${last.iteration}: ${last.picks.map((n, i) => `${n} ${pct(last.weights[i])}`).join(', ')}.`;
}

/** The timeline: per slot, the current top-K and how many iterations it has been unchanged. */
export function topKSummary(rows: readonly TopKRow[]): string {
  const slots = [...new Set(rows.map((r) => r.slot))].sort((a, b) => a - b);
  if (slots.length === 0) return 'Top-K timeline: no iteration finished yet.';
  const parts = slots.map((slot) => {
    const mine = rows.filter((r) => r.slot === slot).sort((a, b) => a.iteration - b.iteration);
    const last = mine[mine.length - 1];
    const key = (r: TopKRow) => r.names.slice().sort().join(' ');
    let stable = 1;
    while (stable < mine.length && key(mine[mine.length - 1 - stable]) === key(last)) stable++;
    return `${slotLabel(slot)}: ${last.names.join(', ')} (unchanged for ${stable} iteration${stable === 1 ? '' : 's'}).`;
  });
  return `Top-K cells per slot, the learned space so far. ${parts.join(' ')}`;
}

/** The gauge: expected cost against the budget. */
export function budgetSummary(b: BudgetState | null): string {
  if (!b) return 'Budget gauge: no expected cost yet.';
  const share = b.budget > 0 ? b.expected / b.budget : Number.NaN;
  return `Expected cost ${costText(b.expected, b.unit)}, ${pct(share)} of the budget ${costText(b.budget, b.unit)}; ${b.expected > b.budget ? `over budget, penalty ${b.penalty.toPrecision(3)}` : 'within budget, no penalty'}.`;
}

/** The payoff: how many networks per space, the fronts' sizes, and the verdict. */
export function payoffSummary(p: PayoffState | null): string {
  const v = verdict(p);
  if (!p) return v.text;
  return `Learned space: ${p.learned.length} networks, ${paretoFront(p.learned).length} on its Pareto front. Hand-designed space: ${p.hand.length} networks, ${paretoFront(p.hand).length} on its front. ${v.text}`;
}
