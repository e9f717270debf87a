/**
 * Two small PAD-NAS charts: search-space size (log10) per stage, and the ranking check — one-shot accuracy against
 * short stand-alone accuracy for a handful of architectures, before and after pruning, with Kendall τ.
 */
import * as d3 from 'd3';
import { plotGroup, xAxisGroup, yAxisGroup } from '../../../viz/frame';
import type { PadNasRanking, PadNasRankPoint } from '../snapshot';
import { xAxisLabel, yAxisLabel } from '../../../viz/axisLabels';

/** Bars of log10 |space| at the start and after each pruning. */
export function drawSpaceSize(svg: SVGSVGElement, log10s: readonly number[], width: number, height: number): void {
  const M = { top: 14, right: 10, bottom: 30, left: 40 };
  const w = Math.max(160, width);
  const iw = w - M.left - M.right;
  const ih = height - M.top - M.bottom;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${height}`).attr('width', w).attr('height', height);
  const labels = log10s.map((_, i) => (i === 0 ? 'start' : `after prune ${i}`));
  const x = d3.scaleBand<string>().domain(labels).range([0, iw]).padding(0.3);
  const y = d3.scaleLinear().domain([0, Math.max(1, d3.max(log10s) ?? 1)]).range([ih, 0]).nice();
  const plot = plotGroup(root, M);
  xAxisGroup(plot, d3.axisBottom(x), ih);
  yAxisGroup(plot, d3.axisLeft(y).ticks(4).tickFormat((v) => `10^${String(v)}`));
  const data = log10s.map((v, i) => ({ v, label: labels[i] }));
  plot
    .selectAll<SVGRectElement, (typeof data)[number]>('rect.size')
    .data(data, (d) => d.label)
    .join('rect')
    .attr('class', 'size')
    .attr('x', (d) => x(d.label) ?? 0)
    .attr('width', x.bandwidth())
    .attr('y', (d) => y(d.v))
    .attr('height', (d) => ih - y(d.v));
  plot
    .selectAll<SVGTextElement, (typeof data)[number]>('text.value')
    .data(data, (d) => d.label)
    .join('text')
    .attr('class', 'value')
    .attr('text-anchor', 'middle')
    .attr('x', (d) => (x(d.label) ?? 0) + x.bandwidth() / 2)
    .attr('y', (d) => y(d.v) - 3)
    .text((d) => d.v.toFixed(2));
}

/** "τ = 0.43" or "τ –" while not measured. */
export function tauText(tau: number): string {
  return Number.isFinite(tau) ? `τ = ${tau.toFixed(2)}` : 'τ –';
}

function panel(g: d3.Selection<SVGGElement, null, SVGSVGElement, unknown>, pts: readonly PadNasRankPoint[], tau: number, title: string, size: number): void {
  const done = pts.filter((p) => Number.isFinite(p.standalone));
  const all = [...pts.map((p) => p.oneShot), ...done.map((p) => p.standalone)];
  const lo = Math.max(0, (d3.min(all) ?? 0) - 0.03);
  const hi = Math.min(1, (d3.max(all) ?? 1) + 0.03);
  const x = d3.scaleLinear().domain([lo, hi]).range([0, size]).nice();
  const y = d3.scaleLinear().domain([lo, hi]).range([size, 0]).nice();
  xAxisGroup(g, d3.axisBottom(x).ticks(3).tickFormat(d3.format('.0%')), size);
  yAxisGroup(g, d3.axisLeft(y).ticks(3).tickFormat(d3.format('.0%')));
  g.selectAll<SVGTextElement, string>('text.title').data([`${title}: ${tauText(tau)}`]).join('text').attr('class', 'axis-label title').attr('y', -6).text((d) => d);
  xAxisLabel(g, 'one-shot', size / 2, size + 28);
  g.selectAll<SVGCircleElement, PadNasRankPoint>('circle.rank')
    .data(done, (p) => p.genotype.join('|'))
    .join('circle')
    .attr('class', 'rank')
    .attr('r', 4)
    .attr('cx', (p) => x(p.oneShot))
    .attr('cy', (p) => y(p.standalone))
    .call((sel) => sel.selectAll('title').data((p) => [p]).join('title').text((p) => `${p.genotype.join(' ')}\none-shot ${(100 * p.oneShot).toFixed(1)}%, stand-alone ${(100 * p.standalone).toFixed(1)}%`));
}

/** Two square scatter panels (before / after pruning), y = short stand-alone accuracy. */
export function drawRanking(svg: SVGSVGElement, r: PadNasRanking, width: number): void {
  const w = Math.max(260, width);
  const size = Math.min(170, (w - 2 * 56 - 20) / 2);
  const h = size + 60;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  yAxisLabel(root, 'stand-alone', 10, 22 + size / 2);
  const before = root.selectAll<SVGGElement, null>('g.before').data([null]).join('g').attr('class', 'before').attr('transform', `translate(52,22)`);
  const after = root.selectAll<SVGGElement, null>('g.after').data([null]).join('g').attr('class', 'after').attr('transform', `translate(${52 + size + 56},22)`);
  panel(before, r.before, r.tauBefore, 'before pruning', size);
  panel(after, r.after, r.tauAfter, 'after pruning', size);
}
