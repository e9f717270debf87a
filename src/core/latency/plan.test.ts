import { describe, expect, it } from 'vitest';
import { rngStream } from '../rng';
import { CELL_EDGE_OPS, CELL_EXPANSIONS, canonicalCell, cellLayer, cellName, cellProblem, type Cell } from '../space/cell';
import { genotypeSpec } from '../space/singlePath';
import { SKELETON_SLOTS } from '../skeleton';
import { cellLutOps, lutKey, specLutOps } from './lutKeys';
import { chainSpec, modeParams, perChannelFamilies, planCellParts, planLut, planNetworks, type PlanOptions } from './plan';

const base = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1 };

describe('profile plan', () => {
  it('reduced, tiny: 7 slots × 2 kernels × widths {1,3}·cin + identity ×3 + stem/fixed/head/gap/dense + chain ops', () => {
    const entries = planLut({ ...base, mode: 'reduced', tiny: true });
    const keys = new Set(entries.map((e) => e.key));
    expect(keys.size).toBe(entries.length);
    const slotMb = entries.filter((e) => e.group === 'slot' && e.op.op === 'mb');
    expect(slotMb).toHaveLength(7 * 2 * 2);
    expect(entries.filter((e) => e.op.op === 'skip').map((e) => e.slot)).toEqual([1, 3, 5]);
    expect(entries.filter((e) => e.group === 'skeleton').map((e) => e.op.op)).toEqual(['conv', 'mb', 'conv', 'gap', 'dense']);
    // chain C=8: 5 position kinds × 2 ops × 2 kernels, + stem, gap, dense
    expect(entries.filter((e) => e.group === 'chain')).toHaveLength(5 * 2 * 2 + 3);
  });
  it('full mode has 3 kernels × 4 widths per slot and 3 chain widths', () => {
    const entries = planLut({ ...base, mode: 'full', tiny: false });
    expect(entries.filter((e) => e.group === 'slot' && e.op.op === 'mb')).toHaveLength(7 * 3 * 4);
    expect(entries.filter((e) => e.group === 'chain')).toHaveLength(3 * (20 + 3));
  });
  it('every op of every planned network has a LUT entry (the profile can price all of them)', () => {
    for (const mode of ['reduced', 'full'] as const) {
      const opts: PlanOptions = { ...base, mode, tiny: mode === 'reduced' };
      const keys = new Set(planLut(opts).map((e) => e.key));
      const nets = planNetworks(opts, rngStream(1, 'nets'));
      const p = modeParams(mode);
      expect(nets).toHaveLength(p.supernetNets + p.chainNets);
      for (const n of nets) {
        for (const { op } of specLutOps(n.spec)) {
          if (op) expect(keys.has(lutKey(op)), `${n.name}: ${lutKey(op)}`).toBe(true);
        }
      }
    }
  });
  it('networks are seeded and varied', () => {
    const opts: PlanOptions = { ...base, mode: 'full', tiny: false };
    const a = planNetworks(opts, rngStream(3, 'nets'));
    expect(planNetworks(opts, rngStream(3, 'nets'))).toEqual(a);
    expect(new Set(a.map((n) => n.name)).size).toBe(a.length);
    expect(planNetworks(opts, rngStream(4, 'nets'))).not.toEqual(a);
  });
  it('chain: channels double with stride 2 at ⌊L/3⌋ and ⌊2L/3⌋', () => {
    const s = chainSpec({ ...base, tiny: false }, 8, Array.from({ length: 6 }, () => ({ type: 'sepconv' as const, k: 3 })));
    const strides = s.layers.slice(1, 7).map((l) => ('stride' in l ? l.stride : 0));
    expect(strides).toEqual([1, 1, 2, 1, 2, 1]);
    expect(s.layers.at(-1)).toEqual({ type: 'dense', cin: 32, cout: 10 });
  });
  it('per-channel families group the widths of one slot and kernel', () => {
    const fam = perChannelFamilies(planLut({ ...base, mode: 'reduced', tiny: true }));
    expect(fam.size).toBe(7 * 2);
    const first = fam.get('mbch cin=8 cout=16 h=14 w=14 k=3 s=2 res=0')!;
    expect(first.slot).toBe(0);
    expect(first.widths.sort((a, b) => a - b)).toEqual([8, 24]);
  });
});

describe('profile plan: AutoSpace-style cell parts (option cells)', () => {
  const opts = { ...base, tiny: true };
  /** Every distinct canonical edge list, valid at stride 1 and at stride 2. */
  const edgeLists = (stride: number): Cell['edges'][] => {
    const seen = new Map<string, Cell['edges']>();
    const n = CELL_EDGE_OPS.length;
    for (let code = 0; code < n ** 6; code++) {
      const edges = Array.from({ length: 6 }, (_, i) => CELL_EDGE_OPS[Math.floor(code / n ** i) % n]);
      if (cellProblem({ e: 3, edges }, stride)) continue;
      const c = canonicalCell({ e: 3, edges });
      seen.set(cellName(c), c.edges);
    }
    return [...seen.values()];
  };

  it('adds 196 part entries (tiny, width 1) to either mode, after the mode\'s own entries, each slot-tagged and keyed once', () => {
    const parts = planCellParts(opts);
    expect(parts).toHaveLength(196);
    expect(new Set(parts.map((e) => e.key)).size).toBe(196);
    expect(parts.every((e) => e.group === 'cell' && e.slot >= 0 && e.slot < SKELETON_SLOTS.length)).toBe(true);
    // By kind: 1×1 convs (expand, edges, project), depthwise edges, sums and residual adds.
    const kinds = (op: string) => parts.filter((e) => e.op.op === op).length;
    expect(kinds('conv') + kinds('dw') + kinds('add')).toBe(196);
    expect(kinds('dw')).toBeGreaterThan(kinds('add'));
    for (const mode of ['reduced', 'full'] as const) {
      const without = planLut({ ...opts, mode });
      const withCells = planLut({ ...opts, mode, cells: true });
      expect(withCells.slice(0, without.length)).toEqual(without);
      expect(withCells.length - without.length).toBe(196);
      expect(planLut({ ...opts, mode, cells: false })).toEqual(without);
    }
  });

  it('covers every part of every cell of the space (each expansion, every valid edge list) at every slot', () => {
    const keys = new Set(planCellParts(opts).map((e) => e.key));
    const lists = { 1: edgeLists(1), 2: edgeLists(2) };
    expect(lists[1].length).toBeGreaterThan(lists[2].length);
    const need = new Set<string>();
    // One network per slot position: the cell under test at slot j, the reference elsewhere (shapes do not depend on it).
    const ref = genotypeSpec(SKELETON_SLOTS.map(() => 'c3-zz3zzz'), opts);
    specLutOps(ref).forEach(({ layer, inShape }) => {
      if (layer.type !== 'cell') return;
      for (const e of CELL_EXPANSIONS) {
        for (const edges of lists[layer.stride as 1 | 2]) {
          for (const op of cellLutOps(cellLayer({ e, edges }, layer.cin, layer.cout, layer.stride), inShape)) need.add(lutKey(op));
        }
      }
    });
    expect([...need].filter((k) => !keys.has(k))).toEqual([]);
    // …and nothing beyond what some cell needs.
    expect([...keys].filter((k) => !need.has(k))).toEqual([]);
  });

  it('follows the skeleton: a wider, full-size skeleton has parts at its own shapes', () => {
    const wide = planCellParts({ ...base, tiny: false, width: 2 });
    // Slot 0 of the full-size skeleton at width 2: 16 channels in at 28×28; e2 expands to 32.
    expect(wide[0]).toMatchObject({ key: 'conv cin=16 cout=32 h=28 w=28 k=1 s=1 relu=1', slot: 0, group: 'cell' });
    expect(planCellParts(opts)[0].key).toBe('conv cin=8 cout=16 h=14 w=14 k=1 s=1 relu=1');
  });
});
