/**
 * The two per-atom charts of the AtomNAS view: the histogram of log10|γ| (stacked by kernel, with the death
 * threshold as a vertical line) and the scatter of |γ| against each atom's cost. d3 draws into React-owned <svg>s.
 */
import * as d3 from 'd3';
import { plotGroup, xAxisGroup, yAxisGroup } from '../../../viz/frame';
import { GAMMA_FLOOR, gammaHistogram, logAbs } from './atomMath';
import { xAxisLabel, yAxisLabel } from '../../../viz/axisLabels';

export interface GammaData {
  gamma: Float32Array;
  atomCost: Float32Array;
  atomKernel: Uint8Array;
  kernels: readonly number[];
  threshold: number;
}

const M = { top: 10, right: 12, bottom: 36, left: 46 };

function frame(svg: SVGSVGElement, width: number, height: number) {
  const w = Math.max(120, width);
  const h = Math.max(90, height);
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  const plot = plotGroup(root, M);
  return { root, plot, iw: w - M.left - M.right, ih: h - M.top - M.bottom, w, h };
}

function labels(root: d3.Selection<SVGSVGElement, unknown, null, undefined>, w: number, h: number, ih: number, xl: string, yl: string): void {
  xAxisLabel(root, xl, M.left + (w - M.left - M.right) / 2, h - 4);
  yAxisLabel(root, yl, 12, M.top + ih / 2);
}

const pow10 = (v: d3.NumberValue): string => {
  const n = Number(v);
  return n <= Math.log10(GAMMA_FLOOR) ? `≤1e${n}` : `1e${n}`;
};

/** Histogram of log10|γ| stacked by kernel; exact zeros sit in the leftmost bin. */
export function drawGammaHistogram(svg: SVGSVGElement, d: GammaData, width: number, height: number): void {
  const { root, plot, iw, ih, w, h } = frame(svg, width, height);
  const hist = gammaHistogram(d.gamma, d.atomKernel, d.kernels);
  const lo = hist.edges[0];
  const hi = lo + hist.width * hist.edges.length;
  const x = d3.scaleLinear().domain([lo, hi]).range([0, iw]);
  const totals = hist.edges.map((_, b) => d3.sum(hist.counts, (c) => c[b]));
  const y = d3.scaleLinear().domain([0, Math.max(1, d3.max(totals) ?? 1)]).range([ih, 0]).nice();
  xAxisGroup(plot, d3.axisBottom(x).ticks(6).tickFormat(pow10), ih);
  yAxisGroup(plot, d3.axisLeft(y).ticks(4));
  const rects = hist.edges.flatMap((e, b) => {
    let acc = 0;
    return d.kernels.map((k, ki) => {
      const y0 = acc;
      acc += hist.counts[ki][b];
      return { key: `${b}-${k}`, k, x0: e, y0, y1: acc };
    });
  });
  plot
    .selectAll<SVGRectElement, (typeof rects)[number]>('rect.bin')
    .data(rects, (r) => r.key)
    .join('rect')
    .attr('class', (r) => `bin k${r.k}`)
    .attr('x', (r) => x(r.x0) + 0.5)
    .attr('width', Math.max(0, x(lo + hist.width) - x(lo) - 1))
    .attr('y', (r) => y(r.y1))
    .attr('height', (r) => y(r.y0) - y(r.y1));
  const tx = x(Math.log10(d.threshold));
  plot
    .selectAll<SVGLineElement, number>('line.threshold')
    .data([tx])
    .join('line')
    .attr('class', 'threshold')
    .attr('x1', (v) => v)
    .attr('x2', (v) => v)
    .attr('y1', 0)
    .attr('y2', ih);
  plot
    .selectAll<SVGTextElement, number>('text.threshold-label')
    .data([tx])
    .join('text')
    .attr('class', 'threshold-label')
    .attr('x', (v) => v + 4)
    .attr('y', 10)
    .text(`dead ≤ ${d.threshold.toExponential(0)}${hist.zeros ? ` · ${hist.zeros} at exactly 0 (live weights)` : ''}`);
  labels(root, w, h, ih, 'log10 |γ| of each surviving atom', 'atoms');
}

/** |γ| (log) against atom cost (MACs): atoms that cost more feel a stronger pull towards zero. */
export function drawGammaCostScatter(svg: SVGSVGElement, d: GammaData, width: number, height: number): void {
  const { root, plot, iw, ih, w, h } = frame(svg, width, height);
  const n = d.gamma.length;
  let cmax = 1;
  for (let i = 0; i < n; i++) cmax = Math.max(cmax, d.atomCost[i]);
  const x = d3.scaleLinear().domain([0, cmax * 1.05]).range([0, iw]);
  const y = d3.scaleLinear().domain([Math.log10(GAMMA_FLOOR), 1]).range([ih, 0]);
  xAxisGroup(plot, d3.axisBottom(x).ticks(5, 's'), ih);
  yAxisGroup(plot, d3.axisLeft(y).ticks(6).tickFormat(pow10));
  // Deterministic horizontal jitter: atoms of one branch share one cost, so spread them a little to show the crowd.
  const idx = d3.range(n);
  plot
    .selectAll<SVGCircleElement, number>('circle.atom')
    .data(idx)
    .join('circle')
    .attr('class', (i) => `atom k${d.atomKernel[i]}`)
    .attr('r', 2.2)
    .attr('cx', (i) => x(d.atomCost[i]) + (((i * 2654435761) >>> 0) / 4294967296 - 0.5) * 6)
    .attr('cy', (i) => y(Math.min(1, logAbs(d.gamma[i]))));
  const ty = y(Math.log10(d.threshold));
  plot
    .selectAll<SVGLineElement, number>('line.threshold')
    .data([ty])
    .join('line')
    .attr('class', 'threshold')
    .attr('x1', 0)
    .attr('x2', iw)
    .attr('y1', (v) => v)
    .attr('y2', (v) => v);
  labels(root, w, h, ih, 'cost of the atom (MACs)', '|γ| (log)');
}
