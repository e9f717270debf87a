/**
 * A cell as a small DAG glyph: its 4 nodes on a line (0 = the expanded input, 3 = the output), the chain edges
 * 0→1→2→3 straight, the skips 0→2 and 0→3 arched above and 1→3 below, each computed edge labelled by its op. Only the
 * edges the cell computes are drawn (core/space/cell canonical form: zero edges and edges off every input→output path
 * are left out); nodes no signal reaches are hollow. The geometry is pure (tested); `drawCellGlyph` renders it with d3.
 */
import * as d3 from 'd3';
import type { CellEdgeOp } from '../../../core/archspec';
import { CELL_EDGES, canonicalCell, liveNodes, parseCell } from '../../../core/space/cell';

export interface GlyphNode {
  id: number;
  x: number;
  y: number;
  /** Some computed edge touches it (node 0 and 3 always). */
  live: boolean;
}

export interface GlyphEdge {
  /** Index in CELL_EDGES order. */
  index: number;
  from: number;
  to: number;
  op: Exclude<CellEdgeOp, 'zero'>;
  /** SVG path (a line or a quadratic arc). */
  path: string;
  /** Where its op label sits (the middle of the edge). */
  lx: number;
  ly: number;
}

export interface GlyphGeometry {
  name: string;
  /** Expansion ratio. */
  e: number;
  nodes: GlyphNode[];
  edges: GlyphEdge[];
}

const NODE_X = [0.1, 0.37, 0.63, 0.9];
const NODE_Y = 0.58;
/** Vertical offset of each edge's middle, as a fraction of the height (0: a straight chain edge). */
const BEND: Record<string, number> = { '0-1': 0, '1-2': 0, '2-3': 0, '0-2': -0.3, '0-3': -0.5, '1-3': 0.32 };

/** The glyph of a cell name in a w × h box, or null when the name is not a valid cell. */
export function glyphGeometry(name: string, w: number, h: number): GlyphGeometry | null {
  let cell;
  try {
    cell = canonicalCell(parseCell(name));
  } catch {
    return null;
  }
  const edges: GlyphEdge[] = [];
  cell.edges.forEach((op, index) => {
    if (op === 'zero') return;
    const [from, to] = CELL_EDGES[index];
    const x0 = NODE_X[from] * w;
    const x1 = NODE_X[to] * w;
    const y = NODE_Y * h;
    const bend = BEND[`${from}-${to}`] * h;
    // A quadratic curve's middle lies halfway to its control point: control at 2 × the bend puts the label on it.
    const path = bend === 0 ? `M${x0},${y}L${x1},${y}` : `M${x0},${y}Q${(x0 + x1) / 2},${y + 2 * bend} ${x1},${y}`;
    edges.push({ index, from, to, op, path, lx: (x0 + x1) / 2, ly: y + bend });
  });
  const touched = new Set(edges.flatMap((e) => [e.from, e.to]));
  const reached = liveNodes(cell);
  const nodes = NODE_X.map((x, id) => ({ id, x: x * w, y: NODE_Y * h, live: id === 0 || id === 3 || (reached[id] && touched.has(id)) }));
  return { name, e: cell.e, nodes, edges };
}

const SHORT: Record<GlyphEdge['op'], string> = { id: '=', dw3: '3', dw5: '5', dw7: '7', pw: '1' };
const LONG: Record<GlyphEdge['op'], string> = { id: 'id', dw3: 'dw3', dw5: 'dw5', dw7: 'dw7', pw: '1×1' };
const WORDS: Record<GlyphEdge['op'], string> = { id: 'identity', dw3: 'depthwise 3×3', dw5: 'depthwise 5×5', dw7: 'depthwise 7×7', pw: '1×1 conv' };

/** The label drawn on an edge: one character in small glyphs, a short op name in large ones. */
export function edgeLabel(op: GlyphEdge['op'], long: boolean): string {
  return (long ? LONG : SHORT)[op];
}

/** A cell in words ("expand ×3; 0→3 depthwise 3×3"), for tooltips and screen readers. */
export function describeCell(name: string): string {
  const g = glyphGeometry(name, 1, 1);
  if (!g) return `${name} (not a valid cell name)`;
  return `expand ×${g.e}; ${g.edges.map((e) => `${e.from}→${e.to} ${WORDS[e.op]}`).join(', ')}`;
}

/** Draw (or update) the glyph of `name` into `g`, in a w × h box. */
export function drawCellGlyph(g: d3.Selection<SVGGElement, unknown, null, undefined>, name: string, w: number, h: number): void {
  const geo = glyphGeometry(name, w, h);
  const long = w >= 96;
  if (g.attr('data-cell') === name && g.attr('data-w') === String(w)) return; // unchanged: keep the DOM
  g.attr('data-cell', name).attr('data-w', String(w)).selectAll('*').remove();
  if (!geo) {
    g.append('text').attr('class', 'glyph-bad').attr('x', w / 2).attr('y', h / 2).attr('text-anchor', 'middle').text('?');
    return;
  }
  g.selectAll('path.edge')
    .data(geo.edges)
    .join('path')
    .attr('class', (e) => `edge op-${e.op}`)
    .attr('d', (e) => e.path);
  g.selectAll('circle.node')
    .data(geo.nodes)
    .join('circle')
    .attr('class', (n) => `node${n.live ? '' : ' dead'}${n.id === 0 || n.id === 3 ? ' io' : ''}`)
    .attr('cx', (n) => n.x)
    .attr('cy', (n) => n.y)
    .attr('r', long ? 3.5 : 2.5);
  const lg = g
    .selectAll('g.edge-label')
    .data(geo.edges)
    .join('g')
    .attr('class', 'edge-label')
    .attr('transform', (e) => `translate(${e.lx},${e.ly})`);
  const fs = long ? 9 : 7.5;
  lg.append('rect')
    .attr('class', 'label-bg')
    .attr('x', (e) => -(edgeLabel(e.op, long).length * fs * 0.32 + 1.5))
    .attr('y', -fs * 0.55)
    .attr('width', (e) => edgeLabel(e.op, long).length * fs * 0.64 + 3)
    .attr('height', fs * 1.1)
    .attr('rx', 2);
  lg.append('text')
    .attr('class', (e) => `label op-${e.op}`)
    .attr('text-anchor', 'middle')
    .attr('dy', fs * 0.35)
    .attr('font-size', fs)
    .text((e) => edgeLabel(e.op, long));
  g.append('text')
    .attr('class', 'glyph-e')
    .attr('x', 1)
    .attr('y', long ? 10 : 8)
    .attr('font-size', long ? 9 : 7.5)
    .text(`e${geo.e}`);
}
