import { describe, expect, it } from 'vitest';
import { archCosts, layerCost, type Shape3 } from '../../core/costs';
import { specDispatches } from '../../core/latency/dispatches';
import { cellLutOps, lutKey } from '../../core/latency/lutKeys';
import { predictLatencyMs } from '../../core/latency/predict';
import { linearBranchProfile, syntheticProfile } from '../../core/latency/testProfile';
import { rngStream } from '../../core/rng';
import { SKELETON_SLOTS } from '../../core/skeleton';
import { cellName, mutateCell, parseCell } from '../../core/space/cell';
import { genotypeSpec, SLOT_LAYER_OFFSET } from '../../core/space/singlePath';
import { budgetPenalty, cellLatencyProblem, cellPricer, expectedCost } from './cellCosts';
import { AUTOSPACE_PRESETS } from './config';
import { evolvePopulation, initialPopulation, REFERENCE_NAME } from './population';

const sk = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1, tiny: true };
const ref = Array.from({ length: 7 }, () => REFERENCE_NAME);

/** Every cell an AutoSpace-style run of `preset` holds per slot: its first populations and 12 evolutions of them. */
function populations(preset: 'tiny' | 'default', seed: number): string[][] {
  const c = AUTOSPACE_PRESETS[preset];
  const rng = rngStream(seed, 'populations');
  const next = () => rng.next();
  return SKELETON_SLOTS.map(({ stride }, j) => {
    let cells = initialPopulation(c.population, stride, next);
    const seen = new Set(cells.map((x) => x.name));
    for (let it = 1; it <= 12; it++) {
      cells = cells.map((x) => ({ ...x, fitness: x.fitness * (0.5 + next()) }));
      const ch = evolvePopulation(cells, { size: c.population, mutations: Math.max(2, c.mutations), stride, iteration: it, next });
      cells = ch.cells;
      for (const x of cells) seen.add(x.name);
    }
    // …and a random walk of one-place mutations from the reference, further than a short run goes.
    let walk = parseCell(REFERENCE_NAME);
    for (let i = 0; i < 40; i++) seen.add(cellName((walk = mutateCell(walk, stride, next))));
    expect(seen.size, `slot ${j}`).toBeGreaterThan(c.population);
    return [...seen];
  });
}

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

  it('latency: a profile without cell parts falls back to MACs and names what is missing; one with the reference parts prices in ms', () => {
    const bare = syntheticProfile();
    const fb = cellPricer(sk, 'latency', bare);
    expect(fb.unit).toBe('MMACs');
    expect(fb.source).toBe('MACs (the profile cannot price cells)');
    expect(fb.notice).toMatch(/^Profile "synthetic test profile" cannot price cell layers \(it was measured without "Also measure AutoSpace-style cell parts": \d+ cell parts missing, e\.g\. conv cin=8 cout=24 h=14 w=14 k=1 s=1 relu=1; dw c=24 /);
    expect(fb.notice).toMatch(/so the budget term uses MACs instead\. Measure a profile with that box ticked/);
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
    expect(p.source).toMatch(/profile "synthetic test profile" \(cells by their measured parts\)/);
    // As the profile prices any network: a·ΣLUT + b·#dispatches per layer (a = 1.2, b = 0.01), the intercept in the fixed part.
    const { a, b } = profile.predictor!;
    const disp = specDispatches(spec, { workgroupThreshold: 8 }).perLayer;
    expect(p.cellCost(0, REFERENCE_NAME)).toBeCloseTo(a * 0.003 + b * disp[SLOT_LAYER_OFFSET], 9); // expand + dw3 + project (slot 1: no residual add)
    expect(p.cellCost(1, REFERENCE_NAME)).toBeCloseTo(a * 0.004 + b * disp[SLOT_LAYER_OFFSET + 1], 9); // … + the residual add
    expect(p.reference).toBeCloseTo(predictLatencyMs(spec, profile), 9);
    expect(p.scaledFromMacs.size).toBe(0);
    // A dw7 edge the profile never measured: MACs at the slot's reference ms per MAC, counted.
    const dear = p.cellCost(1, 'c3-zz7zzz');
    expect(dear).toBeGreaterThan(p.cellCost(1, REFERENCE_NAME));
    expect(Number.isFinite(dear)).toBe(true);
    expect([...p.scaledFromMacs]).toEqual(['1|c3-zz7zzz']);
  });

  it('a profile measured with the cell parts prices every cell of both presets\' populations by latency, none from MACs', () => {
    for (const preset of ['tiny', 'default'] as const) {
      const c = AUTOSPACE_PRESETS[preset];
      const shape = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: c.width, tiny: c.tiny };
      // Parts cost more with more channels and pixels, so dearer cells cost more.
      const part = (op: { op: string } & Record<string, unknown>) => 1e-3 + 1e-7 * Object.values(op).reduce<number>((s, v) => s * (typeof v === 'number' ? v : 1), 1);
      const profile = linearBranchProfile({ slope: () => 0.001, mode: 'reduced', tiny: c.tiny, width: c.width, cells: true, part, name: `cells ${preset}` });
      expect(profile.settings.cells).toBe(true);
      expect(cellLatencyProblem(shape, profile)).toBeNull();
      const p = cellPricer(shape, 'latency', profile);
      expect(p).toMatchObject({ unit: 'ms', notice: null, source: `latency predicted by profile "cells ${preset}" (cells by their measured parts)` });
      const pops = populations(preset, 3);
      let n = 0;
      pops.forEach((cells, j) => {
        for (const cell of cells) {
          const v = p.cellCost(j, cell);
          expect(Number.isFinite(v) && v > 0, `${preset} slot ${j} ${cell}: ${v}`).toBe(true);
          n++;
        }
      });
      expect(n).toBeGreaterThan(7 * c.population);
      expect([...p.scaledFromMacs]).toEqual([]);
      // The slot costs add up to the profile's own prediction of the whole network, for any mix of cells.
      const g = pops.map((cells, j) => cells[(5 * j + 3) % cells.length]);
      expect(p.fixed + g.reduce((s, cell, j) => s + p.cellCost(j, cell), 0)).toBeCloseTo(predictLatencyMs(genotypeSpec(g, shape), profile), 9);
      expect(p.cellCost(2, 'c6-zz3zzz')).toBeGreaterThan(p.cellCost(2, REFERENCE_NAME));
      // A predictor that dropped ΣLUT (a = 0) prices cells by their dispatches alone, and the source says so.
      const flat = cellPricer(shape, 'latency', { ...profile, predictor: { ...profile.predictor!, a: 0 } });
      expect(flat.source).toMatch(/its predictor has a = 0 \(ΣLUT dropped\), so cells differ only by their dispatches/);
      expect(flat.cellCost(2, 'c6-zz3zzz')).toBeCloseTo(flat.cellCost(2, REFERENCE_NAME), 12);
    }
  });

  it('an older profile (no cell parts, no cells flag) falls back to MACs; so do another skeleton and a cancelled run, each said', () => {
    const old = linearBranchProfile({ slope: () => 0.001, mode: 'full', name: 'old full' });
    expect(old.settings.cells).toBeUndefined();
    const fb = cellPricer(sk, 'latency', old);
    expect(fb).toMatchObject({ unit: 'MMACs', source: 'MACs (the profile cannot price cells)' });
    expect(fb.notice).toMatch(/^Profile "old full" cannot price cell layers \(it was measured without "Also measure AutoSpace-style cell parts": (\d+) cell parts missing/);
    // The objective MACs never looks at the profile.
    expect(cellPricer(sk, 'macs', old).notice).toBeNull();
    // Measured with cells, but on the full-size skeleton at width 1: this run is tiny at width 0.5.
    const other = linearBranchProfile({ slope: () => 0.001, mode: 'reduced', tiny: false, cells: true, name: 'big' });
    expect(cellPricer({ ...sk, width: 0.5 }, 'latency', other).notice).toMatch(
      /^Profile "big" was measured on another skeleton \(28×28×1, width 1; this run: 28×28×1, tiny, width 0\.5\), so it cannot price cell layers at this run's shapes \(\d+ missing entries, e\.g\. /,
    );
    // Cell flag set, but a part lost (a cancelled run keeps what it measured).
    const partial = linearBranchProfile({ slope: () => 0.001, mode: 'reduced', cells: true, name: 'cut' });
    const gone = 'dw c=24 h=14 w=14 k=3 s=2';
    expect(partial.lut[gone]).toBeDefined();
    delete partial.lut[gone];
    expect(cellPricer(sk, 'latency', partial).notice).toBe(
      `Profile "cut" cannot price cell layers (its lookup table lacks some of their parts: 1 cell parts missing, e.g. ${gone}), so the budget term uses MACs instead. Measure a profile with that box ticked on the Profile screen to price cells by this device's latency.`,
    );
    expect(cellPricer(sk, 'latency', { ...partial, predictor: null }).notice).toMatch(/^Profile "cut" has no fitted predictor/);
  });
});
