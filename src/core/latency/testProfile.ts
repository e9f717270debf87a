/**
 * TEST FIXTURE ONLY: a structurally valid latency profile with synthetic numbers (never shown as a measurement).
 * Imported by unit tests of the schema, the predictor API, the profile store and AtomNAS's latency penalty.
 */

import type { InputShape } from '../archspec';
import { baselineSpec } from '../skeleton';
import { fitPerChannel } from './assemble';
import { lutKey, specLutOps, type LutOp } from './lutKeys';
import { planLut, type ProfileMode } from './plan';
import { PROFILE_FORMAT, PROFILE_VERSION, type LatencyProfile } from './profileSchema';

/** A profile whose LUT covers the tiny baseline (28×28×1, 10 classes) with 0.1 ms per layer plus 0.01 ms per index. */
export function syntheticProfile(id = 'test-profile'): LatencyProfile {
  const spec = baselineSpec({ input: { height: 28, width: 28, channels: 1 }, numClasses: 10, tiny: true });
  const lut: LatencyProfile['lut'] = {};
  for (const { index, op } of specLutOps(spec)) {
    if (op) lut[lutKey(op)] = { medianMs: 0.1 + 0.01 * index, madMs: 0.005, samples: 21, repeats: 8, compileMs: 3 };
  }
  return {
    format: PROFILE_FORMAT,
    version: PROFILE_VERSION,
    id,
    name: 'synthetic test profile',
    createdAt: '2025-01-01T00:00:00.000Z',
    durationMs: 1234,
    partial: false,
    settings: { mode: 'reduced', input: { height: 28, width: 28, channels: 1 }, numClasses: 10, tiny: true, width: 1, seed: 1, samples: 21 },
    device: {
      backend: 'webgpu', tfjsVersion: '4.22.0', adapterVendor: 'google', adapterArchitecture: 'swiftshader', adapterDevice: '',
      adapterDescription: 'SwiftShader', isFallbackAdapter: true, timestampQuery: false, crossOriginIsolated: true,
      browser: 'Chromium 156', userAgent: 'Mozilla/5.0', hardwareConcurrency: 16, workgroupThreshold: 8,
    },
    lut,
    perChannel: {
      'mbch cin=8 cout=16 h=14 w=14 k=3 s=2 res=0': { slopeMs: 0.002, interceptMs: 0.05, widths: [8, 16, 24, 48], slot: 0 },
    },
    e2e: [
      {
        name: 'baseline', family: 'supernet-path', split: 'fit', spec, measuredMs: 2, madMs: 0.1, predictedMs: 2.1, sumLutMs: 1.9,
        macs: 500000, dispatches: 80, dispatchesCounted: 80, bytes: 1e6,
      },
    ],
    predictor: {
      a: 1.2, b: 0.01, c: 0.3, dropped: [],
      report: {
        nFit: 1, nHeldOut: 1,
        rows: [{
          name: 'predictor', formula: '1.2·ΣLUT + 0.01·#dispatches + 0.3 ms',
          fit: { n: 1, within10: 1, rmspe: 0.01, spearman: NaN, kendall: NaN },
          heldOut: { n: 1, within10: 1, rmspe: 0.02, spearman: NaN, kendall: NaN },
        }],
      },
    },
    roofline: { matmulGflops: 50, bandwidthGBs: 10, matmulN: 1024, addElements: 4194304 },
  };
}

/**
 * A profile whose every MB branch is exactly linear in its hidden width: latency = slope(op)·hidden + intercept (other
 * entries 0.1 ms; `op` is the branch's LUT op, its block shape and kernel), measured on the plan's widths of `mode` and
 * fitted by the profiler's own `fitPerChannel`. So the per-channel fit, and the per-atom cost taken from it, are
 * known: slope(op) (× the predictor's a). `cells`: the plan's AutoSpace-style cell parts too (`part(op)` ms each, 0.1
 * unless given), as a profile measured with them holds.
 */
export function linearBranchProfile(opts: {
  slope: (op: Extract<LutOp, { op: 'mb' }>) => number;
  intercept?: number;
  mode?: ProfileMode;
  input?: InputShape;
  numClasses?: number;
  tiny?: boolean;
  width?: number;
  cells?: boolean;
  part?: (op: LutOp) => number;
  a?: number;
  id?: string;
  name?: string;
}): LatencyProfile {
  const planOpts = {
    mode: opts.mode ?? 'full',
    input: opts.input ?? { height: 28, width: 28, channels: 1 },
    numClasses: opts.numClasses ?? 10,
    tiny: opts.tiny ?? true,
    width: opts.width ?? 1,
    ...(opts.cells ? { cells: true } : {}),
  };
  const plan = planLut(planOpts);
  const lut: LatencyProfile['lut'] = {};
  for (const e of plan) {
    const ms =
      e.op.op === 'mb' && e.op.expand && e.slot >= 0 ? opts.slope(e.op) * e.op.hidden + (opts.intercept ?? 0.05) : e.group === 'cell' && opts.part ? opts.part(e.op) : 0.1;
    lut[e.key] = { medianMs: ms, madMs: 0.001, samples: 21, repeats: 8, compileMs: 3 };
  }
  const base = syntheticProfile(opts.id ?? 'linear-profile');
  return {
    ...base,
    name: opts.name ?? 'linear test profile',
    settings: { ...base.settings, ...planOpts },
    lut,
    perChannel: fitPerChannel(plan, lut),
    predictor: base.predictor ? { ...base.predictor, a: opts.a ?? base.predictor.a } : null,
  };
}
