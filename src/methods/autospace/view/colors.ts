/**
 * One colour per cell within a slot, shared by the softmax(α) bars and the top-K timeline: cells take palette colours
 * in order of first appearance (by iteration; top-K names before picks), so the same cell has the same colour in both.
 */
import * as d3 from 'd3';
import type { AlphaRow, TopKRow } from '../snapshot';

const PALETTE: readonly string[] = [...d3.schemeTableau10, '#1b9e77', '#7570b3', '#e7298a', '#66a61e', '#a6761d'];

/** The colour function of `slot`'s cells (pure). */
export function slotColors(alphaRows: readonly AlphaRow[], topK: readonly TopKRow[], slot: number): (name: string) => string {
  const order = new Map<string, number>();
  const rows = [...topK.filter((r) => r.slot === slot).map((r) => ({ it: r.iteration, names: r.names, k: 0 })), ...alphaRows.filter((r) => r.slot === slot).map((r) => ({ it: r.iteration, names: r.picks, k: 1 }))];
  rows.sort((a, b) => a.it - b.it || a.k - b.k);
  for (const r of rows) for (const n of r.names) if (!order.has(n)) order.set(n, order.size);
  return (name) => PALETTE[(order.get(name) ?? order.size) % PALETTE.length];
}
