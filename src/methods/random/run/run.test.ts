import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildRecord } from '../../../core/method/buildRecord';
import type { RunCardRecord } from '../../../core/method/resultRecord';
import { DivergenceError, Trainer } from '../../../engine/trainer';
import { liveTensors, syntheticData, useCpuBackend, watchedTestData } from '../../../engine/testing';
import { RANDOM_PRESETS, type RandomConfig } from '../config';
import { randomMethod } from '../index';
import type { RandomSnapshot } from '../snapshot';
import { readExtras } from '../summary';
import { createRun } from './index';

const SMALL: RandomConfig = { ...RANDOM_PRESETS.tiny, width: 0.25, samples: 3, steps: 4, finalEpochs: 1, trainLimit: 0, batchSize: 16, windowLo: 0, windowHi: 1 };

const card: RunCardRecord = {
  seed: 1, backend: 'cpu', adapter: 'none', tfjsVersion: tf.version.tfjs,
  dataset: { name: 'synthetic', source: 'builtin', files: [], n: 160, shape: [8, 8, 1], classes: 4 },
  split: { seed: 7, train: 96, val: 32, test: 32 }, settings: { ...SMALL }, wallSeconds: 1, date: '2026-01-01T00:00:00.000Z',
};

describe('random search run', () => {
  beforeAll(useCpuBackend);
  afterEach(() => vi.restoreAllMocks());

  it('scores candidates on val only, retrains the max-val one, tests once in finish(), frees every tensor', async () => {
    const evaluate = vi.spyOn(Trainer.prototype, 'evaluate'); // calls through, records which split
    const evals = () => evaluate.mock.calls.map((c) => c[0]);
    const { data, reads, state } = watchedTestData();
    const before = liveTensors();
    const run = createRun({ data, profile: null }, SMALL);
    try {
      const start = run.start();
      expect(start.stepsPerEpoch).toBe(6); // 96 training images / 16
      expect(start.totalSteps).toBe(3 * 4 + 6);
      const snaps: RandomSnapshot[] = [];
      for (let last = 0; last < start.totalSteps; ) {
        const r = await run.step();
        expect(r.done).toBe(last + 1);
        last = r.done;
        snaps.push(run.snapshot());
      }
      expect(reads).toEqual([]);
      expect(evals()).toEqual(['val', 'val', 'val']);
      expect(snaps.slice(0, 12).every((s) => s.phase === 'sample' || s.candidates.length > 0)).toBe(true);
      expect(snaps.flatMap((s) => s.candidates).map((c) => c.index)).toEqual([0, 1, 2]);
      expect(snaps.at(-1)!.phase).toBe('final');
      state.phase = 'finish';
      await run.finish();
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((p) => p === 'finish')).toBe(true);
      expect(evals()).toEqual(['val', 'val', 'val', 'val', 'test']);

      const out = run.outcome();
      const got = readExtras(out.extras);
      if (!got.ok) throw new Error(got.error);
      const { candidates, bestIndex } = got.extras;
      expect(candidates).toHaveLength(3);
      const accs = candidates.map((c) => c.valAccuracy ?? -1);
      expect(accs.every((a) => a >= 0 && a <= 1)).toBe(true);
      expect(candidates[bestIndex].valAccuracy).toBe(Math.max(...accs));
      expect(out.archSpec.meta?.genotype).toBe(candidates[bestIndex].genotype.join(','));
      expect(out.resultSteps).toBe(6);
      expect(got.extras.window).toMatchObject({ objective: 'macs', unit: 'MACs', lo: 0, hi: 1 });
      expect(candidates.every((c) => c.cost >= got.extras.window.from && c.cost <= got.extras.window.to && c.trainSteps === 4)).toBe(true);
      const rec = buildRecord({ runId: 'r1', method: randomMethod.id, label: randomMethod.label, card, ...out, profile: null });
      expect(rec).toMatchObject({ method: 'random', archSpec: out.archSpec, valAccuracy: out.valAccuracy, testAccuracy: out.testAccuracy });
      expect(rec.testAccuracy).not.toBeNull();
      expect(rec.candidates).toHaveLength(3);
      expect((JSON.parse(JSON.stringify(rec)) as { bestIndex: number }).bestIndex).toBe(bestIndex);
      expect(run.snapshot().phase).toBe('done');
    } finally {
      run.dispose();
    }
    expect(liveTensors()).toBe(before);
  });

  it('a diverging candidate scores as failed and the search goes on; a released network is the caller’s', async () => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the instance as `this`
    const trainStep = Trainer.prototype.trainStep;
    let calls = 0;
    vi.spyOn(Trainer.prototype, 'trainStep').mockImplementation(function (this: Trainer) {
      if (++calls === 3) return Promise.reject(new DivergenceError(0, 0.1, Number.NaN)); // candidate 1's first step
      return trainStep.call(this);
    });
    const before = liveTensors();
    const run = createRun({ data: syntheticData(160, 4, 8), profile: null }, { ...SMALL, samples: 2, steps: 2 });
    const net = await (async () => {
      try {
        const total = run.start().totalSteps;
        while ((await run.step()).done < total);
        await run.finish();
        const got = readExtras(run.outcome().extras);
        if (!got.ok) throw new Error(got.error);
        expect(got.extras.candidates[1]).toMatchObject({ valAccuracy: null, trainSteps: 0 });
        expect(got.extras.bestIndex).toBe(0);
        return run.releaseNetwork();
      } finally {
        run.dispose();
      }
    })();
    expect(liveTensors()).toBeGreaterThan(before);
    net.dispose();
    expect(liveTensors()).toBe(before);
  });

  it('refuses, before building anything, a window that holds no architecture and a latency window without a profile', () => {
    const before = liveTensors();
    const data = syntheticData(160, 4, 8);
    expect(() => createRun({ data, profile: null }, { ...SMALL, windowLo: 0.5, windowHi: 0.5001 })).toThrow(/No architecture fell inside.*Widen the window/);
    expect(() => createRun({ data, profile: null }, { ...SMALL, objective: 'latency' })).toThrow(/needs a device profile/);
    expect(() => createRun({ data, profile: null }, { ...SMALL, windowLo: 0.6, windowHi: 0.4 })).toThrow(/lower edge/);
    expect(liveTensors()).toBe(before);
  });
});
