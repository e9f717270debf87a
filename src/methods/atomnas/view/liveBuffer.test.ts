import { describe, expect, it } from 'vitest';
import { supernetSpec } from '../../../core/skeleton';
import type { AtomNasShrinkEvent, AtomNasSnapshot } from '../snapshot';
import { atomnasLive, useAtomNasReadouts } from './liveBuffer';

const spec = supernetSpec({ kernels: [3, 5, 7], expansion: 3, width: 1, tiny: true, input: { height: 28, width: 28, channels: 1 }, numClasses: 10 });

function snap(patch: Partial<AtomNasSnapshot> = {}): AtomNasSnapshot {
  return {
    step: 5, totalSteps: 10, epoch: 0, kernels: [3, 5, 7], steps: Float64Array.of(4, 5), loss: Float32Array.of(2, 1.5), rho: Float32Array.of(0.1, 0.1),
    macs: Float64Array.of(100, 60), params: Float64Array.of(10, 8), val: [], events: [], blocks: [], gamma: new Float32Array(0),
    atomCost: new Float32Array(0), atomKernel: new Uint8Array(0), atomSlot: new Uint8Array(0), gammaStep: 4, macsNow: 60, paramsNow: 8,
    supernetMacs: 100, supernetParams: 10, threshold: 1e-3, rhoNow: 0.1, baseRho: 0.1, plannedMacs: null, supernetLatencyMs: null, latencyMs: null, spec,
    ...patch,
  };
}

const event = (step: number): AtomNasShrinkEvent => ({ step, epoch: 0, removedAtoms: 3, blocks: [], macsBefore: 100, macsAfter: 60, paramsAfter: 8, rho: 0.1 });

describe('AtomNAS live buffer', () => {
  it('appends the series as % of the supernet, keeps the readouts and accumulates the events', () => {
    atomnasLive.apply(null);
    const v0 = atomnasLive.version;
    atomnasLive.apply(snap({ events: [event(5)], val: [{ step: 5, acc: 0.5, loss: 1 }] }));
    expect(atomnasLive.version).toBe(v0 + 1);
    const s = atomnasLive.series.series;
    expect(Array.from(s.macsPct.y.subarray(0, s.macsPct.length))).toEqual([100, 60]);
    expect(Array.from(s.paramsPct.y.subarray(0, s.paramsPct.length))).toEqual([100, 80]);
    expect(s.valAcc.length).toBe(1);
    expect(s.latencyPct.length).toBe(0); // no profile: no latency figure at all (never a fake one)
    atomnasLive.apply(snap({ step: 6, steps: Float64Array.of(6), loss: Float32Array.of(1.25), rho: Float32Array.of(0.1), macs: Float64Array.of(60), params: Float64Array.of(8), events: [event(6)] }));
    expect(useAtomNasReadouts.getState()).toMatchObject({ active: true, step: 6, macs: 60, loss: 1.25, val: { acc: 0.5 }, latencyMs: null });
    expect(useAtomNasReadouts.getState().events.map((e) => e.step)).toEqual([5, 6]);
    atomnasLive.apply(null);
    expect(atomnasLive.snap).toBeNull();
    expect(s.macsPct.length).toBe(0);
    expect(useAtomNasReadouts.getState()).toMatchObject({ active: false, events: [], latencyMs: null });
  });

  it('with a run profile, the latency curve is the predicted latency as % of the supernet’s, one point per snapshot', () => {
    atomnasLive.apply(null);
    atomnasLive.apply(snap({ step: 5, supernetLatencyMs: 2, latencyMs: 2 }));
    atomnasLive.apply(snap({ step: 9, supernetLatencyMs: 2, latencyMs: 1.5 }));
    const c = atomnasLive.series.series.latencyPct;
    expect(Array.from(c.x.subarray(0, c.length))).toEqual([5, 9]);
    expect(Array.from(c.y.subarray(0, c.length))).toEqual([100, 75]);
    expect(useAtomNasReadouts.getState()).toMatchObject({ supernetLatencyMs: 2, latencyMs: 1.5 });
    atomnasLive.apply(null);
  });
});
