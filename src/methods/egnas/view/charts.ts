/**
 * The Efficient Global NAS charts (pure d3 drawing into React-owned <svg>s): the macro trajectory (depth then width,
 * decision markers, the epoch budget as bars, the tolerance band), the micro strip (one cell per layer and change),
 * and every candidate's learning curve coloured by phase.
 */
import * as d3 from 'd3';
import { plotGroup, xAxisGroup, yAxisGroup } from '../../../viz/frame';
import type { EgnasCandidate } from '../snapshot';
import { epochsText, marker } from './liveBuffer';
import { xAxisLabel, yAxisLabel } from '../../../viz/axisLabels';

const M = { top: 16, right: 12, bottom: 34, left: 46 };

/** Per-phase CSS class (colours in egnas.css). */
export const phaseClass = (p: string): string => `ph-${p}`;

/** Draw the depth and width phases side by side: x = candidate order, y = val accuracy, bars = epoch budget. */
export function drawTrajectory(svg: SVGSVGElement, cands: readonly EgnasCandidate[], o: { width: number; height: number; dropTol: number; addTol: number }): void {
  const macro = cands.filter((c) => c.phase === 'depth' || c.phase === 'width');
  const w = Math.max(260, o.width);
  const h = Math.max(180, o.height);
  const iw = w - M.left - M.right;
  const ih = h - M.top - M.bottom;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  const x = d3.scaleBand<number>().domain(macro.map((c) => c.index)).range([0, iw]).padding(0.25);
  const accs = macro.flatMap((c) => (c.valAccuracy === null ? [] : [c.valAccuracy]));
  const lo = accs.length ? Math.max(0, Math.min(...accs) - 0.03) : 0;
  const hi = accs.length ? Math.min(1, Math.max(...accs) + 0.02) : 1;
  const y = d3.scaleLinear().domain([lo, hi]).range([ih, 0]).nice();
  const maxE = d3.max(macro, (c) => c.epochs) ?? 1;
  const yb = d3.scaleLinear().domain([0, maxE]).range([0, ih * 0.35]);
  const plot = plotGroup(root, M);
  yAxisGroup(plot, d3.axisLeft(y).ticks(5).tickFormat(d3.format('.1%')));
  const candidateName = (i: number) => {
    const c = macro.find((k) => k.index === i);
    return c ? (c.phase === 'depth' ? `L${c.L}` : `C${c.C}`) : '';
  };
  xAxisGroup(plot, d3.axisBottom(x).tickFormat(candidateName), ih);
  // Epoch budget bars from the bottom: they grow with depth and with narrowing.
  plot
    .selectAll<SVGRectElement, EgnasCandidate>('rect.budget')
    .data(macro, (c) => String(c.index))
    .join('rect')
    .attr('class', 'budget')
    .attr('x', (c) => x(c.index) ?? 0)
    .attr('width', x.bandwidth())
    .attr('y', (c) => ih - yb(c.epochs))
    .attr('height', (c) => yb(c.epochs))
    .call((s) => s.selectAll('title').data((c) => [c]).join('title').text((c) => `${epochsText(c.epochs)} of training`));
  plot
    .selectAll<SVGTextElement, EgnasCandidate>('text.budget-label')
    .data(macro, (c) => String(c.index))
    .join('text')
    .attr('class', 'budget-label')
    .attr('x', (c) => (x(c.index) ?? 0) + x.bandwidth() / 2)
    .attr('y', (c) => ih - yb(c.epochs) - 2)
    .attr('text-anchor', 'middle')
    .text((c) => `${c.epochs}e`);
  // The tolerance band around the best accuracy accepted so far (at each candidate).
  let best: number | null = null;
  const band = macro.map((c) => {
    const b = best;
    if (c.valAccuracy !== null && (c.decision === 'start' || c.decision === 'accept')) best = best === null ? c.valAccuracy : Math.max(best, c.valAccuracy);
    return { c, best: b };
  });
  plot
    .selectAll<SVGRectElement, { c: EgnasCandidate; best: number | null }>('rect.band')
    .data(band.filter((b) => b.best !== null), (b) => String(b.c.index))
    .join('rect')
    .attr('class', 'band')
    .attr('x', (b) => (x(b.c.index) ?? 0) - x.step() * x.paddingInner() * 0.5)
    .attr('width', x.step())
    .attr('y', (b) => y(Math.min(hi, b.best! + (b.c.phase === 'depth' ? o.addTol : 0))))
    .attr('height', (b) => Math.max(1, y(Math.max(lo, b.best! - o.dropTol)) - y(Math.min(hi, b.best! + (b.c.phase === 'depth' ? o.addTol : 0)))));
  const scored = macro.filter((c) => c.valAccuracy !== null);
  plot
    .selectAll<SVGTextElement, EgnasCandidate>('text.marker')
    .data(scored, (c) => String(c.index))
    .join('text')
    .attr('class', (c) => `marker d-${c.decision} ${phaseClass(c.phase)}`)
    .attr('data-decision', (c) => c.decision)
    .attr('x', (c) => (x(c.index) ?? 0) + x.bandwidth() / 2)
    .attr('y', (c) => y(c.valAccuracy!) + 5)
    .attr('text-anchor', 'middle')
    .text((c) => marker(c.decision))
    .call((s) =>
      s
        .selectAll('title')
        .data((c) => [c])
        .join('title')
        .text((c) => `#${c.index + 1} ${c.phase}: L${c.L} C${c.C}, ${epochsText(c.epochs)} → val ${(100 * c.valAccuracy!).toFixed(1)}%${c.against !== null ? ` vs best ${(100 * c.against).toFixed(1)}%` : ''}: ${c.decision}`),
    );
  yAxisLabel(root, 'validation accuracy', 11, M.top + ih / 2);
  xAxisLabel(root, 'depth phase: L at C_max → width phase: C at the found L (bars: epoch budget)', M.left + iw / 2, h - 3);
}

/** The micro strip: a row of op cells and a row of kernel cells, one column per layer; kept / reverted / unmatched. */
export function drawMicroStrip(svg: SVGSVGElement, cands: readonly EgnasCandidate[], o: { width: number }): boolean {
  const micro = cands.filter((c) => (c.phase === 'ops' || c.phase === 'kernels') && c.layer !== null);
  const ref = cands.find((c) => c.decision === 'reference');
  if (!ref) return false;
  const L = ref.L;
  const w = Math.max(200, o.width);
  const cell = Math.min(46, (w - 70) / L);
  const h = 2 * (cell + 16) + 20;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  const rows = ['ops', 'kernels'] as const;
  const data = rows.flatMap((r, ri) =>
    Array.from({ length: L }, (_, i) => {
      const c = micro.find((k) => k.phase === r && k.layer === i) ?? null;
      return { key: `${r}-${i}`, r, ri, i, c };
    }),
  );
  root.selectAll<SVGTextElement, string>('text.row-label').data(['ops', 'kernel']).join('text').attr('class', 'axis-label row-label').attr('x', 0).attr('y', (_, ri) => 14 + ri * (cell + 16) + cell / 2).text((d) => d);
  const g = root
    .selectAll<SVGGElement, (typeof data)[number]>('g.cell')
    .data(data, (d) => d.key)
    .join('g')
    .attr('class', (d) => `cell ${d.c ? `d-${d.c.decision}` : 'untried'}`)
    .attr('data-decision', (d) => d.c?.decision ?? 'untried')
    .attr('transform', (d) => `translate(${60 + d.i * cell},${6 + d.ri * (cell + 16)})`);
  g.selectAll('rect').data((d) => [d]).join('rect').attr('width', cell - 3).attr('height', cell - 3).attr('rx', 3);
  g.selectAll('text.tok')
    .data((d) => [d])
    .join('text')
    .attr('class', 'tok')
    .attr('x', (cell - 3) / 2)
    .attr('y', (cell - 3) / 2 + 4)
    .attr('text-anchor', 'middle')
    .text((d) => (d.r === 'ops' ? (d.c && d.c.decision === 'keep' ? 'C' : d.c ? 'S→C' : 'S') : d.c && d.c.decision === 'keep' ? '5' : d.c ? '3→5' : '3'));
  g.selectAll('text.width')
    .data((d) => [d])
    .join('text')
    .attr('class', 'width axis-label')
    .attr('x', (cell - 3) / 2)
    .attr('y', cell + 9)
    .attr('text-anchor', 'middle')
    .text((d) => (d.c ? (d.c.decision === 'unmatched' ? 'no fit' : `C${d.c.matchedFrom}→${d.c.C}`) : ''));
  g.selectAll('title')
    .data((d) => [d])
    .join('title')
    .text((d) => (d.c ? `${d.c.change}: tried at C${d.c.C} (${d.c.params} params), val ${d.c.valAccuracy === null ? '–' : `${(100 * d.c.valAccuracy).toFixed(1)}%`} vs ${d.c.against === null ? '–' : `${(100 * d.c.against).toFixed(1)}%`}: ${d.c.decision}` : 'not tried yet'));
  return true;
}

/** Learning curves: one line per candidate (val accuracy per epoch), coloured by phase; `current` drawn on top. */
export function drawCurves(svg: SVGSVGElement, curves: readonly { key: string; phase: string; curve: readonly number[] }[], o: { width: number; height: number }): boolean {
  const shown = curves.filter((c) => c.curve.length > 0);
  if (!shown.length) return false;
  const w = Math.max(240, o.width);
  const h = Math.max(160, o.height);
  const iw = w - M.left - M.right;
  const ih = h - M.top - M.bottom;
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h);
  const maxE = d3.max(shown, (c) => c.curve.length) ?? 1;
  const all = shown.flatMap((c) => c.curve.filter(Number.isFinite));
  const x = d3.scaleLinear().domain([1, Math.max(2, maxE)]).range([0, iw]);
  const y = d3.scaleLinear().domain([Math.max(0, (d3.min(all) ?? 0) - 0.02), Math.min(1, (d3.max(all) ?? 1) + 0.01)]).range([ih, 0]).nice();
  const plot = plotGroup(root, M);
  xAxisGroup(plot, d3.axisBottom(x).ticks(Math.min(10, maxE)).tickFormat(d3.format('d')), ih);
  yAxisGroup(plot, d3.axisLeft(y).ticks(5).tickFormat(d3.format('.0%')));
  const line = d3
    .line<number>()
    .defined((v) => Number.isFinite(v))
    .x((_, i) => x(i + 1))
    .y((v) => y(v));
  plot
    .selectAll<SVGPathElement, (typeof shown)[number]>('path.curve')
    .data(shown, (c) => c.key)
    .join('path')
    .attr('class', (c) => `curve ${phaseClass(c.phase)}`)
    .attr('d', (c) => (c.curve.length === 1 ? `M${x(1) - 2},${y(c.curve[0])}h4` : (line([...c.curve]) ?? '')));
  xAxisLabel(root, 'epoch of the candidate\'s own training', M.left + iw / 2, h - 3);
  return true;
}
