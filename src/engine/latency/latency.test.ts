import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu'; // registers WEBGPU_* flags (the backend itself cannot start in Node)
import { beforeAll, describe, expect, it } from 'vitest';
import { layerCost } from '../../core/costs';
import { isPartLutOp, lutOpLayer } from '../../core/latency/lutKeys';
import { planLut } from '../../core/latency/plan';
import { validateProfile } from '../../core/latency/profileSchema';
import { rngStream } from '../../core/rng';
import { useCpuBackend } from '../testing';
import { InterleavedMeasurer } from './interleave';
import { ProfileSession } from './session';
import { matmulSubject, opSubject } from './subjects';
import { DEFAULT_TIMING, SampleTimer, withGpuOnly, type TimingEnv } from './timing';

beforeAll(useCpuBackend);

const env: TimingEnv = { now: () => performance.now(), yieldToEvents: () => Promise.resolve(), isVisibleSince: () => true };
const planOpts = { mode: 'reduced' as const, input: { height: 28, width: 28, channels: 1 }, numClasses: 10, tiny: true, width: 1 };

describe('timing', () => {
  it('calibrates K so that one sample lasts ≥ 5 ms, and records compile time', async () => {
    // A fake clock (no wall-clock timing, so CPU load cannot make this flaky): every run() of the subject advances it
    // by a scripted cost. Run 1 (compile) 30 ms, then 0.4 ms per run until K is calibrated, then the runs speed up
    // to 0.2 ms (late JIT / clock ramp-up), which the sampler must notice and answer with a larger K.
    let clock = 0;
    let runs = 0;
    let fast = false;
    const subject = {
      run: () => {
        runs++;
        clock += runs === 1 ? 30 : fast ? 0.2 : 0.4;
        return tf.scalar(runs); // a real tensor: runBatch still awaits data() and disposes it
      },
    };
    const fake: TimingEnv = { now: () => clock, yieldToEvents: () => Promise.resolve(), isVisibleSince: () => true };
    const start = tf.memory().numTensors;
    const t = new SampleTimer(subject, fake);
    await t.warmUp();
    expect(t.compileMs).toBe(30); // the first run alone
    // 3 warm-up runs, then K = ⌈5 / 0.4⌉ = 13 runs in one trial batch that lasts 5.2 ms ≥ 5 ms: calibrated at once.
    expect(runs).toBe(3 + 13);
    expect(t.repeats).toBe(13);
    expect(t.sampleCostMs).toBeCloseTo(5.2, 9);
    fast = true;
    const costs: number[] = [];
    const per: (number | null)[] = [];
    for (let i = 0; i < 8; i++) {
      per.push(await t.sample());
      costs.push(t.sampleCostMs);
    }
    // The first sample took 13 × 0.2 = 2.6 ms < 5 ms: K grows to ⌈13·5·1.2 / 2.6⌉ = 30 and every later sample
    // lasts 30 × 0.2 = 6 ms ≥ 5 ms.
    expect(costs[0]).toBeCloseTo(2.6, 9);
    expect(t.repeats).toBe(30);
    for (const c of costs.slice(1)) expect(c).toBeCloseTo(6, 9);
    expect(Math.min(...costs.slice(1))).toBeGreaterThanOrEqual(DEFAULT_TIMING.minSampleMs);
    for (const p of per) expect(p).toBeCloseTo(0.2, 9); // per-repeat time, whatever K was
    const sum = t.summary()!;
    expect(sum).toMatchObject({ samples: 8, repeats: 30, compileMs: 30 });
    expect(sum.medianMs).toBeCloseTo(0.2, 9);
    expect(t.repeats).toBeGreaterThan(1);
    expect(t.repeats).toBeLessThan(DEFAULT_TIMING.maxRepeats);
    expect(tf.memory().numTensors).toBe(start); // every output was disposed
  });
  it('calibration retries a too-short trial batch and stops at maxRepeats', async () => {
    // Warm-up runs take 1 ms, batched runs only 0.1 ms: K = 5 gives 0.5 ms, so the trial is retried with
    // K = ⌈5·5·1.2 / 0.5⌉ = 60 (6 ms).
    let clock = 0;
    let runs = 0;
    const retry = new SampleTimer(
      { run: () => ((clock += ++runs <= 3 ? 1 : 0.1), tf.scalar(0)) },
      { now: () => clock, yieldToEvents: () => Promise.resolve(), isVisibleSince: () => true },
    );
    await retry.warmUp();
    expect(retry.compileMs).toBe(1);
    expect(retry.repeats).toBe(60);
    expect(retry.sampleCostMs).toBeCloseTo(6, 9);
    // Work that takes no measurable time: K is capped at maxRepeats instead of growing forever.
    const capped = new SampleTimer({ run: () => tf.scalar(0) }, { now: () => 0, yieldToEvents: () => Promise.resolve(), isVisibleSince: () => true }, {
      ...DEFAULT_TIMING,
      maxRepeats: 16,
    });
    await capped.warmUp();
    expect(capped.repeats).toBe(16);
    await capped.sample();
    expect(capped.repeats).toBe(16);
  });
  it('times a real tfjs op end to end (smoke test: no timing thresholds)', async () => {
    const s = matmulSubject(48, rngStream(1, 'mm'));
    const t = new SampleTimer(s, env);
    await t.warmUp();
    expect(t.compileMs).toBeGreaterThanOrEqual(0);
    for (let i = 0; i < 3; i++) await t.sample();
    expect(t.summary()!.samples).toBe(3);
    expect(t.repeats).toBeGreaterThanOrEqual(1);
    expect(t.repeats).toBeLessThanOrEqual(DEFAULT_TIMING.maxRepeats);
    s.dispose();
  });
  it('discards samples that span a visibility change; the measurer retries them', async () => {
    let hiddenChecks = 2;
    const flaky: TimingEnv = { ...env, isVisibleSince: () => hiddenChecks-- <= 0 };
    const m = new InterleavedMeasurer([{ id: 'mm', label: 'mm', create: () => matmulSubject(8, rngStream(2, 'mm')) }], flaky, { samples: 21, timing: DEFAULT_TIMING });
    while (await m.step());
    const [r] = m.results();
    expect(r.samples).toBe(21);
    expect(m.unitsDone).toBe(1 + 21 + 2); // warm-up, kept samples, the two discarded ones
    expect(m.totalUnits).toBe(m.unitsDone);
    m.dispose();
  });
  it('rejects fewer than 21 samples or 3 warm-ups', () => {
    expect(() => new InterleavedMeasurer([], env, { samples: 5, timing: DEFAULT_TIMING })).toThrow(/21 samples/);
    expect(() => new SampleTimer({ run: () => tf.scalar(1) }, env, { ...DEFAULT_TIMING, warmup: 1 })).toThrow(/3 warm-up/);
  });
  it('withGpuOnly turns WEBGPU_CPU_FORWARD off inside and restores it after, also on error', async () => {
    tf.env().set('WEBGPU_CPU_FORWARD', true);
    expect(await withGpuOnly(() => Promise.resolve(tf.env().getBool('WEBGPU_CPU_FORWARD')))).toBe(false);
    expect(tf.env().getBool('WEBGPU_CPU_FORWARD')).toBe(true);
    await expect(withGpuOnly(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(tf.env().getBool('WEBGPU_CPU_FORWARD')).toBe(true);
  });
});

describe('LUT subjects', () => {
  it('every planned op (cell parts too) runs in inference mode with the output shape of its layer, without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const plan = planLut({ ...planOpts, cells: true });
    expect(plan.filter((e) => e.group === 'cell')).toHaveLength(196);
    for (const e of plan) {
      const s = opSubject(e.op, rngStream(1, e.key));
      const y = s.run();
      let want: number[];
      if (isPartLutOp(e.op)) {
        const o = e.op;
        want = o.op === 'dw' ? [1, Math.ceil(o.h / o.s), Math.ceil(o.w / o.s), o.c] : [1, o.h, o.w, o.c];
      } else {
        const { layer, inShape } = lutOpLayer(e.op);
        const out = layerCost(layer, inShape).outShape;
        want = layer.type === 'gap' || layer.type === 'dense' ? [1, out[2]] : [1, ...out];
      }
      expect(y.shape, e.key).toEqual(want);
      y.dispose();
      s.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('ProfileSession (CPU backend, reduced mode)', () => {
  const device = {
    backend: 'cpu', tfjsVersion: tf.version.tfjs, adapterVendor: '', adapterArchitecture: '', adapterDevice: '', adapterDescription: '',
    isFallbackAdapter: false, timestampQuery: false, crossOriginIsolated: false, browser: 'node', userAgent: '', hardwareConcurrency: 1,
    workgroupThreshold: 8,
  };
  it('measures roofline, LUT and networks, cancels cleanly and assembles a valid profile', async () => {
    const s = new ProfileSession({ ...planOpts, seed: 1, id: 'node', name: 'node cpu' }, device, env);
    const total0 = s.unitsTotal;
    expect(total0).toBe((2 + s.plan.length + 12) * 22);
    // Cancel part-way through the LUT: the partial profile keeps the roofline and has no predictor yet.
    while (s.phase !== 'lut' || s.status().lut.round < 5) await s.step();
    const partial = s.profile();
    expect(Object.keys(partial.lut)).toHaveLength(s.plan.length); // every entry has ≥ 5 samples after round 5
    expect(partial.partial).toBe(true);
    expect(partial.roofline!.matmulGflops).toBeGreaterThan(0);
    expect(partial.predictor).toBeNull();
    while (await s.step());
    const p = validateProfile(JSON.parse(JSON.stringify(s.profile())));
    expect(p.partial).toBe(false);
    expect(Object.keys(p.lut)).toHaveLength(s.plan.length);
    expect(p.e2e).toHaveLength(12);
    expect(p.e2e.every((e) => e.dispatchesCounted === null)).toBe(true); // only counted on WebGPU
    expect(p.predictor!.report.nHeldOut).toBe(4);
    expect(Object.keys(p.perChannel).length).toBe(14);
    expect(s.status()).toMatchObject({ phase: 'done', unitsDone: s.unitsTotal, failures: [] });
    expect(p.settings.cells).toBeUndefined();
    s.dispose();
  });

  it('with cell parts: the plan and the units grow by the parts and the 4 cell networks, and the profile says it holds them', () => {
    const s = new ProfileSession({ ...planOpts, cells: true, seed: 1, id: 'cells', name: 'node cpu + cells' }, device, env);
    const base = planLut(planOpts).length;
    expect(s.plan.length).toBe(base + 196);
    expect(s.unitsTotal).toBe((2 + base + 196 + 12 + 4) * 22);
    expect(s.profile().settings.cells).toBe(true);
    s.dispose();
  });
});
