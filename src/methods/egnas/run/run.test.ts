import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildRecord } from '../../../core/method/buildRecord';
import type { RunCardRecord } from '../../../core/method/resultRecord';
import { Trainer } from '../../../engine/trainer';
import { liveTensors, syntheticData, useCpuBackend, watchedTestData } from '../../../engine/testing';
import { EGNAS_PRESETS, type EgnasConfig } from '../config';
import { egnasMethod } from '../index';
import type { EgnasSnapshot } from '../snapshot';
import { archCosts } from '../../../core/costs';
import { nearestBaseline } from '../baseline';
import { chainArch } from '../chain';
import { readExtras } from '../summary';
import { worstCaseEpochs } from '../search';
import { createRun } from './index';

const SMALL: EgnasConfig = {
  ...EGNAS_PRESETS.tiny,
  tinyStem: false,
  Lmin: 2,
  Lmax: 3,
  Cmin: 2,
  Cmax: 4,
  widthStep: 2,
  startEpochs: 1,
  microEpochs: 1,
  rankCandidates: 2,
  rankFixedEpochs: 1,
  rankRefEpochs: 3,
  trainLimit: 0,
  batchSize: 16,
  paramTol: 0.1,
};

const card: RunCardRecord = {
  seed: 1, backend: 'cpu', adapter: 'none', tfjsVersion: tf.version.tfjs,
  dataset: { name: 'synthetic', source: 'builtin', files: [], n: 160, shape: [8, 8, 1], classes: 4 },
  split: { seed: 7, train: 128, val: 16, test: 16 }, settings: { ...SMALL }, wallSeconds: 1, date: '2026-01-01T00:00:00.000Z',
};

beforeAll(useCpuBackend);

/**
 * The time left's work: one per step trained (the units jump over what the search did not need), against a total that
 * starts at the units' worst case, only shrinks, and ends at the steps trained. The total is flagged as a most exactly
 * while the depth or width phase runs (`phases`: the snapshot's phase after each step), exact from the micro phase on.
 */
function expectHonestWork(works: ({ done: number; total: number; atMost?: boolean } | undefined)[], units: number, phases: (string | null)[]): void {
  expect(works[0]?.total).toBe(units);
  for (const [i, w] of works.entries()) {
    expect(w?.done).toBe(i + 1);
    expect(w!.total).toBeGreaterThanOrEqual(w!.done);
    if (i > 0) expect(w!.total).toBeLessThanOrEqual(works[i - 1]!.total);
    expect(w!.atMost === true, `step ${i + 1} in phase ${phases[i]}`).toBe(phases[i] === 'depth' || phases[i] === 'width');
  }
  expect(phases).toContain('depth');
  expect(phases.some((p) => p === 'ops' || p === 'kernels')).toBe(true);
  expect(works.at(-1)).toEqual({ done: works.length, total: works.length });
  expect(works.length).toBeLessThan(units);
}
afterEach(() => vi.restoreAllMocks());

describe('Efficient Global NAS run', () => {
  it('searches, ranks, trains the baseline and retrains on train/val only; the test split is read in finish() only; the record has candidates, ranking and baseline', async () => {
    const evals: string[] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the instance as `this`
    const evaluate = Trainer.prototype.evaluate;
    vi.spyOn(Trainer.prototype, 'evaluate').mockImplementation(function (this: Trainer, which, opts) {
      evals.push(which);
      return evaluate.call(this, which, opts);
    });
    const { data, reads, state } = watchedTestData();
    const before = liveTensors();
    const run = createRun({ data, profile: null }, SMALL);
    try {
      const started = run.start();
      expect(started.totalSteps).toBeGreaterThan(0);
      const snaps: EgnasSnapshot[] = [];
      const works: { done: number; total: number }[] = [];
      let last = 0;
      while (last < started.totalSteps) {
        const s = await run.step();
        expect(s.done).toBeGreaterThan(last);
        last = s.done;
        works.push(s.work!);
        snaps.push(run.snapshot());
      }
      expectHonestWork(works, started.totalSteps, snaps.map((s) => s.phase));
      expect(reads).toEqual([]);
      expect(evals.every((w) => w === 'val')).toBe(true);
      expect(snaps.some((s) => s.candidates.some((c) => c.phase === 'depth' && c.decision !== 'start'))).toBe(true);
      state.phase = 'finish';
      await run.finish();
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((p) => p === 'finish')).toBe(true);
      expect(evals.filter((w) => w === 'test')).toHaveLength(2); // the found chain, then the baseline
      expect(evals.at(-1)).toBe('test');

      const out = run.outcome();
      const got = readExtras(out.extras);
      if (!got.ok) throw new Error(got.error);
      const { candidates, ranking, found, baseline } = got.extras;
      expect(candidates[0]).toMatchObject({ phase: 'depth', L: 2, C: 4, epochs: 1, decision: 'start' });
      expect(candidates.filter((c) => c.phase === 'depth').map((c) => c.epochs)).toEqual(candidates.filter((c) => c.phase === 'depth').map((_, i) => 1 + i));
      expect(candidates.every((c) => c.decision === 'unmatched' || c.curve.length === c.epochs)).toBe(true);
      expect(ranking!.rows).toHaveLength(2);
      expect(ranking!.rows.every((r) => r.refAcc !== null && r.curves.ref.length === 3)).toBe(true);
      expect(out.archSpec.meta).toMatchObject({ method: 'egnas', L: found.L, C: found.C, epochs: found.epochs });
      expect(out.resultSteps).toBe(found.epochs * started.stepsPerEpoch);
      // The baseline: the Train screen's network at the parameter count nearest the found chain's, same epochs, tested once.
      const task = { input: { height: 8, width: 8, channels: 1 }, numClasses: 4 };
      const want = nearestBaseline(task, archCosts(chainArch(task, { C: found.C, ops: found.ops as ('s' | 'c')[], kernels: found.kernels })).params);
      expect(baseline).toMatchObject({ params: want.params, macs: want.macs, width: want.width, epochs: found.epochs, name: want.spec.name });
      expect(baseline!.curve).toHaveLength(found.epochs);
      expect(baseline!.valAccuracy).toBe(baseline!.curve.at(-1));
      expect(baseline!.testAccuracy).toEqual(expect.any(Number));
      expect(out.history.filter((h) => h.phase === 'baseline')).toEqual([expect.objectContaining({ params: want.params, testAccuracy: baseline!.testAccuracy })]);
      expect(snaps.some((s) => s.stage === 'baseline' && s.current?.phase === 'baseline')).toBe(true);
      // Snapshots taken before finish() never show the baseline's test accuracy (kept snapshots are not changed later).
      expect(snaps.filter((s) => s.baseline).length).toBeGreaterThan(0);
      expect(snaps.every((s) => s.baseline === null || s.baseline.testAccuracy === null)).toBe(true);
      const rec = buildRecord({ runId: 'r1', method: egnasMethod.id, label: egnasMethod.label, card, ...out, profile: null });
      expect(rec.testAccuracy).not.toBeNull();
      expect(Object.keys(rec)).toEqual(expect.arrayContaining(['candidates', 'ranking', 'found']));
      const back = JSON.parse(JSON.stringify(rec)) as { ranking: unknown };
      expect(back.ranking).toMatchObject({ fixedOrder: expect.any(Array) as unknown, awareOrder: expect.any(Array) as unknown });
      expect(run.snapshot().stage).toBe('done');
      run.releaseNetwork().dispose();
    } finally {
      run.dispose();
    }
    expect(liveTensors()).toBe(before);
  });

  it('without the baseline: no baseline stage, fewer steps, no baseline in the record', async () => {
    const data = syntheticData(160, 4, 8, 1);
    const withIt = createRun({ data, profile: null }, SMALL);
    const config: EgnasConfig = { ...SMALL, trainBaseline: false, rankCandidates: 0, Cmax: 6 };
    const run = createRun({ data, profile: null }, config);
    try {
      const started = run.start();
      expect(started.totalSteps).toBeLessThan(withIt.start().totalSteps);
      const stages = new Set<string>();
      const works: ({ done: number; total: number } | undefined)[] = [];
      const phases: (string | null)[] = [];
      for (let done = 0; done < started.totalSteps; ) {
        const st = await run.step();
        done = st.done;
        works.push(st.work);
        const snap = run.snapshot();
        stages.add(snap.stage);
        phases.push(snap.phase);
      }
      await run.finish();
      expect(stages.has('baseline')).toBe(false);
      const got = readExtras(run.outcome().extras);
      expect(got.ok && got.extras.baseline).toBeNull();
      // Here the discovered budget is below its worst case, so the retraining's skipped steps are in the count too.
      expect(got.ok && got.extras.found.epochs).toBeLessThan(worstCaseEpochs(config).finalEpochs);
      expectHonestWork(works, started.totalSteps, phases);
      run.releaseNetwork().dispose();
    } finally {
      run.dispose();
      withIt.dispose();
    }
  }, 60_000);

  it('with the baseline and a discovered budget below its worst case: the skipped baseline and retraining steps leave the work honest', async () => {
    const config: EgnasConfig = { ...SMALL, rankCandidates: 0, Cmax: 6 };
    const run = createRun({ data: syntheticData(160, 4, 8, 1), profile: null }, config);
    try {
      const started = run.start();
      const works: ({ done: number; total: number } | undefined)[] = [];
      const phases: (string | null)[] = [];
      for (let done = 0; done < started.totalSteps; ) {
        const st = await run.step();
        done = st.done;
        works.push(st.work);
        phases.push(run.snapshot().phase);
      }
      await run.finish();
      const got = readExtras(run.outcome().extras);
      expect(got.ok && got.extras.baseline?.epochs).toBe(got.ok && got.extras.found.epochs);
      expect(got.ok && got.extras.found.epochs).toBeLessThan(worstCaseEpochs(config).finalEpochs);
      expectHonestWork(works, started.totalSteps, phases);
      run.releaseNetwork().dispose();
    } finally {
      run.dispose();
    }
  }, 60_000);

  it('refuses bad settings before building anything', () => {
    const before = liveTensors();
    const data = syntheticData(160, 4, 8);
    expect(() => createRun({ data, profile: null }, { ...SMALL, Lmin: 4, Lmax: 3 })).toThrow(/L_min \(4\) is above/);
    expect(() => createRun({ data, profile: null }, { ...SMALL, Cmin: 8, Cmax: 4 })).toThrow(/C_min \(8\) is above/);
    expect(liveTensors()).toBe(before);
  });
});
