/**
 * Layers × ops heatmap of PAD-NAS op shares p_ij, drawn by d3 into an <svg> React owns. Cells of ops pruned from a
 * layer are grey with a cross; ops never in a layer's space (identity where stride or width changes, ops outside the
 * chosen family, or not in a given space's set for that layer) are blank. Columns of a given (learned) space are its
 * MB ops and cell names (methods/padnas/ops.ts spaceColumns).
 */
import * as d3 from 'd3';
import { plotGroup } from '../../../viz/frame';

export interface HeatmapData {
  ops: readonly string[];
  /** Per slot × op: allowed in the initial space. */
  allowed: readonly (readonly boolean[])[];
  /** Current op set per slot. */
  space: readonly (readonly string[])[];
  /** Per slot × op: latest share (NaN before the first vote). */
  shares: readonly (readonly number[])[];
}

export type CellState = 'absent' | 'pruned' | 'live';

/** An op's name on screen: identity for `skip`; MB names (k5e6) and cell names (c3-zz3zzz, their DAG) as they are. */
export function opLabel(op: string): string {
  return op === 'skip' ? 'identity' : op;
}

interface Cell {
  key: string;
  slot: number;
  op: string;
  col: number;
  state: CellState;
  share: number;
}

/** The state of every cell (pure; tested). */
export function heatmapCells(d: HeatmapData): Cell[] {
  return d.allowed.flatMap((row, slot) =>
    d.ops.map((op, col) => {
      const state: CellState = !row[col] ? 'absent' : d.space[slot].includes(op) ? 'live' : 'pruned';
      return { key: `${slot}-${op}`, slot, op, col, state, share: d.shares[slot]?.[col] ?? Number.NaN };
    }),
  );
}

const M = { top: 26, right: 8, bottom: 8, left: 40 };

/** Draw or update the heatmap. */
export function drawShareHeatmap(svg: SVGSVGElement, d: HeatmapData, width: number, duration: number): void {
  const cells = heatmapCells(d);
  const rows = d.allowed.length;
  const w = Math.max(200, width);
  const cellW = (w - M.left - M.right) / d.ops.length;
  const cellH = Math.min(30, Math.max(20, cellW * 0.5));
  const h = M.top + M.bottom + rows * cellH;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  svg.dataset.pruned = String(cells.filter((c) => c.state === 'pruned').length);
  const color = d3.scaleSequential(d3.interpolateBlues).domain([0, 1]);
  const plot = plotGroup(root, M);
  plot
    .selectAll<SVGTextElement, string>('text.col')
    .data(d.ops)
    .join('text')
    .attr('class', 'col axis-label')
    .attr('text-anchor', 'middle')
    .attr('x', (_, i) => (i + 0.5) * cellW)
    .attr('y', -8)
    .text(opLabel)
    .attr('font-size', cellW < 60 && d.ops.some((op) => op.length > 6) ? 9 : null);
  plot
    .selectAll<SVGTextElement, number>('text.row')
    .data(d3.range(rows))
    .join('text')
    .attr('class', 'row axis-label')
    .attr('text-anchor', 'end')
    .attr('x', -6)
    .attr('y', (r) => (r + 0.5) * cellH + 4)
    .text((r) => `B${r + 1}`);
  const t = d3.transition('shares').duration(duration);
  const g = plot
    .selectAll<SVGGElement, Cell>('g.cell')
    .data(cells, (c) => c.key)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'cell');
      e.append('rect');
      e.append('text').attr('text-anchor', 'middle');
      e.append('title');
      return e;
    })
    .attr('class', (c) => `cell ${c.state}`)
    .attr('data-state', (c) => c.state)
    .attr('transform', (c) => `translate(${c.col * cellW},${c.slot * cellH})`);
  g.select('rect')
    .attr('width', cellW - 2)
    .attr('height', cellH - 2)
    .transition(t)
    .attr('fill', (c) => (c.state === 'live' ? (Number.isFinite(c.share) ? color(0.1 + 0.9 * c.share) : 'var(--pad-cell-empty, #eef2f7)') : c.state === 'pruned' ? 'var(--pad-pruned, #9aa0a6)' : 'none'));
  g.select('text')
    .attr('x', (cellW - 2) / 2)
    .attr('y', cellH / 2 + 3)
    .attr('class', (c) => (c.state === 'live' && c.share > 0.55 ? 'cell-text dark' : 'cell-text'))
    .text((c) => (c.state === 'absent' ? '–' : c.state === 'pruned' ? '✕' : Number.isFinite(c.share) ? `${Math.round(100 * c.share)}%` : ''));
  g.select('title').text((c) =>
    c.state === 'absent'
      ? c.op === 'skip' ? `B${c.slot + 1} identity: not allowed here (it needs stride 1 and unchanged width)` : `B${c.slot + 1} ${c.op}: not a candidate here (op family, or not in the given space)`
      : c.state === 'pruned'
        ? `B${c.slot + 1} ${c.op}: pruned (last share ${Number.isFinite(c.share) ? `${(100 * c.share).toFixed(1)}%` : '–'})`
        : `B${c.slot + 1} ${c.op}: share ${Number.isFinite(c.share) ? `${(100 * c.share).toFixed(1)}%` : 'not voted yet'}`,
  );
}
