/**
 * AutoSpace-style cells (METHODS.md §4, pure): a cell is an expansion ratio and the ops of the 6 edges of a 4-node DAG
 * (ArchSpec `CellLayer`, core/archspec.ts). A cell has a self-describing name, `c{e}-{6 codes}` with codes
 * z (zero), i (identity), 3 / 5 / 7 (depthwise k×k), p (1×1 conv), edges in the order (0→1) (0→2) (0→3) (1→2) (1→3)
 * (2→3). The reference cell `c3-zz3zzz` (one depthwise 3×3 edge from node 0 to node 3) computes exactly MB k3 e3.
 * Because names describe the cell, any single-path search (PAD-NAS, random search) runs on a space of cell names
 * without a lookup table: core/space/singlePath `opLayer` builds a cell from its name.
 */
import type { CellEdgeOp, CellLayer } from '../archspec';
import { canResidual } from '../skeleton';

/** The edges of the DAG, [from, to], in the order of `CellLayer.edges`. */
export const CELL_EDGES: readonly (readonly [number, number])[] = [
  [0, 1],
  [0, 2],
  [0, 3],
  [1, 2],
  [1, 3],
  [2, 3],
];
/** Nodes: 0 = the expanded input, 3 = the output. */
export const CELL_NODES = 4;
export const CELL_EDGE_OPS: readonly CellEdgeOp[] = ['zero', 'id', 'dw3', 'dw5', 'dw7', 'pw'];
/** Expansion ratios a cell may have (hidden = round(e · cin)). */
export const CELL_EXPANSIONS: readonly number[] = [2, 3, 4, 6];

const CODE: Record<CellEdgeOp, string> = { zero: 'z', id: 'i', dw3: '3', dw5: '5', dw7: '7', pw: 'p' };
const OP_OF: Record<string, CellEdgeOp> = { z: 'zero', i: 'id', '3': 'dw3', '5': 'dw5', '7': 'dw7', p: 'pw' };

export interface Cell {
  /** Expansion ratio (one of CELL_EXPANSIONS). */
  e: number;
  /** Six edge ops, in CELL_EDGES order. */
  edges: CellEdgeOp[];
}

/** The reference architecture's cell: MB k3 e3. */
export const REFERENCE_CELL: Readonly<Cell> = Object.freeze({ e: 3, edges: ['zero', 'zero', 'dw3', 'zero', 'zero', 'zero'] as CellEdgeOp[] });

const NAME = /^c(\d+)-([zi357p]{6})$/;

/** True when `op` is a cell name (it may still be invalid: parseCell says why). */
export function isCellName(op: string): boolean {
  return op.startsWith('c') && NAME.test(op);
}

/** The name of a cell (`c3-zz3zzz`). */
export function cellName(c: Cell): string {
  return `c${c.e}-${c.edges.map((o) => CODE[o]).join('')}`;
}

/** The cell a name describes; throws in plain words when the name is malformed or the cell invalid. */
export function parseCell(name: string): Cell {
  const m = NAME.exec(name);
  if (!m) throw new RangeError(`"${name}" is not a cell name (expected c{e}-{6 of z i 3 5 7 p}, e.g. c3-zz3zzz)`);
  const cell: Cell = { e: Number(m[1]), edges: [...m[2]].map((ch) => OP_OF[ch]) };
  const why = cellProblem(cell, 1);
  if (why) throw new RangeError(`cell "${name}": ${why}`);
  return cell;
}

/** Which nodes carry a signal: node 0 always, node j when a non-zero edge comes in from a live node. */
export function liveNodes(c: Cell): boolean[] {
  const live = [true, false, false, false];
  CELL_EDGES.forEach(([from, to], i) => {
    if (c.edges[i] !== 'zero' && live[from]) live[to] = true;
  });
  return live;
}

/** Which nodes reach node 3 through non-zero edges (node 3 itself does). */
function reachesOutput(c: Cell): boolean[] {
  const reach = [false, false, false, true];
  for (let i = CELL_EDGES.length - 1; i >= 0; i--) {
    const [from, to] = CELL_EDGES[i];
    if (c.edges[i] !== 'zero' && reach[to]) reach[from] = true;
  }
  return reach;
}

/**
 * What is wrong with a cell at this stride, or null: a known expansion, six known ops, a path from input to output,
 * and no identity edge out of node 0 at stride 2 (it would have to change the resolution).
 */
export function cellProblem(c: Cell, stride: number): string | null {
  if (!CELL_EXPANSIONS.includes(c.e)) return `expansion ${c.e} is not one of ${CELL_EXPANSIONS.join(', ')}`;
  return cellEdgesProblem(c.edges, stride);
}

/**
 * What is wrong with a cell's edge list at this stride, or null (cellProblem without the expansion; ArchSpec
 * validation of a `CellLayer` uses it): six known ops, a path from input to output, no identity out of node 0 at stride 2.
 */
export function cellEdgesProblem(edges: readonly CellEdgeOp[], stride: number): string | null {
  if (edges.length !== CELL_EDGES.length) return `a cell has ${CELL_EDGES.length} edges, got ${edges.length}`;
  const bad = edges.find((o) => !CELL_EDGE_OPS.includes(o));
  if (bad !== undefined) return `unknown edge op "${String(bad)}"`;
  if (!liveNodes({ e: 0, edges: [...edges] })[3]) return 'no path from the input to the output (every path has a zero edge)';
  if (stride !== 1 && CELL_EDGES.some(([from], i) => from === 0 && edges[i] === 'id')) {
    return 'an identity edge leaves the input node, which is not allowed where the cell has stride 2';
  }
  return null;
}

/** The same function with only live edges kept: edges not on a path from node 0 to node 3 become `zero`. */
export function canonicalCell(c: Cell): Cell {
  const live = liveNodes(c);
  const reach = reachesOutput(c);
  return { e: c.e, edges: c.edges.map((o, i) => (live[CELL_EDGES[i][0]] && reach[CELL_EDGES[i][1]] ? o : 'zero')) };
}

/** One computed edge of a cell layer: its index in `edges`, its nodes and its (non-zero) op. */
export interface CellEdge {
  index: number;
  from: number;
  to: number;
  op: Exclude<CellEdgeOp, 'zero'>;
}

/**
 * The edges a cell layer computes, in `edges` order: its non-zero edges on a path from node 0 to node 3 (for a
 * canonical layer, every non-zero edge). Engine, costs, latency and every exporter build exactly these.
 */
export function cellComputedEdges(layer: Pick<CellLayer, 'edges'>): CellEdge[] {
  const k = canonicalCell({ e: 0, edges: [...layer.edges] });
  const out: CellEdge[] = [];
  k.edges.forEach((op, index) => {
    if (op !== 'zero') out.push({ index, from: CELL_EDGES[index][0], to: CELL_EDGES[index][1], op });
  });
  return out;
}

/** Kernel size of a depthwise edge op (`dw5` → 5), null for the others. */
export function cellEdgeKernel(op: CellEdgeOp): number | null {
  return op === 'dw3' ? 3 : op === 'dw5' ? 5 : op === 'dw7' ? 7 : null;
}

/** Whether edge `i` of a canonical cell is computed (non-zero). */
export function edgeLive(c: Cell, i: number): boolean {
  return c.edges[i] !== 'zero';
}

/** The concrete layer a cell is at a slot with these channels and stride (canonical edges; residual when shapes allow). */
export function cellLayer(c: Cell, cin: number, cout: number, stride: number): CellLayer {
  const why = cellProblem(c, stride);
  if (why) throw new RangeError(`cell ${cellName(c)} at stride ${stride}: ${why}`);
  const k = canonicalCell(c);
  return { type: 'cell', cin, cout, stride, hidden: Math.max(1, Math.round(c.e * cin)), edges: k.edges, residual: canResidual(cin, cout, stride) };
}

/**
 * One random mutation of a cell (uniform draws from `next()` ∈ [0, 1)): with probability 1/4 a different expansion,
 * else one edge gets a different op. When the new edge leaves a node that nothing feeds, or enters one that does not
 * reach the output, the edge that connects it is added too (from node 0, or on to node 3), so a cell can grow from
 * one edge into a real DAG: without that repair every new edge of the single-edge reference cell would be dead and
 * evolution could never leave single-edge cells. The result is canonical, valid at `stride` and differs from the
 * parent; after `tries` invalid or unchanged draws the parent's canonical copy comes back.
 */
/** Make edge (from → to) live: feed `from` from node 0 and lead `to` on to node 3 when they are not (random ops). */
function connect(c: Cell, [from, to]: readonly [number, number], stride: number, next: () => number): void {
  const edgeIndex = (a: number, b: number) => CELL_EDGES.findIndex(([x, y]) => x === a && y === b);
  const pick = (fromInput: boolean) => {
    const ops = CELL_EDGE_OPS.filter((o) => o !== 'zero' && !(fromInput && stride !== 1 && o === 'id'));
    return ops[Math.floor(next() * ops.length)];
  };
  if (!liveNodes(c)[from]) c.edges[edgeIndex(0, from)] = pick(true);
  if (!reachesOutput(c)[to]) c.edges[edgeIndex(to, 3)] = pick(false);
}

export function mutateCell(parent: Cell, stride: number, next: () => number, tries = 32): Cell {
  const base = canonicalCell(parent);
  const key = cellName(base);
  for (let t = 0; t < tries; t++) {
    const child: Cell = { e: base.e, edges: [...base.edges] };
    if (next() < 0.25) {
      const others = CELL_EXPANSIONS.filter((e) => e !== base.e);
      child.e = others[Math.floor(next() * others.length)];
    } else {
      const i = Math.floor(next() * CELL_EDGES.length);
      const others = CELL_EDGE_OPS.filter((o) => o !== base.edges[i]);
      child.edges[i] = others[Math.floor(next() * others.length)];
      if (child.edges[i] !== 'zero') connect(child, CELL_EDGES[i], stride, next);
    }
    if (cellProblem(child, stride)) continue;
    const c = canonicalCell(child);
    if (cellName(c) !== key) return c;
  }
  return base;
}
