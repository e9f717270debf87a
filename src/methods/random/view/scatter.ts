/**
 * The random-search scatter (pure d3 drawing): one dot per finished candidate at (cost, validation accuracy), cost in
 * the window's unit (MACs, or predicted latency); the window as a band over the space's whole cost range; the best so
 * far ringed. Dots are keyed by candidate index, so a redraw only adds the new ones (they grow in).
 */
import * as d3 from 'd3';
import { plotGroup, xAxisGroup, yAxisGroup } from '../../../viz/frame';
import type { RandomCandidate, RandomWindow } from '../snapshot';
import { xAxisLabel, yAxisLabel } from '../../../viz/axisLabels';

export interface ScatterOptions {
  width: number;
  height: number;
  /** Grow-in time of new dots, ms (0: reduced motion). */
  duration: number;
}

const M = { top: 18, right: 14, bottom: 36, left: 48 };

/** Axis and tooltip text of a cost. */
export function costFormat(unit: RandomWindow['unit']): (v: number) => string {
  return unit === 'ms' ? (v) => `${d3.format('.3~g')(v)} ms` : (v) => d3.format('.3~s')(v);
}

/** Accuracy range shown: the scored candidates' range padded by 5 points, within [0, 1] (whole [0, 1] when none). */
export function accuracyDomain(cands: readonly RandomCandidate[]): [number, number] {
  const accs = cands.flatMap((c) => (c.valAccuracy === null ? [] : [c.valAccuracy]));
  if (accs.length === 0) return [0, 1];
  return [Math.max(0, Math.min(...accs) - 0.05), Math.min(1, Math.max(...accs) + 0.05)];
}

/** Draw or update the scatter; `best` is the best candidate's index. */
export function drawCandidateScatter(svg: SVGSVGElement, cands: readonly RandomCandidate[], win: RandomWindow, best: number | null, o: ScatterOptions): void {
  const w = Math.max(220, o.width);
  const h = Math.max(160, o.height);
  const iw = w - M.left - M.right;
  const ih = h - M.top - M.bottom;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  const pad = (win.max - win.min) * 0.04 || 1;
  const x = d3.scaleLinear().domain([win.min - pad, win.max + pad]).range([0, iw]);
  const y = d3.scaleLinear().domain(accuracyDomain(cands)).range([ih, 0]).nice();
  const fmt = costFormat(win.unit);
  const plot = plotGroup(root, M);
  plot
    .selectAll<SVGRectElement, RandomWindow>('rect.window')
    .data([win])
    .join('rect')
    .attr('class', 'window')
    .attr('x', (d) => x(d.from))
    .attr('width', (d) => Math.max(1, x(d.to) - x(d.from)))
    .attr('y', 0)
    .attr('height', ih);
  plot
    .selectAll<SVGTextElement, RandomWindow>('text.window-label')
    .data([win])
    .join('text')
    .attr('class', 'axis-label window-label')
    .attr('x', (d) => x(d.from) + 4)
    .attr('y', 12)
    .text((d) => `window ${fmt(d.from)} – ${fmt(d.to)}`);
  xAxisGroup(plot, d3.axisBottom(x).ticks(5).tickFormat((v) => fmt(Number(v))), ih);
  yAxisGroup(plot, d3.axisLeft(y).ticks(5).tickFormat(d3.format('.0%')));
  const xLabel = win.unit === 'ms' ? `latency, ms (predicted, profile ${win.profileName ?? '?'})` : 'MACs';
  xAxisLabel(root, xLabel, M.left + iw / 2, h - 4);
  yAxisLabel(root, 'validation accuracy', 12, M.top + ih / 2);
  const scored = cands.filter((c): c is RandomCandidate & { valAccuracy: number } => c.valAccuracy !== null);
  const t = d3.transition('grow').duration(o.duration);
  plot
    .selectAll<SVGCircleElement, RandomCandidate & { valAccuracy: number }>('circle.cand')
    .data(scored, (c) => String(c.index))
    .join((enter) => enter.append('circle').attr('class', 'cand').attr('r', 0))
    .classed('best', (c) => c.index === best)
    .attr('cx', (c) => x(c.cost))
    .attr('cy', (c) => y(c.valAccuracy))
    .call((sel) =>
      sel
        .selectAll('title')
        .data((c) => [c])
        .join('title')
        .text((c) => `#${c.index + 1} ${c.genotype.join(' ')}\nval ${(100 * c.valAccuracy).toFixed(1)}%, ${fmt(c.cost)}${win.unit === 'MACs' ? ' MACs' : ''}, ${d3.format('.3~s')(c.params)} params`),
    )
    .transition(t)
    .attr('r', (c) => (c.index === best ? 6.5 : 4.5));
  // The best candidate drawn last, so its ring is never hidden under a neighbour.
  plot.selectAll<SVGCircleElement, RandomCandidate>('circle.cand.best').raise();
}
