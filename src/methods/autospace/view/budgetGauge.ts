/**
 * The budget gauge: the supernet's expected cost E[cost] (softmax(α)-weighted cell costs plus the fixed layers) as a
 * bar against the budget line, green under it and amber over it (where the loss pays the penalty), and below it E[cost]
 * at each iteration so far.
 */
import * as d3 from 'd3';
import { plotGroup, xAxisGroup, yAxisGroup } from '../../../viz/frame';
import type { BudgetState } from '../snapshot';
import type { BudgetPoint } from './liveBuffer';
import { costText } from './liveBuffer';
import { xAxisLabel } from '../../../viz/axisLabels';

/** The gauge's scale end (pure): room for the budget and the expected cost, at least 1.5 × the budget. */
export function gaugeMax(b: Pick<BudgetState, 'expected' | 'budget'>): number {
  const m = Math.max(1.5 * b.budget, 1.1 * b.expected);
  return Number.isFinite(m) && m > 0 ? m : 1;
}

const M = { top: 20, right: 14, bottom: 26, left: 44 };
const BAR = 18;

/** Draw or update the gauge and its trace. */
export function drawBudgetGauge(svg: SVGSVGElement, b: BudgetState, trace: readonly BudgetPoint[], o: { width: number; duration: number }): void {
  const w = Math.max(220, o.width);
  const iw = w - M.left - M.right;
  const traceH = trace.length > 1 ? 80 : 0;
  const h = M.top + BAR + 36 + (traceH ? traceH + 16 : 0) + M.bottom;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  const over = b.expected > b.budget;
  svg.dataset.over = String(over);
  const max = gaugeMax(b);
  const x = d3.scaleLinear().domain([0, max]).range([0, iw]);
  const fmt = (v: number) => costText(v, b.unit);
  const plot = plotGroup(root, M);
  plot.selectAll<SVGRectElement, null>('rect.gauge-track').data([null]).join('rect').attr('class', 'gauge-track').attr('width', iw).attr('height', BAR).attr('rx', 4);
  const t = d3.transition('gauge').duration(o.duration);
  plot
    .selectAll<SVGRectElement, BudgetState>('rect.gauge-bar')
    .data([b])
    .join((e) => e.append('rect').attr('class', 'gauge-bar').attr('width', 0))
    .attr('class', over ? 'gauge-bar over' : 'gauge-bar')
    .attr('height', BAR)
    .attr('rx', 4)
    .transition(t)
    .attr('width', (d) => Math.max(2, x(Math.min(d.expected, max))));
  plot
    .selectAll<SVGLineElement, BudgetState>('line.budget-line')
    .data([b])
    .join('line')
    .attr('class', 'budget-line')
    .attr('x1', (d) => x(d.budget))
    .attr('x2', (d) => x(d.budget))
    .attr('y1', -6)
    .attr('y2', BAR + 6);
  plot
    .selectAll<SVGTextElement, BudgetState>('text.budget-label')
    .data([b])
    .join('text')
    .attr('class', 'budget-label axis-label')
    .attr('x', (d) => x(d.budget))
    .attr('y', -8)
    .attr('text-anchor', 'middle')
    .text((d) => `budget ${fmt(d.budget)}`);
  plot
    .selectAll<SVGTextElement, BudgetState>('text.gauge-text')
    .data([b])
    .join('text')
    .attr('class', 'gauge-text')
    .attr('x', 0)
    .attr('y', BAR + 16)
    .text((d) => `E[cost] ${fmt(d.expected)} = ${Math.round((100 * d.expected) / d.budget)}% of budget · penalty ${d3.format('.3~g')(d.penalty)}`);
  plot
    .selectAll<SVGTextElement, BudgetState>('text.gauge-note')
    .data([b])
    .join('text')
    .attr('class', 'gauge-note axis-label')
    .attr('x', 0)
    .attr('y', BAR + 30)
    .text((d) => (d.expected > d.budget ? 'over budget: the penalty pushes α toward cheaper cells' : 'within budget: no penalty'));
  root.selectAll<SVGTextElement, string>('text.row-label').data(['now']).join('text').attr('class', 'row-label axis-label').attr('x', 4).attr('y', M.top + BAR / 2 + 4).text((d) => d);
  const tg = plot.selectAll<SVGGElement, null>('g.trace').data(traceH ? [null] : []).join('g').attr('class', 'trace').attr('transform', `translate(0,${BAR + 48})`);
  xAxisLabel(root, traceH ? 'iteration' : null, M.left + iw / 2, h - 4);
  if (!traceH) return;
  const its = trace.map((p) => p.iteration);
  const tx = d3.scaleLinear().domain([Math.min(...its), Math.max(...its)]).range([0, iw]);
  const ty = d3.scaleLinear().domain([0, max]).range([traceH, 0]);
  const every = Math.max(1, Math.ceil(its.length / 8));
  xAxisGroup(tg, d3.axisBottom(tx).tickValues(its.filter((_, i) => i % every === 0)).tickFormat(d3.format('d')), traceH);
  yAxisGroup(tg, d3.axisLeft(ty).ticks(3).tickFormat((v) => d3.format('.3~g')(Number(v))));
  tg.selectAll<SVGLineElement, null>('line.budget-line').data([null]).join('line').attr('class', 'budget-line').attr('x1', 0).attr('x2', iw).attr('y1', ty(b.budget)).attr('y2', ty(b.budget));
  const line = d3
    .line<BudgetPoint>()
    .x((p) => tx(p.iteration))
    .y((p) => ty(p.expected));
  tg.selectAll<SVGPathElement, BudgetPoint[]>('path.trace-line').data([trace.slice()]).join('path').attr('class', 'trace-line').attr('d', line);
}
