import { describe, expect, it } from 'vitest';
import type { ArchSpec, MbLayer } from '../../core/archspec';
import { predictedLabel } from '../../core/method/buildRecord';
import {
  atomnasLatencyPricing, atomnasSupernetSpec, latencyPenaltyStatus, NO_PROFILE_REASON, priceSupernetAtoms,
} from './latency';
import { mbBranchOp, perChannelKey, specLutOps, type LutOp } from '../../core/latency/lutKeys';
import { linearBranchProfile } from '../../core/latency/testProfile';
import { atomnasPreset } from './settings';

const input = { height: 28, width: 28, channels: 1 };
const tiny = atomnasPreset('tiny'); // kernels 3/5/7, expansion 3, tiny skeleton

/** A known slope per block shape and kernel (ms per hidden channel): grows with the kernel area and the resolution. */
const slope = (op: Pick<Extract<LutOp, { op: 'mb' }>, 'k' | 'h' | 'w' | 'cin'>): number => 1e-4 * op.k * op.k * (op.h * op.w) / 196 + 2e-5 * op.cin;

/** Every searched (multi-branch, expanding) MB layer of a spec with its branches' ops. */
function searchedBranches(spec: ArchSpec): { index: number; layer: MbLayer; ops: Extract<LutOp, { op: 'mb' }>[] }[] {
  return specLutOps(spec).flatMap(({ index, layer, inShape }) =>
    layer.type === 'mb' && layer.expand !== false ? [{ index, layer, ops: layer.branches.map((_, j) => mbBranchOp(layer, j, inShape)) }] : [],
  );
}

describe('per-atom latency cost from the fit of branch latency against hidden width', () => {
  it('a profile with exactly linear branch latencies gives back each branch slope (× the predictor a) per channel', () => {
    const profile = linearBranchProfile({ slope, intercept: 0.07, a: 1.5 });
    const spec = atomnasSupernetSpec(tiny, input, 10);
    const branches = searchedBranches(spec);
    expect(branches).toHaveLength(7);
    // The profiler's fit recovers the line it measured at the plan's widths ({1, 2, 3, 6}·cin in full mode).
    for (const { ops } of branches) {
      for (const op of ops) {
        const fit = profile.perChannel[perChannelKey(op)];
        expect(fit.slopeMs).toBeCloseTo(slope(op), 12);
        expect(fit.interceptMs).toBeCloseTo(0.07, 12);
        expect(fit.widths).toEqual([1, 2, 3, 6].map((m) => m * op.cin));
      }
    }
    const p = atomnasLatencyPricing(tiny, input, 10, profile);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.profileName).toBe('linear test profile');
    for (const { index, ops } of branches) {
      for (const op of ops) expect(p.perChannel(index, op.k)).toBeCloseTo(1.5 * slope(op), 12);
    }
    // A 7×7 channel of a block costs more than a 3×3 one, and the same kernel costs more at higher resolution.
    const [first] = branches;
    expect(p.perChannel(first.index, 7)).toBeGreaterThan(p.perChannel(first.index, 3));
    expect(p.perChannel(branches[0].index, 3)).toBeGreaterThan(p.perChannel(branches[6].index, 3));
  });

  it('the expansion does not matter (the slope is per channel), the kernel set must be covered', () => {
    const profile = linearBranchProfile({ slope });
    expect(atomnasLatencyPricing({ ...tiny, expansion: 6 }, input, 10, profile).ok).toBe(true);
    expect(atomnasLatencyPricing({ ...tiny, kernels: [5] }, input, 10, profile).ok).toBe(true);
  });
});

describe('profiles that cannot price the supernet are refused with a clear error', () => {
  it('a quick profile (kernels 3 and 5) cannot price 7×7 atoms: the message names the blocks and what to do', () => {
    const quick = linearBranchProfile({ slope, mode: 'reduced', name: 'quick one' });
    const p = atomnasLatencyPricing(tiny, input, 10, quick);
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.missing).toHaveLength(7); // one k7 branch per searched block
    expect(p.missing[0]).toBe('layer 2 (MB 8→16 s2 @14×14, k7)');
    expect(p.message).toMatch(/^Profile "quick one" cannot price 7 branches of this supernet/);
    expect(p.message).toMatch(/quick \(reduced\) profile measures kernels 3, 5 only, not 7: measure a full profile, or search kernel sizes 3-5/);
    expect(p.message).toMatch(/not estimated/);
    // The same profile prices a 3/5 supernet.
    expect(atomnasLatencyPricing({ ...tiny, kernels: [3, 5] }, input, 10, quick).ok).toBe(true);
  });

  it('a profile measured on another skeleton (tiny vs full size) says so', () => {
    const full = linearBranchProfile({ slope, tiny: false });
    const p = atomnasLatencyPricing(tiny, input, 10, full);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message).toMatch(/measured on the 28×28×1, full-size stem, width ×1 skeleton, this supernet is 28×28×1, tiny \(stem stride 2\), width ×1/);
  });

  it('a non-positive slope (noise) is not used as a cost', () => {
    const spec = atomnasSupernetSpec(tiny, input, 10);
    const profile = linearBranchProfile({ slope });
    const key = perChannelKey(searchedBranches(spec)[3].ops[1]);
    profile.perChannel[key] = { ...profile.perChannel[key], slopeMs: -0.001 };
    const p = priceSupernetAtoms(spec, profile, { tiny: true, width: 1 });
    expect(p.ok).toBe(false);
    if (!p.ok) {
      expect(p.missing).toEqual([expect.stringMatching(/^layer 5 .* k5, slope -0\.00100 ms per channel\)$/)]);
      expect(p.message).toMatch(/non-positive slope/);
    }
  });
});

describe('profiles whose costs are not positive are refused, naming the entry', () => {
  it('a fit whose negative intercept prices a shrunk block (one channel per branch) at ≤ 0 ms', () => {
    const spec = atomnasSupernetSpec(tiny, input, 10);
    const profile = linearBranchProfile({ slope });
    for (const op of searchedBranches(spec)[2].ops) {
      const key = perChannelKey(op);
      profile.perChannel[key] = { ...profile.perChannel[key], interceptMs: -5 };
    }
    const p = priceSupernetAtoms(spec, profile, { tiny: true, width: 1 });
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message).toMatch(/gives costs that are not positive numbers: per-channel fit "mbch[^"]*" gives -[\d.]+ ms for layer \d+ of ".*one channel per branch\)".*measure the profile again/);
  });

  it('a predictor whose intercept makes the thinnest network cost ≤ 0 ms', () => {
    const profile = linearBranchProfile({ slope });
    if (!profile.predictor) throw new Error('fixture has a predictor');
    profile.predictor = { ...profile.predictor, a: 0.001, b: 0, c: -10 };
    const p = atomnasLatencyPricing(tiny, input, 10, profile);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.message).toMatch(/the predictor \(a = 0\.00100, b = 0\.00, c = -10\.0 ms\) gives -[\d.]+ ms/);
  });
});

describe('latencyPenaltyStatus (the settings panel)', () => {
  const shape = { input, numClasses: 10 };
  it('unselectable without a search-target profile, with the reason', () => {
    expect(latencyPenaltyStatus(tiny, shape, null)).toEqual({ selectable: false, usable: false, profileName: null, reason: NO_PROFILE_REASON });
    expect(NO_PROFILE_REASON).toMatch(/^needs a device profile/);
  });
  it('usable with a covering profile, selectable but not usable (with the error) with one that cannot price it', () => {
    expect(latencyPenaltyStatus(tiny, shape, linearBranchProfile({ slope, name: 'P1' }))).toEqual({ selectable: true, usable: true, profileName: 'P1', reason: null });
    const bad = latencyPenaltyStatus(tiny, shape, linearBranchProfile({ slope, mode: 'reduced', name: 'P2' }));
    expect(bad).toMatchObject({ selectable: true, usable: false, profileName: 'P2' });
    expect(bad.reason).toMatch(/cannot price 7 branches/);
    expect(latencyPenaltyStatus(tiny, null, linearBranchProfile({ slope })).usable).toBe(false);
  });
  it('labels predictions with the profile', () => {
    expect(predictedLabel('Quick profile · google swiftshader')).toBe('predicted (profile Quick profile · google swiftshader)');
  });
});
