import { describe, expect, it } from 'vitest';
import { archCosts } from '../../core/costs';
import { cellLutOps, lutKey } from '../../core/latency/lutKeys';
import { syntheticProfile } from '../../core/latency/testProfile';
import { layerCost, type Shape3 } from '../../core/costs';
import { genotypeSpec, SLOT_LAYER_OFFSET } from '../../core/space/singlePath';
import { budgetPenalty, cellPricer, expectedCost } from './cellCosts';
import { REFERENCE_NAME } from './population';

const sk = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1, tiny: true };
const ref = Array.from({ length: 7 }, () => REFERENCE_NAME);

describe('AutoSpace-style cell prices', () => {
  it('MACs: cells priced at their slot, fixed layers + reference slots = the reference network', () => {
    const p = cellPricer(sk, 'macs', null);
    expect(p).toMatchObject({ unit: 'MMACs', source: 'MACs', notice: null });
    const spec = archCosts(genotypeSpec(ref, sk));
    expect(p.reference).toBeCloseTo(spec.macs / 1e6, 9);
    expect(p.cellCost(2, REFERENCE_NAME)).toBeCloseTo(spec.layers[SLOT_LAYER_OFFSET + 2].macs / 1e6, 9);
    const slots = ref.map((c, j) => p.cellCost(j, c));
    expect(p.fixed + slots.reduce((a, b) => a + b, 0)).toBeCloseTo(p.reference, 9);
    expect(p.cellCost(2, 'c6-zz3zzz')).toBeGreaterThan(p.cellCost(2, REFERENCE_NAME));
    expect(p.cellCost(2, 'c3-zzpzzz')).toBeGreaterThan(p.cellCost(2, REFERENCE_NAME));
    expect(expectedCost(p.fixed, [slots], [ref.map(() => 1)])).toBeCloseTo(p.reference, 9);
    expect(budgetPenalty(1.5, 1, 2)).toBeCloseTo(1, 12);
    expect(budgetPenalty(0.5, 1, 2)).toBe(0);
  });

  it('latency: a profile without cell parts falls back to MACs and says so; one with the reference parts prices in ms', () => {
    const bare = syntheticProfile();
    const fb = cellPricer(sk, 'latency', bare);
    expect(fb.unit).toBe('MMACs');
    expect(fb.notice).toMatch(/cannot price cell layers.*MACs instead/);
    // Give the profile every part of the reference network's cells (1 µs per part): latency in ms.
    const profile = syntheticProfile();
    const spec = genotypeSpec(ref, sk);
    let shape: Shape3 = [28, 28, 1];
    spec.layers.forEach((layer) => {
      if (layer.type === 'cell') for (const op of cellLutOps(layer, shape)) profile.lut[lutKey(op)] ??= { medianMs: 0.001, madMs: 0, samples: 5, repeats: 1, compileMs: 1 };
      shape = layerCost(layer, shape).outShape;
    });
    const p = cellPricer(sk, 'latency', profile);
    expect(p).toMatchObject({ unit: 'ms', notice: null });
    expect(p.source).toMatch(/profile "synthetic test profile"/);
    expect(p.cellCost(0, REFERENCE_NAME)).toBeCloseTo(0.003, 9); // expand + dw3 + project (slot 1: no residual add)
    expect(p.cellCost(1, REFERENCE_NAME)).toBeCloseTo(0.004, 9); // … + the residual add
    expect(p.scaledFromMacs.size).toBe(0);
    // A dw7 edge the profile never measured: MACs at the slot's reference ms per MAC, counted.
    const dear = p.cellCost(1, 'c3-zz7zzz');
    expect(dear).toBeGreaterThan(p.cellCost(1, REFERENCE_NAME));
    expect(Number.isFinite(dear)).toBe(true);
    expect([...p.scaledFromMacs]).toEqual(['1|c3-zz7zzz']);
  });
});
