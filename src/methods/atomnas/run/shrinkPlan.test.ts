import { describe, expect, it } from 'vitest';
import { ARCHSPEC_VERSION, type ArchSpec } from '../../../core/archspec';
import { archCosts } from '../../../core/costs';
import { supernetSpec } from '../../../core/skeleton';
import { atomCount, atomPenalties, blockAtoms, countByKernel, latencyCostsFromBranches, markFixedLayer, meanAtomCost, searchableLayers } from './atoms';
import { applyPlanToAtoms, applyPlanToSpec, branchKeeps, planShrink, removedByKernel } from './shrinkPlan';

/** stem → fixed MB → non-residual MB (2 branches) → residual MB (2 branches) → head. */
function smallSpec(): ArchSpec {
  return {
    version: ARCHSPEC_VERSION,
    name: 't',
    input: { height: 8, width: 8, channels: 1 },
    numClasses: 3,
    layers: [
      { type: 'conv', cin: 1, cout: 4, k: 3, stride: 1, relu: true },
      { type: 'mb', cin: 4, cout: 4, stride: 1, branches: [{ k: 3, hidden: 4 }], residual: true, expand: false },
      { type: 'mb', cin: 4, cout: 6, stride: 2, branches: [{ k: 3, hidden: 3 }, { k: 5, hidden: 2 }], residual: false },
      { type: 'mb', cin: 6, cout: 6, stride: 1, branches: [{ k: 3, hidden: 2 }, { k: 5, hidden: 2 }], residual: true },
      { type: 'gap' },
      { type: 'dense', cin: 6, cout: 3 },
    ],
  };
}

const OPTS = { threshold: 1e-3, minCost: 0, allowRemoveResidualBlock: true };

describe('atom table', () => {
  it('skips the fixed block and costs atoms with mbAtomCost', () => {
    const spec = smallSpec();
    expect(searchableLayers(spec)).toEqual([2, 3]);
    const b = blockAtoms(spec);
    expect(Array.from(b[0].kernel)).toEqual([3, 3, 3, 5, 5]);
    // layer 2: cin 4 at 8×8, out 4×4, cout 6: 4·64 + k²·16 + 6·16
    expect(b[0].cost[0]).toBe(4 * 64 + 9 * 16 + 6 * 16);
    expect(b[0].cost[4]).toBe(4 * 64 + 25 * 16 + 6 * 16);
    expect(atomCount(b)).toBe(9);
    expect(countByKernel(b[1], [3, 5, 7])).toEqual([2, 2, 0]);
  });

  it('sums of atom costs equal the searched blocks’ MACs', () => {
    const spec = supernetSpec({ input: { height: 28, width: 28, channels: 1 }, numClasses: 10, tiny: true });
    const c = archCosts(spec);
    const blocks = blockAtoms(spec);
    expect(blocks.length).toBe(7);
    for (const b of blocks) expect(b.cost.reduce((s, v) => s + v, 0)).toBe(c.layers[b.layer].macs);
  });

  it('penalties: macs normalised by the supernet mean, uniform = 1, latency needs a profile', () => {
    const blocks = blockAtoms(smallSpec());
    const mean = meanAtomCost(blocks);
    const p = atomPenalties(blocks, 'macs', mean);
    const all = p.flatMap((x) => Array.from(x));
    expect(all.reduce((s, v) => s + v, 0) / all.length).toBeCloseTo(1, 6);
    expect(p[0][4]).toBeGreaterThan(p[0][0]); // k5 atoms cost more than k3 atoms
    expect(atomPenalties(blocks, 'uniform', mean)[1]).toEqual(new Float32Array(4).fill(1));
    expect(() => atomPenalties(blocks, 'latency', mean)).toThrow(/device profile/);
    const lat = latencyCostsFromBranches(blocks, (layer, k) => layer * 10 + k);
    const pl = atomPenalties(blocks, 'latency', mean, lat);
    expect(pl[1][3] / pl[0][0]).toBeCloseTo((30 + 5) / (20 + 3), 5);
  });
});

describe('planShrink', () => {
  it('needs |γ| small in both live and EMA weights', () => {
    const blocks = blockAtoms(smallSpec());
    const live = [new Float32Array([0, 0.5, 0, 0, 0.2]), new Float32Array([1, 1, 1, 1])];
    const ema = [new Float32Array([0, 0.5, 0.3, 0, 0.2]), new Float32Array([1, 1, 1, 1])];
    const plan = planShrink(blocks, live, ema, OPTS);
    expect(Array.from(plan.blocks[0].keep)).toEqual([1, 2, 4]);
    expect(plan.deadAtoms).toBe(2);
    expect(plan.deadCost).toBe(blocks[0].cost[0] + blocks[0].cost[3]);
    const noEma = planShrink(blocks, live, null, OPTS);
    expect(Array.from(noEma.blocks[0].keep)).toEqual([1, 4]);
  });

  it('keeps the strongest atom of a block without residual; a residual block may vanish', () => {
    const blocks = blockAtoms(smallSpec());
    const live = [new Float32Array([1e-4, -9e-4, 0, 5e-4, 0]), new Float32Array([0, 0, 1e-4, 0])];
    const plan = planShrink(blocks, live, null, OPTS);
    expect(Array.from(plan.blocks[0].keep)).toEqual([1]);
    expect(plan.blocks[0].removed).toBe(false);
    expect(plan.blocks[1].removed).toBe(true);
    expect(plan.deadAtoms).toBe(8);
    const keepRes = planShrink(blocks, live, null, { ...OPTS, allowRemoveResidualBlock: false });
    expect(Array.from(keepRes.blocks[1].keep)).toEqual([2]);
  });

  it('triggers only when the dead atoms cost at least minCost', () => {
    const blocks = blockAtoms(smallSpec());
    const live = [new Float32Array([0, 1, 1, 1, 1]), new Float32Array([1, 1, 1, 1])];
    expect(planShrink(blocks, live, null, { ...OPTS, minCost: blocks[0].cost[0] }).triggered).toBe(true);
    expect(planShrink(blocks, live, null, { ...OPTS, minCost: blocks[0].cost[0] + 1 }).triggered).toBe(false);
    const none = [new Float32Array(5).fill(1), new Float32Array(4).fill(1)];
    expect(planShrink(blocks, none, null, OPTS).triggered).toBe(false);
  });

  it('applies to spec and atom table: branch deleted, block → skip, MACs drop by the dead cost', () => {
    const spec = markFixedLayer(smallSpec());
    const blocks = blockAtoms(spec);
    // Block 0 loses its whole k3 branch and one k5 atom; block 1 loses everything (residual → skip).
    const live = [new Float32Array([0, 0, 0, 0.4, 0]), new Float32Array([0, 0, 0, 0])];
    const plan = planShrink(blocks, live, null, OPTS);
    const next = applyPlanToSpec(spec, plan);
    expect(next.layers[2]).toMatchObject({ type: 'mb', branches: [{ k: 5, hidden: 1 }] });
    expect(next.layers[3]).toEqual({ type: 'skip', cin: 6, cout: 6 });
    expect(archCosts(spec).macs - archCosts(next).macs).toBe(plan.deadCost);
    const nb = applyPlanToAtoms(blocks, plan);
    expect(nb.length).toBe(1);
    expect(Array.from(nb[0].orig)).toEqual([3]);
    expect(nb[0].slot).toBe(0);
    expect(searchableLayers(next)).toEqual([2]);
    expect(removedByKernel(blocks[0], plan.blocks[0].keep, [3, 5, 7])).toEqual([3, 1, 0]);
  });

  it('branchKeeps maps block channels to branch-local channels', () => {
    const l = smallSpec().layers[2];
    if (l.type !== 'mb') throw new Error('mb expected');
    const bk = branchKeeps(l, Int32Array.from([0, 2, 4]));
    expect(bk.map((b) => [b.oldBranch, b.k, Array.from(b.local)])).toEqual([
      [0, 3, [0, 2]],
      [1, 5, [1]],
    ]);
    expect(branchKeeps(l, Int32Array.from([3])).map((b) => b.oldBranch)).toEqual([1]);
  });

  it('fixed layer stays fixed after the first MB is gone', () => {
    const spec = markFixedLayer(smallSpec());
    const layers = spec.layers.slice();
    layers[1] = { type: 'skip', cin: 4, cout: 4 };
    expect(searchableLayers({ ...spec, layers })).toEqual([2, 3]);
  });
});
