/**
 * A step-indexed line chart with shrink events marked as vertical lines: MACs / params (as % of the supernet) and
 * validation accuracy over training steps. d3 draws into a React-owned <svg>.
 */
import * as d3 from 'd3';
import { plotGroup, xAxisGroup, yAxisGroup, yGridGroup } from '../../../viz/frame';
import { decimate, finiteExtent, growingXMax, type SeriesView } from '../../../viz/seriesMath';
import { xAxisLabel, yAxisLabel } from '../../../viz/axisLabels';

export interface CurveSeries extends SeriesView {
  className: string;
  /** Draw as a staircase (MACs only change at shrink events). */
  step?: boolean;
  points?: boolean;
}

export interface CurveOptions {
  width: number;
  height: number;
  /** The run's steps: the x-axis grows with the data up to it. */
  xMax: number;
  yDomain: [number, number];
  yLabel: string;
  yFormat: (v: number) => string;
  /** Steps at which atoms were removed. */
  events: readonly number[];
}

const M = { top: 10, right: 14, bottom: 34, left: 50 };

/** Draw or update the chart. */
export function drawShrinkCurves(svg: SVGSVGElement, series: readonly CurveSeries[], o: CurveOptions): void {
  const w = Math.max(120, o.width);
  const h = Math.max(80, o.height);
  const iw = w - M.left - M.right;
  const ih = h - M.top - M.bottom;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  const last = Math.max(0, ...series.flatMap((s) => finiteExtent(s.x, s.length) ?? []));
  const x = d3.scaleLinear().domain([0, growingXMax(last, o.xMax)]).range([0, iw]);
  const y = d3.scaleLinear().domain(o.yDomain).range([ih, 0]);
  const plot = plotGroup(root, M);
  yGridGroup(plot, y, iw);
  xAxisGroup(plot, d3.axisBottom(x).ticks(Math.max(2, Math.floor(iw / 80)), 's'), ih);
  yAxisGroup(
    plot,
    d3
      .axisLeft(y)
      .ticks(4)
      .tickFormat((v) => o.yFormat(Number(v))),
  );
  plot
    .selectAll<SVGLineElement, number>('line.event')
    .data(o.events)
    .join('line')
    .attr('class', 'event')
    .attr('x1', (s) => x(s))
    .attr('x2', (s) => x(s))
    .attr('y1', 0)
    .attr('y2', ih);
  const lines = series.map((s) => {
    const d = decimate(s, Math.max(50, Math.floor(iw * 1.5)));
    const gen = d3
      .line<number>()
      .defined((i) => Number.isFinite(d.y[i]))
      .x((i) => x(d.x[i]))
      .y((i) => y(d.y[i]))
      .curve(s.step ? d3.curveStepAfter : d3.curveLinear);
    return { key: s.className, d: gen(d3.range(d.x.length)) ?? '' };
  });
  plot
    .selectAll<SVGPathElement, (typeof lines)[number]>('path.series')
    .data(lines, (l) => l.key)
    .join('path')
    .attr('class', (l) => `series ${l.key}`)
    .attr('fill', 'none')
    .attr('d', (l) => l.d);
  const dots = series
    .filter((s) => s.points)
    .flatMap((s) => d3.range(s.length).map((i) => ({ cls: s.className, x: s.x[i], y: s.y[i] })))
    .filter((p) => Number.isFinite(p.y));
  plot
    .selectAll<SVGCircleElement, (typeof dots)[number]>('circle.dot')
    .data(dots)
    .join('circle')
    .attr('class', (p) => `dot ${p.cls}`)
    .attr('r', 3)
    .attr('cx', (p) => x(p.x))
    .attr('cy', (p) => y(p.y));
  xAxisLabel(root, 'training step', M.left + iw / 2, h - 4);
  yAxisLabel(root, o.yLabel, 12, M.top + ih / 2);
}
