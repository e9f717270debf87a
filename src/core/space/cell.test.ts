import { describe, expect, it } from 'vitest';
import type { ArchSpec, CellLayer, LayerSpec } from '../archspec';
import { archCosts, layerCost } from '../costs';
import { rngStream } from '../rng';
import { validateArchSpec } from '../validateArchSpec';
import {
  CELL_EDGE_OPS,
  CELL_EDGES,
  CELL_EXPANSIONS,
  canonicalCell,
  cellComputedEdges,
  cellLayer,
  cellName,
  cellProblem,
  isCellName,
  mutateCell,
  parseCell,
  REFERENCE_CELL,
  type Cell,
} from './cell';
import { genotypeSpec, type SkeletonShape } from './singlePath';

const SK: SkeletonShape = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 0.5, tiny: true };

/** A one-cell network (stem conv → cell → gap → dense) for validation. */
function oneCellSpec(cell: CellLayer, size = 6): ArchSpec {
  return {
    version: 1,
    name: 'one cell',
    input: { height: size, width: size, channels: 1 },
    numClasses: 3,
    layers: [
      { type: 'conv', cin: 1, cout: cell.cin, k: 3, stride: 1, relu: true },
      cell,
      { type: 'gap' },
      { type: 'dense', cin: cell.cout, cout: 3 },
    ],
  };
}

/** A random valid cell at `stride` (uniform ops, retried until valid). */
function randomCell(next: () => number, stride: number): Cell {
  for (;;) {
    const c: Cell = {
      e: CELL_EXPANSIONS[Math.floor(next() * CELL_EXPANSIONS.length)],
      edges: CELL_EDGES.map(() => CELL_EDGE_OPS[Math.floor(next() * CELL_EDGE_OPS.length)]),
    };
    if (!cellProblem(c, stride)) return c;
  }
}

describe('cell names', () => {
  it('round-trip: name → cell → name, for the reference and 500 random valid cells', () => {
    expect(cellName(REFERENCE_CELL)).toBe('c3-zz3zzz');
    expect(parseCell('c3-zz3zzz')).toEqual(REFERENCE_CELL);
    expect(parseCell('c4-3p5zzi')).toEqual({ e: 4, edges: ['dw3', 'pw', 'dw5', 'zero', 'zero', 'id'] });
    const rng = rngStream(1, 'names');
    for (let i = 0; i < 500; i++) {
      const c = randomCell(() => rng.next(), 1);
      const name = cellName(c);
      expect(isCellName(name)).toBe(true);
      expect(parseCell(name)).toEqual(c);
      expect(cellName(parseCell(name))).toBe(name);
    }
  });

  it('refuses malformed names and invalid cells, saying why', () => {
    for (const bad of ['c3-zz3zz', 'c3-zz3zzzz', 'x3-zz3zzz', 'c3-zz3zzq', 'c3zz3zzz', 'c-zz3zzz', 'k3e3', '']) {
      expect(isCellName(bad)).toBe(false);
      expect(() => parseCell(bad)).toThrow(/is not a cell name/);
    }
    expect(() => parseCell('c5-zz3zzz')).toThrow(/expansion 5 is not one of 2, 3, 4, 6/);
    expect(() => parseCell('c3-zzzzzz')).toThrow(/no path from the input to the output/);
    expect(() => parseCell('c3-3zzzz3')).toThrow(/no path/); // 0→1 and 2→3, nothing joins them
    expect(cellProblem(parseCell('c3-zzizzz'), 2)).toMatch(/identity edge leaves the input node.*stride 2/);
    expect(cellProblem(parseCell('c3-3zzzii'), 2)).toBeNull(); // identities between inner nodes are fine at stride 2
    expect(cellProblem({ e: 3, edges: ['dw3', 'zero'] }, 1)).toMatch(/6 edges, got 2/);
    expect(cellProblem({ e: 3, edges: ['dw9' as never, 'zero', 'zero', 'zero', 'zero', 'zero'] }, 1)).toMatch(/unknown edge op "dw9"/);
    expect(() => cellLayer(parseCell('c3-izzziz'), 8, 16, 2)).toThrow(/stride 2/);
  });

  it('canonicalCell drops edges off every input→output path and keeps the function', () => {
    // 0→1 dw3 and 1→2 pw lead to node 2, which reaches nothing: only 0→3 dw5 stays.
    expect(cellName(canonicalCell(parseCell('c3-3z5pzz')))).toBe('c3-zz5zzz');
    // 2→3 from an unreachable node 2.
    expect(cellName(canonicalCell(parseCell('c3-zz5zz3')))).toBe('c3-zz5zzz');
    // Every edge on a path stays.
    expect(cellName(canonicalCell(parseCell('c6-i3z353')))).toBe('c6-i3z353');
    expect(cellName(canonicalCell(parseCell('c4-3p5zzi')))).toBe('c4-zp5zzi');
    const rng = rngStream(2, 'canon');
    for (let i = 0; i < 300; i++) {
      const c = randomCell(() => rng.next(), 1);
      const k = canonicalCell(c);
      expect(canonicalCell(k)).toEqual(k);
      expect(cellProblem(k, 1)).toBeNull();
      // Canonical = every non-zero edge is computed.
      expect(cellComputedEdges(k).length).toBe(k.edges.filter((o) => o !== 'zero').length);
      expect(cellComputedEdges(c)).toEqual(cellComputedEdges(k));
    }
  });
});

describe('mutateCell', () => {
  for (const stride of [1, 2]) {
    it(`2,000 random mutations at stride ${stride}: valid, canonical, new, and each a valid network`, () => {
      const rng = rngStream(stride, 'mutate');
      const next = () => rng.next();
      let parent: Cell = { ...REFERENCE_CELL, edges: [...REFERENCE_CELL.edges] };
      const seen = new Set<string>();
      for (let i = 0; i < 2000; i++) {
        // A random walk, restarted from a fresh random parent now and then so that the walk covers the space.
        if (i % 50 === 0) parent = i === 0 ? parent : randomCell(next, stride);
        const child = mutateCell(parent, stride, next);
        expect(cellProblem(child, stride), cellName(child)).toBeNull();
        expect(canonicalCell(child)).toEqual(child);
        expect(cellName(child)).not.toBe(cellName(canonicalCell(parent)));
        const name = cellName(child);
        if (!seen.has(name)) {
          seen.add(name);
          const cin = 4;
          const cout = stride === 1 ? 4 : 6;
          const layer = cellLayer(child, cin, cout, stride);
          expect(layer.residual).toBe(stride === 1);
          const spec = validateArchSpec(oneCellSpec(layer));
          const c = archCosts(spec);
          expect(c.params).toBeGreaterThan(0);
          expect(c.layers[1].outShape).toEqual([Math.ceil(6 / stride), Math.ceil(6 / stride), cout]);
        }
        parent = child;
      }
      expect(seen.size).toBeGreaterThan(300);
    });

    it(`a walk from the single-edge reference cell alone grows multi-edge DAGs at stride ${stride}`, () => {
      const rng = rngStream(10 + stride, 'grow');
      const next = () => rng.next();
      let c: Cell = { ...REFERENCE_CELL, edges: [...REFERENCE_CELL.edges] };
      let most = 0;
      const seen = new Set<string>();
      for (let i = 0; i < 300; i++) {
        c = mutateCell(c, stride, next);
        seen.add(cellName(c));
        most = Math.max(most, c.edges.filter((o) => o !== 'zero').length);
      }
      // Without the connecting edge every reachable cell had one edge (20 cells at stride 1, 16 at stride 2).
      expect(most).toBeGreaterThanOrEqual(4);
      expect(seen.size).toBeGreaterThan(60);
    });
  }
});

describe('CellLayer in ArchSpec', () => {
  const ok: CellLayer = { type: 'cell', cin: 4, cout: 4, stride: 1, hidden: 12, edges: ['id', 'zero', 'dw5', 'pw', 'zero', 'dw3'], residual: true };

  it('validates a cell network and refuses bad cell fields with the field and the reason', () => {
    expect(validateArchSpec(oneCellSpec(ok)).layers[1]).toEqual(ok);
    const bad = (patch: Partial<CellLayer>): string => {
      try {
        validateArchSpec(oneCellSpec({ ...ok, ...patch }));
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(bad({ hidden: 0 })).toMatch(/^layers\[1\]\.hidden: must be an integer ≥ 1/);
    expect(bad({ edges: ['id', 'zero', 'dw9' as never, 'pw', 'zero', 'dw3'] })).toMatch(/^layers\[1\]\.edges\[2\]: must be one of zero, id, dw3, dw5, dw7, pw/);
    expect(bad({ edges: ['id', 'zero', 'dw5'] })).toMatch(/^layers\[1\]\.edges: must list 6 edge ops/);
    expect(bad({ edges: ['dw3', 'zero', 'zero', 'zero', 'zero', 'dw3'] })).toMatch(/^layers\[1\]\.edges: no path from the input to the output/);
    expect(bad({ stride: 2, residual: false, cout: 4 })).toMatch(/^layers\[1\]\.edges: an identity edge leaves the input node/);
    expect(bad({ stride: 2, edges: ['dw3', 'zero', 'dw5', 'pw', 'zero', 'dw3'] })).toMatch(/^layers\[1\]\.residual: needs stride 1 and cin == cout/);
    expect(bad({ cout: 8 })).toMatch(/^layers\[1\]\.residual: needs stride 1 and cin == cout/);
    expect(bad({ edges: ['id', 'pw', 'dw5', 'zero', 'zero', 'zero'] })).toMatch(/^layers\[1\]\.edges\[0\]: edge \(0→1\) is 'id' but lies on no path.*canonical/);
  });

  it('costs: analytic MACs and params of one cell by hand', () => {
    // cin 8 → hidden 16 at 6×6, edges 0→1 dw3, 0→3 pw, 1→3 id, project → 8, stride 1.
    const l: CellLayer = { type: 'cell', cin: 8, cout: 8, stride: 1, hidden: 16, edges: ['dw3', 'zero', 'pw', 'zero', 'id', 'zero'], residual: true };
    const c = layerCost(l, [6, 6, 8]);
    expect(c.outShape).toEqual([6, 6, 8]);
    expect(c.macs).toBe(8 * 16 * 36 + 16 * 9 * 36 + 16 * 16 * 36 + 16 * 8 * 36);
    expect(c.params).toBe(8 * 16 + 32 + (16 * 9 + 32) + (16 * 16 + 32) + (16 * 8 + 16));
    // Stride 2: the expand runs at 7×7, everything after it at 4×4.
    const s: CellLayer = { ...l, stride: 2, residual: false, edges: ['dw5', 'zero', 'pw', 'zero', 'pw', 'zero'] };
    const d = layerCost(s, [7, 7, 8]);
    expect(d.outShape).toEqual([4, 4, 8]);
    expect(d.macs).toBe(8 * 16 * 49 + 16 * 25 * 16 + 16 * 16 * 16 + 16 * 16 * 16 + 16 * 8 * 16);
  });

  it('the reference cell costs exactly MB k3 e3 in every slot of the skeleton', () => {
    const cells = genotypeSpec(Array.from({ length: 7 }, () => 'c3-zz3zzz'), SK);
    const mbs = genotypeSpec(Array.from({ length: 7 }, () => 'k3e3'), SK);
    const a = archCosts(cells);
    const b = archCosts(mbs);
    expect(a.macs).toBe(b.macs);
    expect(a.params).toBe(b.params);
    expect(cells.layers.filter((l: LayerSpec) => l.type === 'cell')).toHaveLength(7);
  });
});
