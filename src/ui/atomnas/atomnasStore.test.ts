import { describe, expect, it } from 'vitest';
import type { ArchSpec, MbLayer } from '../../core/archspec';
import { atomnasSupernetSpec } from '../../core/atomnasLatency';
import { atomnasPreset } from '../../core/atomnasSettings';
import type { AtomNasSnapshot } from '../../core/atomnasSnapshot';
import { predictLatency } from '../../core/latency/predict';
import { linearBranchProfile } from '../../core/latency/testProfile';
import { applySnapshotToStore, atomnasLive, priceSupernet, resetAtomNasState, setRunProfile, useAtomNas } from './atomnasStore';

const input = { height: 28, width: 28, channels: 1 };

function snap(spec: ArchSpec, macsNow: number): AtomNasSnapshot {
  return {
    step: 5, totalSteps: 10, epoch: 0, kernels: [3, 5, 7], steps: new Float64Array(0), loss: new Float32Array(0), rho: new Float32Array(0),
    macs: new Float64Array(0), params: new Float64Array(0), val: [], events: [], blocks: [], gamma: new Float32Array(0),
    atomCost: new Float32Array(0), atomKernel: new Uint8Array(0), atomSlot: new Uint8Array(0), gammaStep: 4, macsNow, paramsNow: 1,
    supernetMacs: 100, supernetParams: 10, threshold: 1e-3, rhoNow: 0.1, baseRho: 0.1, plannedMacs: null, spec,
  };
}

describe('AtomNAS live view: predicted latency with the run profile', () => {
  it('prices the supernet and every shrunk network with the profile, and says which profile', () => {
    const profile = linearBranchProfile({ slope: (op) => 1e-4 * op.k * op.h, name: 'dev' });
    const supernet = atomnasSupernetSpec(atomnasPreset('tiny'), input, 10);
    resetAtomNasState();
    setRunProfile(profile);
    priceSupernet(supernet, 100);
    const full = predictLatency(supernet, profile).ms;
    expect(Number.isFinite(full)).toBe(true);
    expect(useAtomNas.getState()).toMatchObject({ profile: { id: 'linear-profile', name: 'dev' }, supernetLatencyMs: full, latencyMs: full });
    const shrunk: ArchSpec = structuredClone(supernet);
    (shrunk.layers[2] as MbLayer).branches = [{ k: 3, hidden: 4 }];
    applySnapshotToStore(snap(shrunk, 60));
    const now = useAtomNas.getState().latencyMs;
    expect(now).toBeCloseTo(predictLatency(shrunk, profile).ms, 12);
    expect(now).toBeLessThan(full);
    expect(useAtomNas.getState().supernetLatencyMs).toBe(full);
    // The live curve: % of the supernet's predicted latency at the snapshot's step.
    const curve = atomnasLive.series.series.latencyPct;
    expect(curve.length).toBe(1);
    expect(curve.x[0]).toBe(5);
    expect(curve.y[0]).toBeCloseTo((100 * now) / full, 9);
    resetAtomNasState();
    expect(useAtomNas.getState()).toMatchObject({ profile: null, latencyMs: Number.NaN });
  });

  it('without a profile there is no latency figure at all (never a fake one)', () => {
    resetAtomNasState();
    setRunProfile(null);
    const supernet = atomnasSupernetSpec(atomnasPreset('tiny'), input, 10);
    priceSupernet(supernet, 100);
    applySnapshotToStore(snap(supernet, 100));
    expect(useAtomNas.getState().profile).toBeNull();
    expect(useAtomNas.getState().latencyMs).toBeNaN();
    expect(atomnasLive.series.series.latencyPct.length).toBe(0);
  });
});
