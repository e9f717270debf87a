/**
 * NSGA-II scatter: latency (predicted ms, or MACs without a profile) against one-shot accuracy, coloured by
 * non-domination rank, with the latency window as a band. Points are keyed by genotype, so survivors stay and move
 * while a new generation's points fade in (d3 transitions): the population evolves generation by generation.
 */
import * as d3 from 'd3';
import { plotGroup, xAxisGroup, yAxisGroup } from '../../../viz/frame';
import type { PadNasPoint, PadNasWindow } from '../snapshot';
import { xAxisLabel } from '../../../viz/axisLabels';

export interface ScatterOptions {
  width: number;
  height: number;
  duration: number;
  title: string;
}

const M = { top: 22, right: 12, bottom: 36, left: 48 };

/** Axis value formatter for the window's unit. */
export function latencyFormat(unit: PadNasWindow['unit']): (v: number) => string {
  return unit === 'ms' ? (v) => `${d3.format('.3~g')(v)} ms` : (v) => `${d3.format('.2~s')(v)}`;
}

/** Draw or update the scatter. */
export function drawParetoScatter(svg: SVGSVGElement, points: readonly PadNasPoint[], win: PadNasWindow, o: ScatterOptions): void {
  const w = Math.max(200, o.width);
  const h = Math.max(140, o.height);
  const iw = w - M.left - M.right;
  const ih = h - M.top - M.bottom;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  const pad = (win.max - win.min) * 0.05 || 1;
  const x = d3.scaleLinear().domain([win.min - pad, win.max + pad]).range([0, iw]);
  const accs = points.map((p) => p.acc);
  const lo = Math.max(0, (d3.min(accs) ?? 0) - 0.05);
  const hi = Math.min(1, (d3.max(accs) ?? 1) + 0.05);
  const y = d3.scaleLinear().domain([lo, hi]).range([ih, 0]).nice();
  const maxRank = d3.max(points, (p) => p.rank) ?? 0;
  const color = (r: number) => d3.interpolateViridis(maxRank > 0 ? (0.85 * r) / maxRank : 0);
  const plot = plotGroup(root, M);
  plot
    .selectAll<SVGRectElement, PadNasWindow>('rect.window')
    .data([win])
    .join('rect')
    .attr('class', 'window')
    .attr('x', (d) => x(d.lo))
    .attr('width', (d) => Math.max(1, x(d.hi) - x(d.lo)))
    .attr('y', 0)
    .attr('height', ih);
  const fmt = latencyFormat(win.unit);
  xAxisGroup(plot, d3.axisBottom(x).ticks(5).tickFormat((v) => fmt(Number(v))), ih);
  yAxisGroup(plot, d3.axisLeft(y).ticks(5).tickFormat(d3.format('.0%')));
  xAxisLabel(root, win.unit === 'ms' ? `latency, ms (predicted, profile ${win.profileName ?? ''})` : 'MACs (no device profile)', M.left + iw / 2, h - 4);
  root.selectAll<SVGTextElement, string>('text.title').data([o.title]).join('text').attr('class', 'axis-label title').attr('x', M.left).attr('y', 14).text((d) => d);
  const t = d3.transition('gen').duration(o.duration);
  plot
    .selectAll<SVGCircleElement, PadNasPoint>('circle.arch')
    .data(points, (p) => p.genotype.join('|'))
    .join(
      (enter) => enter.append('circle').attr('class', 'arch').attr('r', 0).attr('cx', (p) => x(p.latency)).attr('cy', (p) => y(p.acc)),
      (update) => update,
      (exit) => exit.transition(t).attr('r', 0).remove(),
    )
    .attr('data-rank', (p) => p.rank)
    .call((sel) => sel.selectAll('title').data((p) => [p]).join('title').text((p) => `${p.genotype.join(' ')}\nrank ${p.rank}, one-shot ${(100 * p.acc).toFixed(1)}%, ${fmt(p.latency)}`))
    .transition(t)
    .attr('r', (p) => (p.rank === 0 ? 5.5 : 4))
    .attr('cx', (p) => x(p.latency))
    .attr('cy', (p) => y(p.acc))
    .attr('fill', (p) => color(p.rank));
}
