/**
 * Per-block stacked bars of surviving atoms per kernel size, drawn by d3 into an <svg> React owns. Bars animate
 * (d3 transitions) from their previous height when a shrink event removes atoms; a faint outline shows the
 * supernet's atom count of each block, so what died stays visible.
 */
import * as d3 from 'd3';
import { plotGroup, xAxisGroup, yAxisGroup } from '../../../viz/frame';
import { yAxisLabel } from '../../../viz/axisLabels';

export interface BlockBarDatum {
  slot: number;
  residual: boolean;
  stride: number;
  cout: number;
  /** Alive atoms per kernel (order of `kernels`). */
  counts: readonly number[];
  supernet: readonly number[];
}

export interface BlockBarsOptions {
  width: number;
  height: number;
  kernels: readonly number[];
  /** Transition length in ms (0 = jump, e.g. for reduced motion). */
  duration: number;
}

const M = { top: 12, right: 10, bottom: 40, left: 44 };

interface Seg {
  key: string;
  slot: number;
  k: number;
  y0: number;
  y1: number;
}

/** Draw or update the bars. */
export function drawBlockBars(svg: SVGSVGElement, blocks: readonly BlockBarDatum[], o: BlockBarsOptions): void {
  const w = Math.max(120, o.width);
  const h = Math.max(100, o.height);
  const iw = w - M.left - M.right;
  const ih = h - M.top - M.bottom;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  const maxTotal = d3.max(blocks, (b) => d3.sum(b.supernet)) ?? 1;
  const x = d3
    .scaleBand<number>()
    .domain(blocks.map((b) => b.slot))
    .range([0, iw])
    .padding(0.25);
  const y = d3.scaleLinear().domain([0, Math.max(1, maxTotal)]).range([ih, 0]).nice();
  const plot = plotGroup(root, M);
  yAxisGroup(plot, d3.axisLeft(y).ticks(5));
  const slotName = (slot: number) => {
    const b = blocks.find((d) => d.slot === slot);
    return b ? `B${slot + 1}${b.stride > 1 ? ' ↓' : ''}${b.residual ? ' +' : ''}` : String(slot);
  };
  xAxisGroup(plot, d3.axisBottom(x).tickFormat(slotName), ih);
  yAxisLabel(root, 'atoms alive', 12, M.top + ih / 2);

  plot
    .selectAll<SVGRectElement, BlockBarDatum>('rect.supernet')
    .data(blocks, (b) => String(b.slot))
    .join('rect')
    .attr('class', 'supernet')
    .attr('x', (b) => x(b.slot) ?? 0)
    .attr('width', x.bandwidth())
    .attr('y', (b) => y(d3.sum(b.supernet)))
    .attr('height', (b) => ih - y(d3.sum(b.supernet)));

  const segs: Seg[] = blocks.flatMap((b) => {
    let acc = 0;
    return o.kernels.map((k, ki) => {
      const y0 = acc;
      acc += b.counts[ki] ?? 0;
      return { key: `${b.slot}-${k}`, slot: b.slot, k, y0, y1: acc };
    });
  });
  const t = d3.transition('shrink').duration(o.duration).ease(d3.easeCubicOut);
  plot
    .selectAll<SVGRectElement, Seg>('rect.seg')
    .data(segs, (s) => s.key)
    .join((enter) =>
      enter
        .append('rect')
        .attr('y', (s) => y(s.y1))
        .attr('height', (s) => y(s.y0) - y(s.y1)),
    )
    .attr('class', (s) => `seg k${s.k}`)
    .attr('x', (s) => x(s.slot) ?? 0)
    .attr('width', x.bandwidth())
    .transition(t)
    .attr('y', (s) => y(s.y1))
    .attr('height', (s) => Math.max(0, y(s.y0) - y(s.y1)));

  const totals = blocks.map((b) => ({ slot: b.slot, n: d3.sum(b.counts), of: d3.sum(b.supernet) }));
  plot
    .selectAll<SVGTextElement, (typeof totals)[number]>('text.count')
    .data(totals, (d) => String(d.slot))
    .join('text')
    .attr('class', 'count')
    .attr('text-anchor', 'middle')
    .attr('x', (d) => (x(d.slot) ?? 0) + x.bandwidth() / 2)
    .attr('y', (d) => y(d.of) - 3)
    .text((d) => (d.n === 0 ? 'identity' : `${d.n}`));
}
