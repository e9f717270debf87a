import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildRecord } from '../../../core/method/buildRecord';
import type { RunCardRecord } from '../../../core/method/resultRecord';
import { Trainer } from '../../../engine/trainer';
import { liveTensors, syntheticData, useCpuBackend, watchedTestData } from '../../../engine/testing';
import { EGNAS_PRESETS, type EgnasConfig } from '../config';
import { egnasMethod } from '../index';
import type { EgnasSnapshot } from '../snapshot';
import { readExtras } from '../summary';
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
afterEach(() => vi.restoreAllMocks());

describe('Efficient Global NAS run', () => {
  it('searches, ranks and retrains on train/val only; the test split is read once, in finish(); the record has candidates and ranking', async () => {
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
      let last = 0;
      while (last < started.totalSteps) {
        const s = await run.step();
        expect(s.done).toBeGreaterThan(last);
        last = s.done;
        snaps.push(run.snapshot());
      }
      expect(reads).toEqual([]);
      expect(evals.every((w) => w === 'val')).toBe(true);
      expect(snaps.some((s) => s.candidates.some((c) => c.phase === 'depth' && c.decision !== 'start'))).toBe(true);
      state.phase = 'finish';
      await run.finish();
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((p) => p === 'finish')).toBe(true);
      expect(evals.filter((w) => w === 'test')).toHaveLength(1);
      expect(evals.at(-1)).toBe('test');

      const out = run.outcome();
      const got = readExtras(out.extras);
      if (!got.ok) throw new Error(got.error);
      const { candidates, ranking, found } = got.extras;
      expect(candidates[0]).toMatchObject({ phase: 'depth', L: 2, C: 4, epochs: 1, decision: 'start' });
      expect(candidates.filter((c) => c.phase === 'depth').map((c) => c.epochs)).toEqual(candidates.filter((c) => c.phase === 'depth').map((_, i) => 1 + i));
      expect(candidates.every((c) => c.decision === 'unmatched' || c.curve.length === c.epochs)).toBe(true);
      expect(ranking!.rows).toHaveLength(2);
      expect(ranking!.rows.every((r) => r.refAcc !== null && r.curves.ref.length === 3)).toBe(true);
      expect(out.archSpec.meta).toMatchObject({ method: 'egnas', L: found.L, C: found.C, epochs: found.epochs });
      expect(out.resultSteps).toBe(found.epochs * started.stepsPerEpoch);
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

  it('refuses bad settings before building anything', () => {
    const before = liveTensors();
    const data = syntheticData(160, 4, 8);
    expect(() => createRun({ data, profile: null }, { ...SMALL, Lmin: 4, Lmax: 3 })).toThrow(/L_min \(4\) is above/);
    expect(() => createRun({ data, profile: null }, { ...SMALL, Cmin: 8, Cmax: 4 })).toThrow(/C_min \(8\) is above/);
    expect(liveTensors()).toBe(before);
  });
});
