/**
 * The payoff panel: networks found by the same PAD-NAS search in the learned space (circles) and in the hand-designed
 * space (squares), trained stand-alone with one recipe — validation accuracy against cost — each space's Pareto front
 * as a staircase, and the area each front dominates up to the reference point (its hypervolume) shaded. The fronts and
 * shading are computed here for drawing; the hypervolume numbers come from the run.
 */
import * as d3 from 'd3';
import { plotGroup, xAxisGroup, yAxisGroup } from '../../../viz/frame';
import type { FrontPoint, PayoffState } from '../snapshot';
import { costText } from './liveBuffer';
import { xAxisLabel, yAxisLabel } from '../../../viz/axisLabels';

/** The non-dominated points (pure): nothing else is both no dearer and more accurate; cheapest first. */
export function paretoFront(points: readonly FrontPoint[]): FrontPoint[] {
  const ok = points.filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.valAccuracy));
  const sorted = ok.slice().sort((a, b) => a.cost - b.cost || b.valAccuracy - a.valAccuracy);
  const front: FrontPoint[] = [];
  for (const p of sorted) if (front.length === 0 || p.valAccuracy > front[front.length - 1].valAccuracy) front.push(p);
  return front;
}

/** Corners of the region a front dominates up to the reference point (pure; empty without a front or reference). */
export function hvPolygon(front: readonly FrontPoint[], ref: { valAccuracy: number; cost: number } | null): [number, number][] {
  const f = front.filter((p) => p.cost < (ref?.cost ?? -Infinity) && p.valAccuracy > (ref?.valAccuracy ?? Infinity));
  if (!ref || f.length === 0) return [];
  const pts: [number, number][] = [[f[0].cost, ref.valAccuracy]];
  f.forEach((p, i) => {
    if (i > 0) pts.push([p.cost, f[i - 1].valAccuracy]);
    pts.push([p.cost, p.valAccuracy]);
  });
  pts.push([ref.cost, f[f.length - 1].valAccuracy], [ref.cost, ref.valAccuracy]);
  return pts;
}

export type VerdictKind = 'pending' | 'learned' | 'hand' | 'tie';

const STAGES: Record<PayoffState['stage'], string> = {
  'learned-search': 'searching the learned space',
  'hand-search': 'searching the hand-designed space',
  standalone: 'training the fronts’ networks stand-alone',
  measure: 'measuring the networks’ latency on this device',
  done: 'done',
};

/** The verdict in words (pure): which space's front dominates more, by hypervolume; a tie within 1% (as the record's verdict). */
export function verdict(p: PayoffState | null): { kind: VerdictKind; text: string } {
  if (!p) return { kind: 'pending', text: 'The payoff runs after the space is learned: the same PAD-NAS search in both spaces.' };
  const { hvLearned: l, hvHand: h } = p;
  if (l === null || h === null) return { kind: 'pending', text: `Payoff in progress: ${STAGES[p.stage]}.` };
  const hv = (v: number) => d3.format('.4~g')(v);
  const rel = h > 0 ? (l - h) / h : l > 0 ? Infinity : 0;
  if (Math.abs(rel) < 0.01) return { kind: 'tie', text: `A tie: the hypervolumes are within 1% (learned ${hv(l)}, hand-designed ${hv(h)}).` };
  const by = Number.isFinite(rel) ? `${Math.round(100 * Math.abs(rel))}% ${rel > 0 ? 'larger' : 'smaller'}` : 'larger';
  return rel > 0
    ? { kind: 'learned', text: `The learned space wins: its front’s hypervolume is ${by} (${hv(l)} vs ${hv(h)}).` }
    : { kind: 'hand', text: `The hand-designed space wins: the learned front’s hypervolume is ${by} (${hv(l)} vs ${hv(h)}).` };
}

const M = { top: 30, right: 14, bottom: 36, left: 48 };

interface Series {
  key: 'learned' | 'hand';
  label: string;
  points: FrontPoint[];
  front: FrontPoint[];
  hv: number | null;
}

/** Draw or update the panel; false while neither space has a network yet. */
export function drawPayoffFronts(svg: SVGSVGElement, p: PayoffState, o: { width: number; height: number; duration: number }): boolean {
  if (p.learned.length + p.hand.length === 0) return false;
  const w = Math.max(240, o.width);
  const h = Math.max(180, o.height);
  const iw = w - M.left - M.right;
  const ih = h - M.top - M.bottom;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  const series: Series[] = [
    { key: 'learned', label: 'learned space', points: p.learned, front: paretoFront(p.learned), hv: p.hvLearned },
    { key: 'hand', label: 'hand-designed space', points: p.hand, front: paretoFront(p.hand), hv: p.hvHand },
  ];
  svg.dataset.learned = String(p.learned.length);
  svg.dataset.hand = String(p.hand.length);
  const all = [...p.learned, ...p.hand];
  const costs = all.map((q) => q.cost);
  const accs = all.map((q) => q.valAccuracy);
  const ref = p.hvReference;
  const cMax = Math.max(...costs, ref?.cost ?? 0);
  const cMin = Math.min(...costs);
  const pad = (cMax - cMin) * 0.05 || cMax * 0.05 || 1;
  const x = d3.scaleLinear().domain([Math.max(0, cMin - pad), cMax + pad]).range([0, iw]).nice();
  const y = d3
    .scaleLinear()
    .domain([Math.max(0, Math.min(...accs) - 0.05), Math.min(1, Math.max(...accs) + 0.03)])
    .range([ih, 0])
    .nice()
    .clamp(true);
  const plot = plotGroup(root, M);
  const fmt = (v: number) => costText(v, p.unit);
  xAxisGroup(plot, d3.axisBottom(x).ticks(Math.max(2, Math.min(6, Math.floor(iw / 70)))).tickFormat((v) => d3.format('.3~g')(Number(v))), ih);
  yAxisGroup(plot, d3.axisLeft(y).ticks(5).tickFormat(d3.format('.0%')));
  const xLabel = `cost, ${p.unit === 'ms' ? 'ms' : 'MMACs'} (${p.costSource})`;
  xAxisLabel(root, xLabel, M.left + iw / 2, h - 4);
  yAxisLabel(root, 'val accuracy (stand-alone)', 11, M.top + ih / 2);
  const px = (c: number) => Math.max(0, Math.min(iw, x(c)));
  plot
    .selectAll<SVGPathElement, Series>('path.hv')
    .data(series, (s) => s.key)
    .join('path')
    .attr('class', (s) => `hv ${s.key}`)
    .attr('d', (s) => {
      const poly = hvPolygon(s.front, ref);
      return poly.length ? `M${poly.map(([c, a]) => `${px(c)},${y(a)}`).join('L')}Z` : '';
    });
  plot
    .selectAll<SVGPathElement, Series>('path.front')
    .data(series, (s) => s.key)
    .join('path')
    .attr('class', (s) => `front ${s.key}`)
    .attr('d', (s) => (s.front.length ? `M${s.front.map((q, i) => `${i ? `${x(q.cost)},${y(s.front[i - 1].valAccuracy)}L` : ''}${x(q.cost)},${y(q.valAccuracy)}`).join('L')}` : ''));
  plot
    .selectAll<SVGCircleElement, { valAccuracy: number; cost: number }>('circle.ref')
    .data(ref ? [ref] : [])
    .join('circle')
    .attr('class', 'ref')
    .attr('r', 3)
    .attr('cx', (r) => px(r.cost))
    .attr('cy', (r) => y(r.valAccuracy))
    .call((sel) => sel.selectAll('title').data((r) => [r]).join('title').text((r) => `hypervolume reference point: ${fmt(r.cost)}, ${(100 * r.valAccuracy).toFixed(0)}%`));
  const t = d3.transition('payoff').duration(o.duration);
  const symbol = (k: Series['key']) => d3.symbol(k === 'learned' ? d3.symbolCircle : d3.symbolSquare, 52)() ?? '';
  const dots = series.flatMap((s) => s.points.map((q, i) => ({ ...q, key: `${s.key}:${i}:${q.genotype.join(' ')}`, series: s.key, onFront: s.front.includes(q) })));
  plot
    .selectAll<SVGPathElement, (typeof dots)[number]>('path.net')
    .data(dots, (d) => d.key)
    .join((e) => e.append('path').attr('class', 'net').attr('opacity', 0).attr('transform', (d) => `translate(${x(d.cost)},${y(d.valAccuracy)})`))
    .attr('class', (d) => `net ${d.series}${d.onFront ? ' on-front' : ''}`)
    .attr('d', (d) => symbol(d.series))
    .call((sel) => sel.selectAll('title').data((d) => [d]).join('title').text((d) => `${d.series === 'learned' ? 'learned space' : 'hand-designed space'}${d.onFront ? ', on its front' : ''}\n${d.genotype.join(' · ')}\nval ${(100 * d.valAccuracy).toFixed(1)}%, ${fmt(d.cost)}`))
    .transition(t)
    .attr('opacity', 1)
    .attr('transform', (d) => `translate(${x(d.cost)},${y(d.valAccuracy)})`);
  const legend = root
    .selectAll<SVGGElement, Series>('g.legend-item')
    .data(series, (s) => s.key)
    .join((e) => {
      const g = e.append('g').attr('class', 'legend-item');
      g.append('path');
      g.append('text').attr('x', 9).attr('y', 4);
      return g;
    })
    .attr('transform', (_, i) => `translate(${M.left + 8 + i * Math.min(260, iw / 2)},14)`);
  legend.select('path').attr('class', (s) => `net ${s.key} on-front`).attr('d', (s) => symbol(s.key));
  legend.select('text').attr('class', 'legend-text').text((s) => `${s.label}: ${s.points.length} nets, HV ${s.hv === null ? '–' : d3.format('.4~g')(s.hv)}`);
  return true;
}
