import { describe, expect, it } from 'vitest';
import type { ArchSpec, CellLayer } from '../archspec';
import { genotypeSpec, type SkeletonShape } from '../space/singlePath';
import { layerDispatches } from './dispatches';
import { cellLutOps, isPartLutOp, layerLutOp, lutKey, lutOpLabel, parseLutKey, specLutOps } from './lutKeys';
import { predictLatency } from './predict';
import { layerTrafficBytes } from './roofline';
import { syntheticProfile } from './testProfile';

const SK: SkeletonShape = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1, tiny: true };

describe('a cell is priced by its parts', () => {
  const cell: CellLayer = { type: 'cell', cin: 8, cout: 16, stride: 2, hidden: 24, edges: ['pw', 'dw5', 'zero', 'id', 'dw3', 'pw'], residual: false };

  it('parts: expand conv, edges at their resolution and stride, node sums, project, residual add', () => {
    expect(layerLutOp(cell, [14, 14, 8])).toBeNull();
    expect(cellLutOps(cell, [14, 14, 8]).map(lutKey)).toEqual([
      'conv cin=8 cout=24 h=14 w=14 k=1 s=1 relu=1', // expand
      'conv cin=24 cout=24 h=14 w=14 k=1 s=2 relu=1', // 0→1 pw leaves node 0: the cell's stride
      'dw c=24 h=14 w=14 k=5 s=2', // 0→2
      // 1→2 identity: free
      'dw c=24 h=7 w=7 k=3 s=1', // 1→3 at the output resolution
      'conv cin=24 cout=24 h=7 w=7 k=1 s=1 relu=1', // 2→3
      'add c=24 h=7 w=7 n=2', // node 2 = 0→2 + 1→2
      'add c=24 h=7 w=7 n=2', // node 3 = 1→3 + 2→3
      'conv cin=24 cout=16 h=7 w=7 k=1 s=1 relu=0', // project
    ]);
    const res: CellLayer = { ...cell, cout: 8, stride: 1, residual: true, edges: ['pw', 'pw', 'pw', 'pw', 'pw', 'pw'] };
    const keys = cellLutOps(res, [7, 7, 8]).map(lutKey);
    expect(keys.filter((k) => k.startsWith('add'))).toEqual(['add c=24 h=7 w=7 n=2', 'add c=24 h=7 w=7 n=3', 'add c=8 h=7 w=7 n=2']);
  });

  it('part keys parse back and have labels; they are not layers', () => {
    for (const op of cellLutOps(cell, [14, 14, 8])) {
      expect(parseLutKey(lutKey(op))).toEqual(op);
      expect(lutOpLabel(op).length).toBeGreaterThan(3);
    }
    expect(isPartLutOp(parseLutKey('dw c=24 h=7 w=7 k=3 s=1'))).toBe(true);
    expect(isPartLutOp(parseLutKey('conv cin=8 cout=24 h=14 w=14 k=1 s=1 relu=1'))).toBe(false);
    expect(() => parseLutKey('dw c=24 h=7 w=7 k=3')).toThrow(/must list c, h, w, k, s/);
  });

  it('the reference cell has the dispatches and the memory traffic of MB k3 e3 in every slot', () => {
    const cells = genotypeSpec(Array.from({ length: 7 }, () => 'c3-zz3zzz'), SK);
    const mbs = genotypeSpec(Array.from({ length: 7 }, () => 'k3e3'), SK);
    let shape: [number, number, number] = [14, 14, 8];
    cells.layers.forEach((l, i) => {
      if (l.type !== 'cell') return;
      expect(layerDispatches(l, shape)).toBe(layerDispatches(mbs.layers[i], shape));
      expect(layerTrafficBytes(l, shape)).toBe(layerTrafficBytes(mbs.layers[i], shape));
      shape = [Math.ceil(shape[0] / l.stride), Math.ceil(shape[1] / l.stride), l.cout];
    });
  });

  it('traffic grows with every edge: a 1×1 edge adds its input, weights, output and BN + ReLU passes', () => {
    const one: CellLayer = { type: 'cell', cin: 8, cout: 8, stride: 1, hidden: 16, edges: ['zero', 'zero', 'dw3', 'zero', 'zero', 'zero'], residual: true };
    const two: CellLayer = { ...one, edges: ['zero', 'zero', 'dw3', 'zero', 'zero', 'zero'].map((o, i) => (i === 0 ? 'pw' : i === 4 ? 'id' : o)) as CellLayer['edges'] };
    const n = 7 * 7 * 16;
    // pw edge: input n + weights 16² + output n + BN (2n + 4·16) + ReLU 2n; node 3 now sums 2 inputs: AddN reads 2n, writes n.
    expect(layerTrafficBytes(two, [7, 7, 8]) - layerTrafficBytes(one, [7, 7, 8])).toBe(4 * (n + 256 + n + 2 * n + 64 + 2 * n + 3 * n));
  });

  it('predictLatency sums the parts from the LUT; lists the parts a profile lacks', () => {
    const spec: ArchSpec = genotypeSpec(['c3-zz3zzz', 'c4-3p5zzi', 'c2-p7zz5p', 'c6-i3z353', 'c3-pppppp', 'c2-ii5iii', 'c4-5z7zpz'], SK);
    const base = syntheticProfile();
    const lut = { ...base.lut };
    const parts = new Map<string, number>();
    for (const { layer, inShape, op } of specLutOps(spec)) {
      if (op) lut[lutKey(op)] ??= { medianMs: 0.1, madMs: 0.01, samples: 21, repeats: 8, compileMs: 3 };
      if (layer.type === 'cell') for (const p of cellLutOps(layer, inShape)) parts.set(lutKey(p), 0.001 * (parts.size + 1));
    }
    for (const [k, ms] of parts) lut[k] = { medianMs: ms, madMs: 0.0001, samples: 21, repeats: 8, compileMs: 3 };
    const profile = { ...base, lut };
    const p = predictLatency(spec, profile);
    expect(p.missing).toEqual([]);
    expect(Number.isFinite(p.ms)).toBe(true);
    specLutOps(spec).forEach(({ layer, inShape, index }) => {
      if (layer.type !== 'cell') return;
      const keys = cellLutOps(layer, inShape).map(lutKey);
      expect(p.layers[index]).toMatchObject({ source: 'parts', key: keys.join(' + ') });
      expect(p.layers[index].ms).toBeCloseTo(keys.reduce((s, k) => s + lut[k].medianMs, 0), 12);
    });
    // Without one depthwise part, that key is missing and the prediction is NaN.
    const gone = [...parts.keys()].find((k) => k.startsWith('dw '));
    expect(gone).toBeDefined();
    const partial = { ...profile, lut: { ...profile.lut } };
    delete partial.lut[gone as string];
    const q = predictLatency(spec, partial);
    expect(q.missing).toEqual([gone]);
    expect(q.ms).toBeNaN();
  });
});
