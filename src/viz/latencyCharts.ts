/**
 * d3 drawings of the profiler (React owns the <svg>, d3 draws into it): predicted vs measured latency per network
 * (log–log, y = x line and the ±10 % band, held-out networks highlighted) and the roofline (attainable GFLOP/s vs
 * arithmetic intensity, log–log, with each measured network placed under it). Pure draw functions, no tfjs.
 */
import * as d3 from 'd3';
import { plotGroup, xAxisGroup, yAxisGroup } from './frame';
import { xAxisLabel, yAxisLabel } from './axisLabels';

export interface ScatterPoint {
  name: string;
  measuredMs: number;
  predictedMs: number;
  heldOut: boolean;
}

export interface RooflineDot {
  name: string;
  intensity: number;
  gflops: number;
}

const M = { top: 10, right: 14, bottom: 38, left: 56 };

function frame(svg: SVGSVGElement, width: number, height: number) {
  const w = Math.max(120, width);
  const h = Math.max(100, height);
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  const plot = plotGroup(root, M);
  return { root, plot, w, h, iw: w - M.left - M.right, ih: h - M.top - M.bottom };
}

function labels(root: d3.Selection<SVGSVGElement, unknown, null, undefined>, w: number, h: number, ih: number, xl: string, yl: string): void {
  xAxisLabel(root, xl, M.left + (w - M.left - M.right) / 2, h - 4);
  yAxisLabel(root, yl, 12, M.top + ih / 2);
}

/** A log axis tick in plain digits (100 and 0.05, never 1e+2): thousands grouped, up to 3 significant digits. */
export function readableTick(v: number): string {
  if (!Number.isFinite(v)) return '';
  return d3.format(Math.abs(v) >= 1 ? ',.3~r' : '.2~r')(v);
}

function axes(plot: d3.Selection<SVGGElement, null, SVGSVGElement, unknown>, x: d3.ScaleLogarithmic<number, number>, y: d3.ScaleLogarithmic<number, number>, ih: number): void {
  const fmt = readableTick;
  xAxisGroup(plot, d3.axisBottom(x).ticks(4, fmt), ih);
  yAxisGroup(plot, d3.axisLeft(y).ticks(4, fmt));
}

/** Log-domain [lo, hi] around positive values with a margin (a decade when there is a single value). */
function logExtent(vals: number[]): [number, number] {
  const v = vals.filter((x) => x > 0 && Number.isFinite(x));
  if (!v.length) return [0.1, 10];
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return lo === hi ? [lo / 3, hi * 3] : [lo / 1.25, hi * 1.25];
}

/** Predicted (y) vs measured (x) latency of every network, with the y = x line and the ±10 % band. */
export function drawLatencyScatter(svg: SVGSVGElement, pts: readonly ScatterPoint[], width: number, height: number): void {
  const { root, plot, w, h, iw, ih } = frame(svg, width, height);
  const ok = pts.filter((p) => p.measuredMs > 0 && p.predictedMs > 0 && Number.isFinite(p.predictedMs));
  const ext = logExtent(ok.flatMap((p) => [p.measuredMs, p.predictedMs]));
  const x = d3.scaleLog().domain(ext).range([0, iw]);
  const y = d3.scaleLog().domain(ext).range([ih, 0]);
  const [a, b] = ext;
  const band = [
    [a, a * 0.9],
    [b, b * 0.9],
    [b, b * 1.1],
    [a, a * 1.1],
  ];
  plot.selectAll('path.band').data([band]).join('path').attr('class', 'band').attr('d', (d) => `M${d.map(([u, v]) => `${x(u)},${y(v)}`).join('L')}Z`);
  plot.selectAll('line.diag').data([null]).join('line').attr('class', 'diag').attr('x1', x(a)).attr('y1', y(a)).attr('x2', x(b)).attr('y2', y(b));
  axes(plot, x, y, ih);
  labels(root, w, h, ih, 'measured on this device (ms)', 'predicted (ms)');
  plot
    .selectAll<SVGCircleElement, ScatterPoint>('circle.pt')
    .data(ok, (p) => p.name)
    .join((enter) => enter.append('circle').call((c) => c.append('title')))
    .attr('class', (p) => `pt ${p.heldOut ? 'pt-heldout' : 'pt-fit'}`)
    .attr('r', (p) => (p.heldOut ? 4.5 : 3))
    .attr('cx', (p) => x(p.measuredMs))
    .attr('cy', (p) => y(p.predictedMs))
    .select('title')
    .text((p) => `${p.name}\nmeasured ${p.measuredMs.toPrecision(3)} ms, predicted ${p.predictedMs.toPrecision(3)} ms${p.heldOut ? ' (held out)' : ' (fit)'}`);
}

/** Roofline min(peak, bandwidth·I) over intensity I, with each network's achieved GFLOP/s. */
export function drawRoofline(svg: SVGSVGElement, peakGflops: number, bandwidthGBs: number, dots: readonly RooflineDot[], width: number, height: number): void {
  const { root, plot, w, h, iw, ih } = frame(svg, width, height);
  const ridge = peakGflops / bandwidthGBs;
  const xs = logExtent([...dots.map((d) => d.intensity), ridge / 4, ridge * 4]);
  const ys = logExtent([...dots.map((d) => d.gflops), peakGflops, bandwidthGBs * xs[0]]);
  const x = d3.scaleLog().domain(xs).range([0, iw]);
  const y = d3.scaleLog().domain([ys[0], Math.max(ys[1], peakGflops * 1.5)]).range([ih, 0]);
  const roof = [xs[0], ridge, xs[1]].map((i) => [i, Math.min(peakGflops, bandwidthGBs * i)] as const);
  plot.selectAll('path.roof').data([roof]).join('path').attr('class', 'roof').attr('fill', 'none').attr('d', (d) => `M${d.map(([u, v]) => `${x(u)},${y(v)}`).join('L')}`);
  axes(plot, x, y, ih);
  labels(root, w, h, ih, 'arithmetic intensity (FLOP / byte, estimated)', 'GFLOP/s');
  plot
    .selectAll<SVGCircleElement, RooflineDot>('circle.pt')
    .data(dots.filter((d) => d.gflops > 0 && d.intensity > 0), (d) => d.name)
    .join((enter) => enter.append('circle').call((c) => c.append('title')))
    .attr('class', 'pt pt-fit')
    .attr('r', 3)
    .attr('cx', (d) => x(d.intensity))
    .attr('cy', (d) => y(d.gflops))
    .select('title')
    .text((d) => `${d.name}: ${d.gflops.toPrecision(3)} GFLOP/s at ${d.intensity.toPrecision(3)} FLOP/B`);
}
