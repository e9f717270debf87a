/**
 * Why a shrink check did or did not remove atoms, in numbers and plain words (pure, no tfjs). An atom dies only when
 * its gate |γ| is at or below the threshold in the live weights AND in the EMA weights, and the dead atoms are removed
 * only once their MACs reach the shrink threshold (shrinkFrac × supernet MACs): a histogram full of zeros in the live
 * weights can still mean "nothing removed yet".
 */
import type { AtomNasCheck } from './snapshot';

export interface CheckInput {
  step: number;
  threshold: number;
  /** Live and EMA gates per block (ema null: no EMA, the live weights alone decide). */
  live: readonly ArrayLike<number>[];
  ema: readonly ArrayLike<number>[] | null;
  /** What the shrink plan found: atoms it would remove, their MACs, and whether that triggered a removal. */
  removable: number;
  removableMacs: number;
  minMacs: number;
  triggered: boolean;
}

const fmt = (v: number): string => Math.round(v).toLocaleString('en-US');

export function checkReport(c: CheckInput): AtomNasCheck {
  let deadLive = 0;
  let deadEma = 0;
  let deadBoth = 0;
  c.live.forEach((g, bi) => {
    const e = c.ema?.[bi];
    for (let i = 0; i < g.length; i++) {
      const l = Math.abs(g[i]) <= c.threshold;
      const m = e ? Math.abs(e[i]) <= c.threshold : l;
      if (l) deadLive++;
      if (m) deadEma++;
      if (l && m) deadBoth++;
    }
  });
  return {
    step: c.step,
    deadLive,
    deadEma: c.ema ? deadEma : null,
    deadBoth,
    removable: c.removable,
    removableMacs: c.removableMacs,
    minMacs: c.minMacs,
    removed: c.triggered,
    reason: reasonOf({ deadLive, deadBoth, hasEma: c.ema !== null }, c),
  };
}

function reasonOf(n: { deadLive: number; deadBoth: number; hasEma: boolean }, c: CheckInput): string {
  if (c.triggered) return `Removed ${c.removable} dead atoms: their ${fmt(c.removableMacs)} MACs reached the shrink threshold of ${fmt(c.minMacs)} MACs.`;
  if (n.deadLive === 0 && n.deadBoth === 0) return `Nothing removed: no gate is at or below ${c.threshold} yet.`;
  if (n.hasEma && n.deadBoth === 0) {
    return `Nothing removed: ${n.deadLive} atoms are dead in the live weights but none in the EMA weights yet (an atom must be dead in both; the EMA follows the live weights slowly).`;
  }
  const emaNote = n.hasEma && n.deadLive > n.deadBoth ? ` (${n.deadLive - n.deadBoth} more are dead in the live weights only, waiting for the EMA)` : '';
  if (c.removable === 0) return `Nothing removed: the ${n.deadBoth} dead atoms are each the last atom of a block without a shortcut, which is kept${emaNote}.`;
  return `Nothing removed yet: ${c.removable} atoms are dead in ${n.hasEma ? 'both live and EMA weights' : 'the weights'}${emaNote}, but their ${fmt(c.removableMacs)} MACs are below the shrink threshold of ${fmt(c.minMacs)} MACs.`;
}
