import { describe, expect, it } from 'vitest';
import { rngStream } from '../rng';
import { SKELETON_SLOTS } from '../skeleton';
import { cellProblem, parseCell } from '../space/cell';
import { SLOT_LAYER_OFFSET } from '../space/singlePath';
import { assembleProfile, type E2eMeasurement } from './assemble';
import { evaluateCellNets } from './cellNets';
import { modeParams, planCellNetworks, planLut, planNetworks, type PlanOptions } from './plan';
import { predictLatency } from './predict';
import { rmspe, shareWithin } from './errors';
import { validateProfile, type LatencyProfile } from './profileSchema';
import { linearBranchProfile, syntheticProfile } from './testProfile';

const base = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, tiny: true, width: 1 };

describe('cell networks in the plan (option cells)', () => {
  it('only with cells: the mode\'s count of cell networks, after the others, which stay the same', () => {
    for (const mode of ['reduced', 'full'] as const) {
      const plain = planNetworks({ ...base, mode }, rngStream(3, 'nets'));
      const withCells = planNetworks({ ...base, mode, cells: true }, rngStream(3, 'nets'));
      expect(plain.some((n) => n.family === 'cell-net')).toBe(false);
      const cellNets = withCells.filter((n) => n.family === 'cell-net');
      expect(cellNets).toHaveLength(modeParams(mode).cellNets);
      expect(modeParams(mode).cellNets).toBeGreaterThanOrEqual(4);
      expect(withCells.slice(0, plain.length).map((n) => n.name)).toEqual(plain.map((n) => n.name));
      expect(withCells.slice(plain.length).every((n) => n.family === 'cell-net')).toBe(true);
    }
  });
  it('every searched slot holds a valid cell at its stride; seeded and varied; the profile prices them by parts', () => {
    const opts: PlanOptions = { ...base, mode: 'reduced', cells: true };
    const nets = planCellNetworks(opts, rngStream(5, 'cells'));
    expect(planCellNetworks(opts, rngStream(5, 'cells')).map((n) => n.name)).toEqual(nets.map((n) => n.name));
    expect(new Set(nets.map((n) => n.name)).size).toBe(nets.length);
    const profile = linearBranchProfile({ slope: () => 0.001, mode: 'reduced', cells: true });
    for (const n of nets) {
      const names = n.name.split(': ')[1].split(' ');
      expect(names).toHaveLength(SKELETON_SLOTS.length);
      SKELETON_SLOTS.forEach((s, i) => {
        const layer = n.spec.layers[SLOT_LAYER_OFFSET + i];
        expect(layer.type).toBe('cell');
        expect(cellProblem(parseCell(names[i]), s.stride)).toBeNull();
      });
      const p = predictLatency(n.spec, profile);
      expect(p.missing).toEqual([]);
      expect(p.layers.filter((l) => l.source === 'parts')).toHaveLength(SKELETON_SLOTS.length);
    }
  });
});

describe('evaluateCellNets: (a) sum of parts against (b) sum of parts + a leave-one-out per-cell term', () => {
  it('computes both predictions and their metrics by hand', () => {
    const s = [
      { name: 'A', measuredMs: 10, partsMs: 9, cells: 7 },
      { name: 'B', measuredMs: 12, partsMs: 10.6, cells: 7 },
      { name: 'C', measuredMs: 8, partsMs: 7.3, cells: 7 },
    ];
    const r = evaluateCellNets(s)!;
    // Residuals 1, 1.4, 0.7; with equal cell counts δ₋ᵢ = mean of the others' residuals / 7.
    const loo = [(1.4 + 0.7) / 2, (1 + 0.7) / 2, (1 + 1.4) / 2];
    r.nets.forEach((n, i) => expect(n.perCellMs).toBeCloseTo(s[i].partsMs + loo[i], 12));
    expect(r.perCellTermMs).toBeCloseTo((1 + 1.4 + 0.7) / 3 / 7, 12);
    const meas = s.map((x) => x.measuredMs);
    expect(r.parts.rmspe).toBeCloseTo(rmspe(s.map((x) => x.partsMs), meas), 12);
    expect(r.perCell.rmspe).toBeCloseTo(rmspe(r.nets.map((n) => n.perCellMs), meas), 12);
    expect(r.perCell.within10).toBe(shareWithin(r.nets.map((n) => n.perCellMs), meas, 0.1));
    expect(r.better).toBe('perCell');
    expect(r.n).toBe(3);
  });
  it('unequal cell counts: δ is the least-squares slope of residual on #cells', () => {
    const r = evaluateCellNets([
      { name: 'A', measuredMs: 5, partsMs: 4, cells: 2 },
      { name: 'B', measuredMs: 5, partsMs: 3, cells: 4 },
    ])!;
    expect(r.perCellTermMs).toBeCloseTo((1 * 2 + 2 * 4) / (4 + 16), 12);
    // A is predicted with B's δ = 2/4 = 0.5 per cell, B with A's δ = 1/2.
    expect(r.nets[0].perCellMs).toBeCloseTo(4 + 2 * 0.5, 12);
    expect(r.nets[1].perCellMs).toBeCloseTo(3 + 4 * 0.5, 12);
  });
  it('when the parts already predict well a noisy per-cell term loses; fewer than 2 networks give no report', () => {
    const r = evaluateCellNets([
      { name: 'A', measuredMs: 10, partsMs: 10, cells: 7 },
      { name: 'B', measuredMs: 10, partsMs: 8, cells: 7 },
      { name: 'C', measuredMs: 10, partsMs: 12, cells: 7 },
    ])!;
    expect(r.parts.rmspe).toBeLessThan(r.perCell.rmspe);
    expect(r.better).toBe('parts');
    expect(evaluateCellNets([{ name: 'A', measuredMs: 1, partsMs: 1, cells: 7 }])).toBeNull();
  });
});

describe('assembleProfile with cell networks', () => {
  const opts: PlanOptions = { ...base, mode: 'reduced', cells: true };
  const plan = planLut(opts);
  const lut: LatencyProfile['lut'] = Object.fromEntries(
    plan.map((e) => [e.key, { medianMs: e.op.op === 'mb' ? 0.01 * e.op.hidden + 0.1 : 0.05, madMs: 0.001, samples: 21, repeats: 4, compileMs: 2 }]),
  );
  const syn = syntheticProfile();
  const nets = planNetworks(opts, rngStream(1, 'nets'));
  /** Device: 1.1·ΣLUT + 0.05·#dispatches + 0.2 ms, plus `perCell` ms for every cell of a network. */
  const measure = (perCell: number, cellScale = 1): E2eMeasurement[] => {
    const probe: LatencyProfile = { ...syn, lut, perChannel: {}, predictor: null };
    return nets.map((n) => {
      const p = predictLatency(n.spec, probe);
      const cells = n.spec.layers.filter((l) => l.type === 'cell').length;
      const ms = (1.1 * p.sumLutMs + 0.05 * p.dispatches + 0.2 + perCell * cells) * (n.family === 'cell-net' ? cellScale : 1);
      return { name: n.name, family: n.family, spec: n.spec, medianMs: ms, madMs: 0.01, samples: 21, dispatchesCounted: p.dispatches };
    });
  };
  const input = {
    id: 'p1', name: 'synthetic', createdAt: '2025-01-01T00:00:00Z', durationMs: 10, partial: false,
    settings: { ...syn.settings, mode: 'reduced' as const, cells: true }, device: syn.device, plan, lut, roofline: syn.roofline,
  };

  it('cell networks are held out of the fit: the fit and split are those of the plain networks, whatever they measure', () => {
    const plainOnly = assembleProfile({ ...input, e2e: measure(0).filter((m) => m.family !== 'cell-net') });
    for (const scale of [1, 10]) {
      const prof = assembleProfile({ ...input, e2e: measure(0.03, scale) });
      expect(prof.predictor!.a).toBeCloseTo(plainOnly.predictor!.a, 12);
      expect(prof.predictor!.b).toBeCloseTo(plainOnly.predictor!.b, 12);
      expect(prof.predictor!.c).toBeCloseTo(plainOnly.predictor!.c, 12);
      expect(prof.predictor!.report).toMatchObject({ nFit: 8, nHeldOut: 4 });
      expect(prof.e2e.filter((e) => e.family === 'cell-net').map((e) => e.split)).toEqual(['cell-check', 'cell-check', 'cell-check', 'cell-check']);
      expect(prof.e2e.filter((e) => e.family !== 'cell-net').map((e) => e.split)).toEqual(plainOnly.e2e.map((e) => e.split));
    }
  });
  it('reports (a) the parts and (b) parts + per-cell term right: a constant per-cell overhead is recovered', () => {
    const prof = assembleProfile({ ...input, e2e: measure(0.03) });
    const c = prof.predictor!.report.cells!;
    expect(c.n).toBe(4);
    expect(c.perCellTermMs).toBeCloseTo(0.03, 9);
    const cellRows = prof.e2e.filter((e) => e.family === 'cell-net');
    c.nets.forEach((r, i) => {
      expect(r.cells).toBe(7);
      expect(r.partsMs).toBeCloseTo(cellRows[i].predictedMs, 12);
      expect(r.partsMs).toBeCloseTo(r.measuredMs - 7 * 0.03, 9);
      expect(r.perCellMs).toBeCloseTo(r.measuredMs, 9);
    });
    expect(c.perCell.rmspe).toBeLessThan(1e-9);
    expect(c.perCell.within10).toBe(1);
    expect(c.better).toBe('perCell');
    // Without any per-cell overhead the parts are exact and (b) adds nothing.
    const exact = assembleProfile({ ...input, e2e: measure(0) }).predictor!.report.cells!;
    expect(exact.parts.rmspe).toBeLessThan(1e-9);
    expect(exact.perCellTermMs).toBeCloseTo(0, 9);
  });
  it('the profile with its cell-network report round-trips through the schema; profiles from before still load', () => {
    const prof = assembleProfile({ ...input, e2e: measure(0.03) });
    const back = validateProfile(JSON.parse(JSON.stringify(prof)));
    expect(back.predictor!.report.cells).toEqual(prof.predictor!.report.cells);
    expect(back.e2e.filter((e) => e.family === 'cell-net')).toHaveLength(4);
    const old = validateProfile(JSON.parse(JSON.stringify(syntheticProfile())));
    expect(old.predictor!.report.cells).toBeUndefined();
  });
  it('a profile without cells has no cell networks and no cell report', () => {
    const plain = planNetworks({ ...opts, cells: false }, rngStream(1, 'nets'));
    expect(plain.some((n) => n.family === 'cell-net')).toBe(false);
    const prof = assembleProfile({ ...input, e2e: measure(0).filter((m) => m.family !== 'cell-net') });
    expect(prof.predictor!.report.cells).toBeUndefined();
  });
});
