import { describe, expect, it } from 'vitest';
import { rngStream } from '../rng';
import { assembleProfile, fitPerChannel, type E2eMeasurement } from './assemble';
import { specDispatches } from './dispatches';
import { lutKey, specLutOps } from './lutKeys';
import { planLut, planNetworks, type PlanOptions } from './plan';
import { predictLatency } from './predict';
import { validateProfile, type LatencyProfile } from './profileSchema';
import { syntheticProfile } from './testProfile';

const opts: PlanOptions = { mode: 'reduced', input: { height: 28, width: 28, channels: 1 }, numClasses: 10, tiny: true, width: 1 };
const plan = planLut(opts);
/** Synthetic device: MB entries cost 0.01 ms per hidden channel + 0.1 ms, everything else 0.05 ms. */
const lut: LatencyProfile['lut'] = Object.fromEntries(
  plan.map((e) => [e.key, { medianMs: e.op.op === 'mb' ? 0.01 * e.op.hidden + 0.1 : 0.05, madMs: 0.001, samples: 21, repeats: 4, compileMs: 2 }]),
);
const base = syntheticProfile();

function measure(nets: ReturnType<typeof planNetworks>): E2eMeasurement[] {
  const probe: LatencyProfile = { ...base, lut, perChannel: {}, predictor: null };
  return nets.map((n) => {
    const p = predictLatency(n.spec, probe);
    return { name: n.name, family: n.family, spec: n.spec, medianMs: 1.1 * p.sumLutMs + 0.05 * p.dispatches + 0.2, madMs: 0.01, samples: 21, dispatchesCounted: p.dispatches };
  });
}

describe('assembleProfile', () => {
  const nets = planNetworks(opts, rngStream(1, 'nets'));
  const input = {
    id: 'p1', name: 'synthetic', createdAt: '2025-01-01T00:00:00Z', durationMs: 10, partial: false,
    settings: { ...base.settings, mode: 'reduced' as const }, device: base.device, plan, lut, roofline: base.roofline,
  };

  it('per-channel fits recover the synthetic slope 0.01 ms/channel and intercept 0.1 ms', () => {
    const pc = fitPerChannel(plan, lut);
    expect(Object.keys(pc)).toHaveLength(14);
    for (const f of Object.values(pc)) {
      expect(f.slopeMs).toBeCloseTo(0.01, 10);
      expect(f.interceptMs).toBeCloseTo(0.1, 10);
      expect(f.widths).toHaveLength(2);
    }
  });
  it('fits a·ΣLUT + b·#dispatches + c on the fit split and reports held-out metrics', () => {
    const prof = assembleProfile({ ...input, e2e: measure(nets) });
    expect(prof.predictor).not.toBeNull();
    expect(prof.predictor!.a).toBeCloseTo(1.1, 8);
    expect(prof.predictor!.b).toBeCloseTo(0.05, 8);
    expect(prof.predictor!.c).toBeCloseTo(0.2, 6);
    expect(prof.e2e.filter((e) => e.split === 'heldout')).toHaveLength(4);
    expect(prof.predictor!.report).toMatchObject({ nFit: 8, nHeldOut: 4 });
    expect(prof.predictor!.report.rows[0].heldOut.within10).toBe(1);
    for (const e of prof.e2e) {
      expect(e.predictedMs).toBeCloseTo(e.measuredMs, 6);
      expect(e.dispatches).toBe(specDispatches(e.spec).total);
    }
    // The assembled profile is valid and prices its own networks the same way.
    const back = validateProfile(JSON.parse(JSON.stringify(prof)));
    expect(predictLatency(nets[0].spec, back).ms).toBeCloseTo(prof.e2e[0].predictedMs, 9);
  });
  it('a cancelled run with too few priced networks keeps its LUT and has no predictor', () => {
    const prof = assembleProfile({ ...input, partial: true, e2e: measure(nets.slice(0, 3)) });
    expect(prof.predictor).toBeNull();
    expect(prof.e2e.every((e) => e.split === 'none' && Number.isNaN(e.predictedMs))).toBe(true);
    expect(Object.keys(prof.lut)).toHaveLength(plan.length);
  });
  it('networks with an unmeasured op are excluded from the fit', () => {
    const some = { ...lut };
    const chain = nets.find((n) => n.family === 'chain')!;
    const missingKey = lutKey(specLutOps(chain.spec)[1].op!);
    delete some[missingKey];
    const prof = assembleProfile({ ...input, lut: some, e2e: measure(nets) });
    const none = prof.e2e.filter((e) => e.split === 'none');
    expect(none.length).toBeGreaterThan(0);
    for (const e of none) expect(e.sumLutMs).toBeNaN();
    expect(prof.e2e.filter((e) => e.split !== 'none').every((e) => Number.isFinite(e.sumLutMs))).toBe(true);
  });
});
