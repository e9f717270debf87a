/**
 * Line chart drawn by d3 into an <svg> that React owns. Call `drawLineChart` again with new data to update it;
 * it reuses the DOM (d3 join), so redrawing every animation frame is cheap. The frame (size, axes, grid, labels) is
 * only redrawn when its size, scales, format or labels changed, and the lines and dots only get the attributes that
 * changed: a training step that moves only the loss line leaves the axes' elements and their text alone, and a chart
 * whose data did not change (accuracy between epochs) is not touched, so the browser has less to lay out and paint.
 */
import * as d3 from 'd3';
import { decimate, ema, finiteExtent, growingXMax, lonePoint, type SeriesView } from './seriesMath';
import { xAxisLabel, yAxisLabel } from './axisLabels';
import { plotGroup, xAxisGroup, yAxisGroup, yGridGroup } from './frame';

export interface LineSeries extends SeriesView {
  /** CSS class of the path (colour comes from the stylesheet). */
  className: string;
  /** Also draw an EMA-smoothed line with this weight (0…1); the raw line is then drawn faint. */
  smooth?: number;
  /** Draw a dot at each point (for sparse series such as per-epoch accuracy). */
  points?: boolean;
}

export interface LineChartOptions {
  width: number;
  height: number;
  xLabel: string;
  yLabel: string;
  /** Fixed x range (e.g. [0, epochs]); otherwise the data's extent (or see xGrowTo). */
  xDomain?: [number, number];
  /** A live run of this many steps (0: unknown): the x-axis starts at 0 and grows with the data up to it. */
  xGrowTo?: number;
  /** Fixed y range (e.g. [0, 1] for accuracy); otherwise the data's extent with a margin. */
  yDomain?: [number, number];
  yFormat?: (v: number) => string;
}

const MARGIN = { top: 10, right: 14, bottom: 34, left: 50 };

/** What each chart's frame was last drawn with. */
const drawnFrames = new WeakMap<SVGSVGElement, { key: string; yFormat: LineChartOptions['yFormat'] }>();

/** The frame's size, scale domains and labels in one string: equal strings draw the same axes, grid and labels. */
function frameKey(w: number, h: number, xDomain: readonly number[], yDomain: readonly number[], xLabel: string, yLabel: string): string {
  return JSON.stringify([w, h, xDomain, yDomain, xLabel, yLabel]);
}

function path(x: d3.ScaleLinear<number, number>, y: d3.ScaleLinear<number, number>, xs: ArrayLike<number>, ys: ArrayLike<number>): string {
  const line = d3
    .line<number>()
    .defined((i) => Number.isFinite(ys[i]))
    .x((i) => x(xs[i]))
    .y((i) => y(ys[i]));
  return line(d3.range(ys.length)) ?? '';
}

/** Render `series` into `svg` with axes and labels. */
export function drawLineChart(svg: SVGSVGElement, series: LineSeries[], opts: LineChartOptions): void {
  const w = Math.max(80, opts.width);
  const h = Math.max(60, opts.height);
  const innerW = w - MARGIN.left - MARGIN.right;
  const innerH = h - MARGIN.top - MARGIN.bottom;
  const root = d3.select(svg);

  let xExt: [number, number] | undefined = opts.xDomain;
  let yExt: [number, number] | undefined = opts.yDomain;
  if (!xExt && opts.xGrowTo !== undefined) {
    const all = series.flatMap((s) => finiteExtent(s.x, s.length) ?? []);
    xExt = [0, growingXMax(all.length ? Math.max(...all) : 0, opts.xGrowTo)];
  }
  if (!xExt) {
    const all = series.flatMap((s) => finiteExtent(s.x, s.length) ?? []);
    xExt = all.length ? [Math.min(...all), Math.max(...all)] : [0, 1];
    if (xExt[0] === xExt[1]) xExt = [xExt[0] - 1, xExt[1] + 1];
  }
  if (!yExt) {
    const all = series.flatMap((s) => finiteExtent(s.y, s.length) ?? []);
    const lo = all.length ? Math.min(...all) : 0;
    const hi = all.length ? Math.max(...all) : 1;
    const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
    yExt = [lo - pad, hi + pad];
  }
  const x = d3.scaleLinear().domain(xExt).range([0, innerW]);
  const y = d3.scaleLinear().domain(yExt).range([innerH, 0]).nice();

  const key = frameKey(w, h, x.domain(), y.domain(), opts.xLabel, opts.yLabel);
  const last = drawnFrames.get(svg);
  const frameChanged = !last || last.key !== key || last.yFormat !== opts.yFormat || root.select('g.plot').empty();
  if (frameChanged) {
    drawFrame(root, x, y, { w, h, innerW, innerH }, opts);
    drawnFrames.set(svg, { key, yFormat: opts.yFormat });
  }
  const plot = root.select<SVGGElement>('g.plot');

  const maxPoints = Math.max(50, Math.floor(innerW * 1.5));
  const lines = series.flatMap((s) => {
    const d = decimate(s, maxPoints);
    if (s.smooth === undefined) return [{ key: s.className, cls: s.className, d: path(x, y, d.x, d.y) }];
    const sm = ema(d.y, d.y.length, s.smooth);
    return [
      { key: `${s.className}-raw`, cls: `${s.className} raw`, d: path(x, y, d.x, d.y) },
      { key: `${s.className}-smooth`, cls: `${s.className} smooth`, d: path(x, y, d.x, sm) },
    ];
  });
  plot
    .selectAll<SVGPathElement, (typeof lines)[number]>('path.series')
    .data(lines, (l) => l.key)
    .join('path')
    .each(function (l) {
      setIfChanged(this, 'class', `series ${l.cls}`);
      setIfChanged(this, 'fill', 'none');
      setIfChanged(this, 'd', l.d);
    });

  const dots = series
    .flatMap((s) => {
      if (s.points) return Array.from({ length: s.length }, (_, i) => ({ cls: s.className, x: s.x[i], y: s.y[i] }));
      const one = lonePoint(s); // the first point of a line is visible too
      return one === null ? [] : [{ cls: `${s.className} first`, x: s.x[one], y: s.y[one] }];
    })
    .filter((p) => Number.isFinite(p.y));
  plot
    .selectAll<SVGCircleElement, (typeof dots)[number]>('circle.dot')
    .data(dots)
    .join('circle')
    .each(function (p) {
      setIfChanged(this, 'class', `dot ${p.cls}`);
      setIfChanged(this, 'r', '3.5');
      setIfChanged(this, 'cx', String(x(p.x)));
      setIfChanged(this, 'cy', String(y(p.y)));
    });
}

/** Writes only what changed: a chart whose lines did not move gives the browser nothing to lay out or paint again. */
function setIfChanged(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Size, grid, axes and axis labels. */
function drawFrame(
  root: d3.Selection<SVGSVGElement, unknown, null, undefined>,
  x: d3.ScaleLinear<number, number>,
  y: d3.ScaleLinear<number, number>,
  size: { w: number; h: number; innerW: number; innerH: number },
  opts: LineChartOptions,
): void {
  const { w, h, innerW, innerH } = size;
  root.attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  const plot = plotGroup(root, MARGIN);
  yGridGroup(plot, y, innerW);
  xAxisGroup(plot, d3.axisBottom(x).ticks(Math.max(2, Math.floor(innerW / 80)), 's'), innerH);
  yAxisGroup(
    plot,
    d3
      .axisLeft(y)
      .ticks(4)
      .tickFormat((v) => (opts.yFormat ? opts.yFormat(Number(v)) : d3.format('.3~g')(Number(v)))),
  );

  xAxisLabel(root, opts.xLabel, MARGIN.left + innerW / 2, h - 4);
  yAxisLabel(root, opts.yLabel, 12, MARGIN.top + innerH / 2);
}
