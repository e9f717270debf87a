/**
 * The comparison scatter (issue 14 §2): test accuracy against latency, MACs or params; one mark shape and colour per
 * method (legend included, so the SVG export stands alone), predicted latencies drawn hollow, the Pareto front as a
 * step line. Pure d3 draw function; hovering or focusing a point (each is reachable with Tab) calls `onHover` with its id
 * (React shows the block diagram). Dragging a rectangle over the plot calls `onZoom` with the data ranges it covers
 * (the caller draws again with them as `zoom`: only the points inside are drawn); a double-click asks for no zoom.
 */
import * as d3 from 'd3';

export interface PlotPoint {
  id: string;
  method: string;
  x: number;
  y: number;
  kind: 'measured' | 'predicted' | 'count';
}

const SHAPES = [d3.symbolCircle, d3.symbolSquare, d3.symbolTriangle, d3.symbolDiamond, d3.symbolCross, d3.symbolStar, d3.symbolWye];
const COLOURS = d3.schemeTableau10;

/** The mark and colour of each method, stable by the order of `methods`. */
export function methodStyles(methods: readonly string[]): Map<string, { shape: d3.SymbolType; colour: string }> {
  return new Map(methods.map((m, i) => [m, { shape: SHAPES[i % SHAPES.length], colour: COLOURS[i % COLOURS.length] }]));
}

const M = { top: 12, right: 150, bottom: 40, left: 56 };

/** The data ranges the plot shows: x in the axis's unit, y as a fraction (test accuracy). */
export interface ScatterZoom {
  x: [number, number];
  y: [number, number];
}

/** The points inside `zoom` (edges included); all of them without a zoom. */
export function pointsInView<P extends { x: number; y: number }>(points: readonly P[], zoom: ScatterZoom | null): P[] {
  if (!zoom) return points.slice();
  return points.filter((p) => p.x >= zoom.x[0] && p.x <= zoom.x[1] && p.y >= zoom.y[0] && p.y <= zoom.y[1]);
}

let clipSeq = 0;

/** Smallest brushed rectangle, in pixels either way, taken as a zoom (a smaller one is a click, not a drag). */
export const MIN_BRUSH_PX = 6;

/**
 * The zoom a brushed rectangle [[x0, y0], [x1, y1]] (pixels of the plot area) stands for under the scales `x` and `y`;
 * null when it is smaller than MIN_BRUSH_PX either way.
 */
export function zoomFromBrush(sel: [[number, number], [number, number]], x: { invert(v: number): number }, y: { invert(v: number): number }): ScatterZoom | null {
  const [[px0, py0], [px1, py1]] = sel;
  if (Math.abs(px1 - px0) < MIN_BRUSH_PX || Math.abs(py1 - py0) < MIN_BRUSH_PX) return null;
  const xs = [x.invert(px0), x.invert(px1)].sort((a, b) => a - b) as [number, number];
  const ys = [y.invert(py0), y.invert(py1)].sort((a, b) => a - b) as [number, number];
  return { x: xs, y: ys };
}

/** A point in words (its tooltip and its accessible name), the method named by `name`. */
function pointText(p: PlotPoint, name: (method: string) => string): string {
  return `${name(p.method)}: ${(p.y * 100).toFixed(1)} % at ${p.x.toPrecision(3)}${p.kind === 'predicted' ? ' (predicted)' : p.kind === 'measured' ? ' (measured)' : ''}`;
}

export function drawCompareScatter(
  svg: SVGSVGElement,
  width: number,
  height: number,
  opts: {
    points: readonly PlotPoint[];
    front: readonly PlotPoint[];
    methods: readonly string[];
    xLabel: string;
    logX: boolean;
    onHover: (id: string | null) => void;
    /** A method's name in the legend and in each point's text (default: its id). */
    methodName?: (method: string) => string;
    /** Show only these ranges (the points outside are not drawn; the front is clipped to the plot). */
    zoom?: ScatterZoom | null;
    /** A rectangle dragged over the plot (its ranges), or a double-click (null). Without it the plot does not zoom. */
    onZoom?: (zoom: ScatterZoom | null) => void;
  },
): void {
  const w = Math.max(240, width);
  const h = Math.max(160, height);
  const root = d3.select(svg).attr('viewBox', `0 0 ${w} ${h}`).attr('width', w).attr('height', h).attr('xmlns', 'http://www.w3.org/2000/svg');
  root.selectAll('*').remove();
  const iw = w - M.left - M.right;
  const ih = h - M.top - M.bottom;
  const g = root.append('g').attr('transform', `translate(${M.left},${M.top})`);
  const xs = opts.points.map((p) => p.x);
  const ys = opts.points.map((p) => p.y);
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs)] : [1, 10];
  const [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  const zoom = opts.zoom ?? null;
  const name = opts.methodName ?? ((m: string) => m);
  const text = (p: PlotPoint) => pointText(p, name);
  const x = opts.logX ? d3.scaleLog().range([0, iw]) : d3.scaleLinear().range([0, iw]);
  const y = d3.scaleLinear().range([ih, 0]);
  if (zoom) {
    x.domain(zoom.x);
    y.domain(zoom.y);
  } else {
    x.domain(opts.logX ? [x0 / 1.3, x1 * 1.3] : [Math.max(0, x0 - (x1 - x0 || x0) * 0.15), x1 + (x1 - x0 || x1) * 0.15]).nice();
    y.domain([Math.max(0, y0 - 0.05), Math.min(1, y1 + 0.05)]).nice();
  }
  const shown = pointsInView(opts.points, zoom);
  g.append('g').attr('transform', `translate(0,${ih})`).call(d3.axisBottom(x).ticks(6, opts.logX ? '~s' : undefined));
  g.append('g').call(d3.axisLeft(y).ticks(5, zoom && zoom.y[1] - zoom.y[0] < 0.05 ? '.1%' : '.0%'));
  g.append('text').attr('x', iw / 2).attr('y', ih + 32).attr('text-anchor', 'middle').attr('fill', 'currentColor').attr('font-size', 11).text(opts.xLabel);
  g.append('text').attr('transform', 'rotate(-90)').attr('x', -ih / 2).attr('y', -42).attr('text-anchor', 'middle').attr('fill', 'currentColor').attr('font-size', 11).text('test accuracy');
  if (opts.points.length > 0 && shown.length === 0) {
    g.append('text').attr('class', 'empty-note').attr('x', iw / 2).attr('y', ih / 2).attr('text-anchor', 'middle').attr('fill', 'currentColor').attr('opacity', 0.7).attr('font-size', 13).text('No run in the zoomed ranges');
  }
  if (opts.points.length === 0) {
    // Empty axes alone read as "broken": say so in the plot (the line under the chart says which runs are left off, and why).
    g.append('text').attr('class', 'empty-note').attr('x', iw / 2).attr('y', ih / 2).attr('text-anchor', 'middle').attr('fill', 'currentColor').attr('opacity', 0.7).attr('font-size', 13).text('No run to plot on this axis yet');
  }
  if (opts.onZoom) {
    const onZoom = opts.onZoom;
    // Under the points, so that hovering a point still shows its network; a drag that starts on a point does not zoom.
    const brush = d3
      .brush()
      .extent([
        [0, 0],
        [iw, ih],
      ])
      .on('end', (ev: d3.D3BrushEvent<unknown>) => {
        if (!ev.sourceEvent || !ev.selection) return;
        const z = zoomFromBrush(ev.selection as [[number, number], [number, number]], x, y);
        if (z) onZoom(z);
        else brushG.call((sel) => brush.move(sel, null));
      });
    const brushG = g.append('g').attr('class', 'zoom-brush').call(brush);
    brushG.on('dblclick', () => onZoom(null));
  }
  if (opts.front.length > 1) {
    // Clipped to the plot area: when zoomed in, the front runs on past the ranges shown.
    const clipId = `compare-clip-${++clipSeq}`;
    root.append('defs').append('clipPath').attr('id', clipId).append('rect').attr('width', iw).attr('height', ih);
    const line = d3.line<PlotPoint>((p) => x(p.x), (p) => y(p.y)).curve(d3.curveStepAfter);
    g.append('path').attr('class', 'pareto-front').attr('clip-path', `url(#${clipId})`).attr('d', line([...opts.front])).attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-dasharray', '4 3').attr('opacity', 0.7);
  }
  const styles = methodStyles(opts.methods);
  const onFront = new Set(opts.front.map((p) => p.id));
  g.selectAll('path.point')
    .data(shown)
    .join('path')
    .attr('class', 'point')
    .attr('data-id', (p) => p.id)
    .attr('data-method', (p) => p.method)
    .attr('transform', (p) => `translate(${x(p.x)},${y(p.y)})`)
    .attr('d', (p) => d3.symbol(styles.get(p.method)?.shape ?? d3.symbolCircle, onFront.has(p.id) ? 110 : 70)())
    .attr('fill', (p) => (p.kind === 'predicted' ? 'none' : (styles.get(p.method)?.colour ?? 'grey')))
    .attr('stroke', (p) => styles.get(p.method)?.colour ?? 'grey')
    .attr('stroke-width', 1.8)
    .style('cursor', 'pointer')
    // Reachable by keyboard: Tab to a point shows its network, as hovering does.
    .attr('tabindex', 0)
    .attr('role', 'img')
    .attr('aria-label', text)
    .on('mouseenter focus', (_, p) => opts.onHover(p.id))
    .on('mouseleave blur', () => opts.onHover(null))
    .append('title')
    .text(text);
  const legend = root.append('g').attr('transform', `translate(${w - M.right + 14},${M.top + 4})`);
  opts.methods.forEach((m, i) => {
    const s = styles.get(m);
    const row = legend.append('g').attr('transform', `translate(0,${i * 18})`);
    row.append('path').attr('transform', 'translate(6,0)').attr('d', d3.symbol(s?.shape ?? d3.symbolCircle, 60)()).attr('fill', s?.colour ?? 'grey');
    row.append('text').attr('x', 16).attr('y', 4).attr('font-size', 11).attr('fill', 'currentColor').text(name(m));
  });
  const n = opts.methods.length;
  legend.append('text').attr('y', n * 18 + 8).attr('font-size', 10).attr('fill', 'currentColor').text('hollow = predicted');
  legend.append('text').attr('y', n * 18 + 22).attr('font-size', 10).attr('fill', 'currentColor').text('- - Pareto front');
}
