/**
 * softmax(α) over time for one slot: one stacked bar per iteration, one segment per tournament pick, its height the
 * weight the supernet gave that cell. A cell keeps its colour across iterations (and in the top-K timeline).
 */
import * as d3 from 'd3';
import { plotGroup, xAxisGroup, yAxisGroup } from '../../../viz/frame';
import type { AlphaRow } from '../snapshot';
import { describeCell } from './cellGlyph';
import { xAxisLabel } from '../../../viz/axisLabels';

export interface AlphaSegment {
  key: string;
  iteration: number;
  name: string;
  weight: number;
  y0: number;
  y1: number;
  pick: number;
}

/** The stacked segments of one slot's rows (pure): weights in mixing order, stacked from 0. */
export function alphaSegments(rows: readonly AlphaRow[], slot: number): AlphaSegment[] {
  return rows
    .filter((r) => r.slot === slot)
    .flatMap((r) => {
      let y = 0;
      return r.picks.map((name, pick) => {
        const weight = Number.isFinite(r.weights[pick]) ? r.weights[pick] : 0;
        const seg = { key: `${r.iteration}:${pick}:${name}`, iteration: r.iteration, name, weight, y0: y, y1: y + weight, pick };
        y += weight;
        return seg;
      });
    });
}

const M = { top: 12, right: 10, bottom: 32, left: 40 };

/** Draw or update the bars of `slot`. */
export function drawAlphaBars(svg: SVGSVGElement, rows: readonly AlphaRow[], slot: number, o: { width: number; height: number; duration: number; color: (name: string) => string }): boolean {
  const segs = alphaSegments(rows, slot);
  if (segs.length === 0) return false;
  const w = Math.max(220, o.width);
  const h = Math.max(140, o.height);
  const iw = w - M.left - M.right;
  const ih = h - M.top - M.bottom;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  svg.dataset.bars = String(new Set(segs.map((s) => s.iteration)).size);
  const iterations = [...new Set(segs.map((s) => s.iteration))].sort((a, b) => a - b);
  const x = d3.scaleBand<number>().domain(iterations).range([0, Math.min(iw, iterations.length * 64)]).padding(0.15);
  const y = d3.scaleLinear().domain([0, 1]).range([ih, 0]);
  const color = o.color;
  const plot = plotGroup(root, M);
  const every = Math.max(1, Math.ceil(iterations.length / Math.max(1, Math.floor(iw / 36))));
  xAxisGroup(plot, d3.axisBottom(x).tickValues(iterations.filter((_, i) => i % every === 0)), ih);
  yAxisGroup(plot, d3.axisLeft(y).ticks(4).tickFormat(d3.format('.0%')));
  xAxisLabel(root, 'iteration', M.left + iw / 2, h - 4);
  const t = d3.transition('alpha').duration(o.duration);
  plot
    .selectAll<SVGRectElement, AlphaSegment>('rect.seg')
    .data(segs, (s) => s.key)
    .join((enter) => enter.append('rect').attr('class', 'seg').attr('y', ih).attr('height', 0))
    .attr('data-cell', (s) => s.name)
    .attr('x', (s) => x(s.iteration) ?? 0)
    .attr('width', x.bandwidth())
    .attr('fill', (s) => color(s.name))
    .call((sel) => sel.selectAll('title').data((s) => [s]).join('title').text((s) => `iteration ${s.iteration}, pick ${s.pick + 1}: ${s.name}\n${describeCell(s.name)}\nsoftmax(α) ${(100 * s.weight).toFixed(1)}%`))
    .transition(t)
    .attr('y', (s) => y(s.y1))
    .attr('height', (s) => Math.max(0, y(s.y0) - y(s.y1)));
  const showText = x.bandwidth() >= 26;
  plot
    .selectAll<SVGTextElement, AlphaSegment>('text.seg-label')
    .data(showText ? segs.filter((s) => y(s.y0) - y(s.y1) >= 12) : [], (s) => s.key)
    .join('text')
    .attr('class', 'seg-label')
    .attr('text-anchor', 'middle')
    .attr('x', (s) => (x(s.iteration) ?? 0) + x.bandwidth() / 2)
    .attr('y', (s) => (y(s.y0) + y(s.y1)) / 2 + 3)
    .text((s) => `${Math.round(100 * s.weight)}%`);
  return true;
}
