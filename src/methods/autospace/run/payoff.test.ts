/**
 * The payoff stage with the real PAD-NAS run, reached as the worker and the CLI reach it: through `loadMethod` given by
 * the host (methods/hosted.ts). The method code itself never imports PAD-NAS.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticProfile } from '../../../core/latency/testProfile';
import { genotypeInSpace, singlePathSpace } from '../../../core/space/singlePath';
import { liveTensors, useCpuBackend, watchedTestData } from '../../../engine/testing';
import { loadHostedMethod } from '../../hosted';
import type { ArchSpec } from '../../../core/archspec';
import type { LatencyMeter } from '../../../core/latency/meter';
import type { MethodContext } from '../../runTypes';
import type { PayoffState } from '../snapshot';
import { PayoffStage } from './payoff';

/** A PAD-NAS search of a handful of units per phase (as in PAD-NAS's own run test). */
const TINY_PADNAS = {
  trainLimit: 0,
  valLimit: 0,
  batchSize: 16,
  supernetEpochs: 1,
  finetuneEpochs: 1,
  population: 4,
  generations: 1,
  rankArchs: 2,
  rankSteps: 1,
  finalEpochs: 1,
  shareThreshold: 0.3,
  rankK: 1,
  windowLo: 0,
  windowHi: 1,
  trainBaseline: false,
};

/** A learned-looking space at width 0.25: the reference cell and one other cell or MB op per slot. */
const LEARNED = singlePathSpace(0.25, 'k3').map((ops, j) => (j % 2 === 0 ? ['c3-zz3zzz', 'c2-zz5zzz'] : ['c3-zz3zzz', ops[0]]));

/** A meter that takes 3 units per network and reports `median(i)` for network i (null: it could not be measured). */
function scriptedMeter(calls: ArchSpec[][], median: (i: number) => number | null): LatencyMeter {
  return {
    label: 'measured on a test device',
    unitsPerNetwork: 3,
    measure(specs) {
      calls.push(specs.slice());
      let done = 0;
      const total = 3 * specs.length;
      return {
        get totalUnits() {
          return total;
        },
        get unitsDone() {
          return done;
        },
        get finished() {
          return done >= total;
        },
        step: () => {
          done++;
          return Promise.resolve();
        },
        results: () => specs.map((_, i) => ({ medianMs: median(i), error: median(i) === null ? 'lost' : null })),
        dispose: () => undefined,
      };
    },
  };
}

describe('AutoSpace-style payoff stage', () => {
  beforeAll(useCpuBackend);

  it('runs PAD-NAS in the learned and the hand-designed space, trains both fronts stand-alone and compares their hypervolumes', async () => {
    const { data, reads, state: tag } = watchedTestData(160, 4, 8);
    const ctx: MethodContext = { data, profile: null, loadMethod: loadHostedMethod };
    const tensors0 = liveTensors();
    const stage = await PayoffStage.create(ctx, { learnedSpace: LEARNED, seed: 2, padnasPreset: 'tiny', width: 0.25, tiny: true, standaloneSteps: 3, frontMax: 2, padnasOverrides: TINY_PADNAS });
    try {
      const planned0 = stage.plannedUnits();
      // Before evolution ends, the run asks for the same plan without building anything (no learned space needed).
      expect(await PayoffStage.estimateUnits(ctx, { seed: 2, padnasPreset: 'tiny', width: 0.25, tiny: true, standaloneSteps: 3, frontMax: 2, padnasOverrides: TINY_PADNAS })).toBe(planned0);
      expect(await PayoffStage.estimateUnits({ data, profile: null }, { seed: 2, padnasPreset: 'tiny', width: 0.25, tiny: true, standaloneSteps: 3, frontMax: 2, padnasOverrides: TINY_PADNAS })).toBeNull();
      expect(stage.state()).toMatchObject({ stage: 'learned-search', learned: [], hand: [], hvLearned: null });
      const stages: PayoffState['stage'][] = [];
      let units = 0;
      for (;;) {
        tag.phase = stage.state().stage;
        const done = await stage.step();
        units++;
        const s = stage.state().stage;
        if (stages.at(-1) !== s) stages.push(s);
        if (done) break;
        expect(units).toBeLessThan(planned0 + 5);
      }
      expect(stages).toEqual(['learned-search', 'hand-search', 'standalone', 'done']);
      // The plan is exact once both fronts are known; before, it was the most the stage could take.
      expect(units).toBe(stage.plannedUnits());
      expect(units).toBeLessThanOrEqual(planned0);
      expect(await stage.step()).toBe(true);

      const st = stage.state();
      expect(st.unit).toBe('MMACs');
      expect(st.costSource).toBe('MACs (no device profile)');
      expect(st.learned.length).toBeGreaterThan(0);
      expect(st.hand.length).toBeGreaterThan(0);
      expect(st.hvLearned).toBeGreaterThanOrEqual(0);
      expect(st.hvHand).toBeGreaterThanOrEqual(0);
      const ref = st.hvReference;
      expect(ref?.valAccuracy).toBe(0);
      [...st.learned, ...st.hand].forEach((p) => expect(p.cost).toBeLessThan(ref?.cost ?? 0));

      const r = stage.result();
      const hand = singlePathSpace(0.25);
      expect(r.searches.learned?.space).toEqual(LEARNED);
      expect(r.searches.hand?.space).toEqual(hand);
      expect(genotypeInSpace(r.searches.learned?.genotype ?? [], LEARNED)).toBe(true);
      expect(genotypeInSpace(r.searches.hand?.genotype ?? [], hand)).toBe(true);
      // The payoff's data has a test split here only to watch it: PAD-NAS's own final test may read it, the payoff never.
      expect(reads.filter((p) => p === 'standalone')).toEqual([]);
      expect(r.trained.learned.length).toBeGreaterThanOrEqual(1);
      expect(r.trained.learned.length).toBeLessThanOrEqual(2);
      expect(r.trained.hand.length).toBeLessThanOrEqual(2);
      r.trained.learned.forEach((p) => expect(genotypeInSpace(p.genotype, LEARNED)).toBe(true));
      r.trained.hand.forEach((p) => expect(genotypeInSpace(p.genotype, hand)).toBe(true));
      // Each trained network's cost is its MACs in millions (the same model prices both spaces): ~6 k MACs on 8×8 images.
      [...r.trained.learned, ...r.trained.hand].forEach((p) => expect(p.cost).toBeGreaterThan(0.001));
      [...r.trained.learned, ...r.trained.hand].forEach((p) => expect(p.cost).toBeLessThan(0.1));
      expect(r.recipe).toMatchObject({ steps: 3, seed: 2, batchSize: 16 });
      expect(r.verdict).toMatch(/^The learned space (wins|does not win|ties with the hand-designed space) at this scale/);
      expect(r.winner).not.toBeNull();
      expect(JSON.parse(JSON.stringify(r))).toMatchObject({ verdict: r.verdict, trained: r.trained });
    } finally {
      stage.dispose();
    }
    expect(liveTensors()).toBe(tensors0);
  }, 180_000);

  it('with a profile that cannot price both spaces, both searches and both fronts use MACs (the same objective)', async () => {
    const { data } = watchedTestData(64, 4, 8);
    const lines: string[] = [];
    const ctx: MethodContext = { data, profile: syntheticProfile('mb-only'), loadMethod: loadHostedMethod, log: (l) => lines.push(l) };
    const stage = await PayoffStage.create(ctx, { learnedSpace: LEARNED, seed: 1, padnasPreset: 'tiny', width: 0.25, tiny: true, standaloneSteps: 2, frontMax: 1, padnasOverrides: TINY_PADNAS });
    try {
      expect(stage.state()).toMatchObject({ unit: 'MMACs', costSource: expect.stringMatching(/^MACs \(the profile ".*" cannot price every op of both spaces\)$/) as unknown });
      expect(lines.some((l) => /^payoff: .*cannot price/.test(l))).toBe(true);
      // The learned search was given no profile: PAD-NAS itself has no window notice to log.
      expect(lines.some((l) => l.startsWith('payoff, PAD-NAS') && /cannot price/.test(l))).toBe(false);
    } finally {
      stage.dispose();
    }
  });

  it('in the browser (a host meter): measures every trained network on this device and puts both fronts on measured latency', async () => {
    const { data } = watchedTestData(64, 4, 8);
    const measured: ArchSpec[][] = [];
    const meter = scriptedMeter(measured, (i) => 0.5 + i);
    const ctx: MethodContext = { data, profile: null, loadMethod: loadHostedMethod, latencyMeter: meter };
    const stage = await PayoffStage.create(ctx, { learnedSpace: LEARNED, seed: 1, padnasPreset: 'tiny', width: 0.25, tiny: true, standaloneSteps: 2, frontMax: 1, padnasOverrides: TINY_PADNAS });
    try {
      expect(await PayoffStage.estimateUnits(ctx, { seed: 1, padnasPreset: 'tiny', width: 0.25, tiny: true, standaloneSteps: 2, frontMax: 1, padnasOverrides: TINY_PADNAS })).toBe(stage.plannedUnits());
      const stages: PayoffState['stage'][] = [];
      let units = 0;
      for (let done = false; !done; units++) {
        done = await stage.step();
        const s = stage.state().stage;
        if (stages.at(-1) !== s) stages.push(s);
      }
      expect(stages).toEqual(['learned-search', 'hand-search', 'standalone', 'measure', 'done']);
      // The measuring is part of the plan (progress and time left include it).
      expect(units).toBe(stage.plannedUnits());
      const st = stage.state();
      const points = [...st.learned, ...st.hand];
      expect(measured).toHaveLength(1);
      expect(measured[0].map((s) => s.name)).toEqual(points.map((p) => p.genotype.join('-')));
      expect(st).toMatchObject({ unit: 'ms', modelUnit: 'MMACs', costSource: 'inference latency measured on a test device, batch 1, median of samples' });
      points.forEach((p, i) => {
        expect(p.cost).toBe(0.5 + i);
        expect(p.modelCost).toBeGreaterThan(0.001); // MMACs of the cost model, kept beside the measurement
        expect(p.modelCost).toBeLessThan(0.1);
      });
      expect(st.hvLearned).not.toBeNull();
    } finally {
      stage.dispose();
    }
  }, 180_000);

  it('a network the meter cannot measure: both fronts keep the cost model, and the record says why', async () => {
    const { data } = watchedTestData(64, 4, 8);
    const meter = scriptedMeter([], (i) => (i === 0 ? null : 1));
    const ctx: MethodContext = { data, profile: null, loadMethod: loadHostedMethod, latencyMeter: meter };
    const stage = await PayoffStage.create(ctx, { learnedSpace: LEARNED, seed: 1, padnasPreset: 'tiny', width: 0.25, tiny: true, standaloneSteps: 2, frontMax: 1, padnasOverrides: TINY_PADNAS });
    try {
      while (!(await stage.step()));
      const st = stage.state();
      expect(st).toMatchObject({ unit: 'MMACs', costSource: 'MACs (no device profile)' });
      expect(st.modelUnit).toBeUndefined();
      [...st.learned, ...st.hand].forEach((p) => expect(p.modelCost).toBeUndefined());
      expect(stage.result().costNotice).toMatch(/could not be measured on this device \(lost\), so the fronts keep MACs\.$/);
    } finally {
      stage.dispose();
    }
  }, 180_000);

  it('refuses to start without loadMethod, or with a learned space PAD-NAS cannot search', async () => {
    const { data } = watchedTestData(64, 4, 8);
    const opts = { learnedSpace: LEARNED, seed: 1, padnasPreset: 'tiny', width: 0.25, tiny: true, standaloneSteps: 2, frontMax: 1 };
    await expect(PayoffStage.create({ data, profile: null }, opts)).rejects.toThrow(/MethodContext\.loadMethod/);
    const bad = LEARNED.map((ops, j) => (j === 0 ? ['skip'] : ops));
    await expect(PayoffStage.create({ data, profile: null, loadMethod: loadHostedMethod }, { ...opts, learnedSpace: bad })).rejects.toThrow(
      /The learned space cannot be searched by PAD-NAS: PAD-NAS: the given search space cannot be used: slot 1: identity/,
    );
  });
});
