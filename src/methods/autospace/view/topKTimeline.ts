/**
 * The top-K timeline: one band per slot, one column per iteration, K chips per column (the slot's fittest cells after
 * that iteration, best on top). A cell keeps its colour, so a run of one colour is a cell that stays in the learned
 * space; a ringed chip entered the top-K in that iteration.
 */
import * as d3 from 'd3';
import { plotGroup, xAxisGroup } from '../../../viz/frame';
import type { TopKRow } from '../snapshot';
import { describeCell } from './cellGlyph';
import { slotLabel } from './liveBuffer';
import { xAxisLabel } from '../../../viz/axisLabels';

export interface TimelineChip {
  key: string;
  slot: number;
  iteration: number;
  rank: number;
  name: string;
  /** Not in the slot's previous top-K row. */
  entered: boolean;
}

/** Every chip (pure): rows of each slot in iteration order; the first row of a slot has nothing "entered". */
export function timelineChips(rows: readonly TopKRow[]): TimelineChip[] {
  const prev = new Map<number, Set<string>>();
  const sorted = rows.slice().sort((a, b) => a.iteration - b.iteration || a.slot - b.slot);
  const chips: TimelineChip[] = [];
  for (const r of sorted) {
    const before = prev.get(r.slot);
    r.names.forEach((name, rank) => chips.push({ key: `${r.slot}:${r.iteration}:${rank}`, slot: r.slot, iteration: r.iteration, rank, name, entered: before !== undefined && !before.has(name) }));
    prev.set(r.slot, new Set(r.names));
  }
  return chips;
}

const M = { top: 8, right: 10, bottom: 30, left: 40 };
const LANE = 13;
const BAND_GAP = 8;

/** Draw or update the timeline; `colorOf(slot)` gives that slot's cell colours. */
export function drawTopKTimeline(svg: SVGSVGElement, rows: readonly TopKRow[], colorOf: (slot: number) => (name: string) => string, o: { width: number; duration: number }): boolean {
  const chips = timelineChips(rows);
  if (chips.length === 0) return false;
  const slots = [...new Set(chips.map((c) => c.slot))].sort((a, b) => a - b);
  const iterations = [...new Set(chips.map((c) => c.iteration))].sort((a, b) => a - b);
  const k = Math.max(...chips.map((c) => c.rank)) + 1;
  const band = k * LANE + BAND_GAP;
  const w = Math.max(220, o.width);
  const iw = w - M.left - M.right;
  const h = M.top + M.bottom + slots.length * band;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  svg.dataset.columns = String(iterations.length);
  const x = d3.scaleBand<number>().domain(iterations).range([0, Math.min(iw, iterations.length * 110)]).padding(0.12);
  const slotY = new Map(slots.map((s, i) => [s, i * band]));
  const plot = plotGroup(root, M);
  const every = Math.max(1, Math.ceil(iterations.length / Math.max(1, Math.floor(iw / 36))));
  xAxisGroup(plot, d3.axisBottom(x).tickValues(iterations.filter((_, i) => i % every === 0)), slots.length * band - BAND_GAP / 2);
  xAxisLabel(root, 'iteration', M.left + iw / 2, h - 4);
  plot
    .selectAll<SVGTextElement, number>('text.slot-label')
    .data(slots, (s) => String(s))
    .join('text')
    .attr('class', 'slot-label axis-label')
    .attr('text-anchor', 'end')
    .attr('x', -6)
    .attr('y', (s) => (slotY.get(s) ?? 0) + (k * LANE) / 2 + 4)
    .text(slotLabel);
  const colors = new Map(slots.map((s) => [s, colorOf(s)]));
  const bw = x.bandwidth();
  const labelled = bw >= 58;
  const t = d3.transition('topk').duration(o.duration);
  const g = plot
    .selectAll<SVGGElement, TimelineChip>('g.chip')
    .data(chips, (c) => c.key)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'chip').attr('opacity', 0);
      e.append('rect');
      e.append('text').attr('class', 'chip-text');
      e.append('title');
      return e;
    })
    .attr('class', (c) => `chip${c.entered ? ' entered' : ''}`)
    .attr('data-cell', (c) => c.name)
    .attr('transform', (c) => `translate(${x(c.iteration) ?? 0},${(slotY.get(c.slot) ?? 0) + c.rank * LANE})`);
  g.transition(t).attr('opacity', 1);
  g.select('rect')
    .attr('width', bw)
    .attr('height', LANE - 2)
    .attr('rx', 2)
    .attr('fill', (c) => colors.get(c.slot)?.(c.name) ?? 'var(--accent)');
  g.select('text')
    .attr('fill', (c) => (d3.hsl(colors.get(c.slot)?.(c.name) ?? '#000').l > 0.6 ? '#111' : '#fff'))
    .attr('x', 3)
    .attr('y', LANE - 4.5)
    .text((c) => (labelled ? c.name : ''));
  g.select('title').text((c) => `${slotLabel(c.slot)} after iteration ${c.iteration}, #${c.rank + 1}: ${c.name}${c.entered ? ' (entered the top-K)' : ''}\n${describeCell(c.name)}`);
  return true;
}
