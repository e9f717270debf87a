import { beforeAll, describe, expect, it } from 'vitest';
import { atomnasPreset, type AtomNasSettings } from '../settings';
import { mbBranchOp, specLutOps, type LutOp } from '../../../core/latency/lutKeys';
import { predictLatency } from '../../../core/latency/predict';
import { linearBranchProfile } from '../../../core/latency/testProfile';
import { liveTensors, syntheticData, useCpuBackend } from '../../../engine/testing';
import { atomPenalties, blockAtoms, latencyCostsFromProfile, LatencyProfileError, meanAtomCost } from './atoms';
import { createRun } from './index';
import { atomnasSupernet, AtomNasRun, NO_PROFILE_ERROR } from './run';
import { applyPlanToAtoms, planShrink } from './shrinkPlan';

beforeAll(useCpuBackend);

const input = { height: 28, width: 28, channels: 1 };
/** Known ms per hidden channel of a branch: depends on the kernel and the block's input resolution and width. */
const slope = (op: Pick<Extract<LutOp, { op: 'mb' }>, 'k' | 'h' | 'cin'>): number => 1e-4 * op.k * op.k * op.h + 3e-5 * op.cin;

/** Expected penalty of every supernet atom: its branch's slope / the mean slope over all supernet atoms. */
function expectedPenalties(spec: ReturnType<typeof atomnasSupernet>): Map<number, Map<number, number>> {
  const perLayer = new Map<number, Map<number, number>>();
  let sum = 0;
  let n = 0;
  for (const { index, layer, inShape } of specLutOps(spec)) {
    if (layer.type !== 'mb' || layer.expand === false) continue;
    const byK = new Map<number, number>();
    layer.branches.forEach((b, j) => {
      const c = slope(mbBranchOp(layer, j, inShape));
      byK.set(b.k, c);
      sum += c * b.hidden;
      n += b.hidden;
    });
    perLayer.set(index, byK);
  }
  for (const byK of perLayer.values()) for (const [k, c] of byK) byK.set(k, c / (sum / n));
  return perLayer;
}

describe("AtomNAS 'latency' penalty from a device profile", () => {
  const s = atomnasPreset('tiny');
  const spec = atomnasSupernet(s, input, 10);
  const blocks = blockAtoms(spec);

  it('penalty_i = per-channel branch latency / its mean over the supernet atoms (like the MACs mode)', () => {
    const profile = linearBranchProfile({ slope, a: 3 });
    const costs = latencyCostsFromProfile(spec, blocks, profile, s);
    expect(costs.profileName).toBe('linear test profile');
    const p = atomPenalties(blocks, 'latency', meanAtomCost(blocks), costs);
    const want = expectedPenalties(spec);
    const all: number[] = [];
    blocks.forEach((b, i) => {
      for (let c = 0; c < b.kernel.length; c++) {
        expect(p[i][c]).toBeCloseTo(want.get(b.layer)!.get(b.kernel[c])!, 5);
        all.push(p[i][c]);
      }
    });
    expect(all.reduce((x, y) => x + y, 0) / all.length).toBeCloseTo(1, 5); // normalised: the predictor's a cancels
    // Not the MACs penalty in disguise: the two modes rank the atoms differently.
    const macs = atomPenalties(blocks, 'macs', meanAtomCost(blocks));
    expect(Array.from(p[6]).map((v, c) => v / macs[6][c])).not.toEqual(Array.from(p[0]).map((v, c) => v / macs[0][c]));
  });

  it('after a shrink, surviving atoms keep the latency penalty of their supernet atom', () => {
    const costs = latencyCostsFromProfile(spec, blocks, linearBranchProfile({ slope }), s);
    const before = atomPenalties(blocks, 'latency', 1, costs);
    const live = blocks.map((b) => Float32Array.from(b.kernel, (_k, c) => (c % 3 === 0 ? 0 : 1)));
    const plan = planShrink(blocks, live, null, { threshold: 1e-3, minCost: 0, allowRemoveResidualBlock: true });
    const after = atomPenalties(applyPlanToAtoms(blocks, plan), 'latency', 1, costs);
    plan.blocks.forEach((bk, i) => expect(Array.from(after[i])).toEqual(Array.from(bk.keep, (c) => before[i][c])));
  });

  it('a profile that cannot price the supernet is refused with the reason, not estimated', () => {
    const quick = linearBranchProfile({ slope, mode: 'reduced' });
    expect(() => latencyCostsFromProfile(spec, blocks, quick, s)).toThrow(LatencyProfileError);
    expect(() => latencyCostsFromProfile(spec, blocks, quick, s)).toThrow(/cannot price 7 branches .*k7.*measure a full profile/);
  });
});

describe('AtomNasRun with penalty latency', () => {
  const data = syntheticData(64, 4, 8, 3);
  const shape = { input: { height: 8, width: 8, channels: 1 }, numClasses: 4, tiny: true, width: 0.5 };
  const settings = (patch: Partial<AtomNasSettings> = {}): AtomNasSettings => ({
    ...atomnasPreset('tiny'), width: 0.5, epochs: 1, batchSize: 16, trainLimit: 0, penalty: 'latency', ...patch,
  });

  it('uses the per-atom latency costs of the profile it was given', () => {
    const profile = linearBranchProfile({ slope, ...shape, name: 'device X' });
    const run = createRun({ data, profile }, settings());
    try {
      expect(run.latency?.profileName).toBe('device X');
      // The live view's latency figures are predicted in the run, with the same profile.
      const snap = run.snapshot();
      expect(snap.supernetLatencyMs).toBeCloseTo(predictLatency(run.supernet, profile).ms, 9);
      expect(snap.latencyMs).toBe(snap.supernetLatencyMs);
      expect(run.start().info).toMatchObject({ latencyPricedBy: 'device X', penalty: 'latency' });
      const want = expectedPenalties(run.net.spec);
      const got = run.penaltyWeights();
      run.atoms.forEach((b, i) => {
        for (let c = 0; c < b.kernel.length; c++) expect(got[i][c]).toBeCloseTo(want.get(b.layer)!.get(b.kernel[c])!, 5);
      });
    } finally {
      run.dispose();
    }
  });

  it('without a profile, or with one that cannot price it, refuses to start (and leaks no tensor)', () => {
    const start = liveTensors();
    expect(() => new AtomNasRun({ data, profile: null }, settings())).toThrow(NO_PROFILE_ERROR);
    expect(() => createRun({ data, profile: linearBranchProfile({ slope, ...shape, mode: 'reduced' }) }, settings())).toThrow(/cannot price/);
    // Measured on the 28×28 skeleton: the 8×8 supernet's block shapes are not in it.
    expect(() => createRun({ data, profile: linearBranchProfile({ slope }) }, settings())).toThrow(/measured on the 28×28×1/);
    expect(liveTensors()).toBe(start);
    // The MACs penalty ignores a profile.
    const run = createRun({ data, profile: linearBranchProfile({ slope }) }, settings({ penalty: 'macs' }));
    expect(run.latency).toBeUndefined();
    run.dispose();
  });
});
