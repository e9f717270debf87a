import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildRecord } from '../../../core/method/buildRecord';
import type { RunCardRecord } from '../../../core/method/resultRecord';
import { parseSpaceFile, serializeSpaceFile, type SpaceFile } from '../../../core/space/spaceFile';
import { liveTensors, useCpuBackend, watchedTestData } from '../../../engine/testing';
import type { MethodContext } from '../../runTypes';
import { AUTOSPACE_PRESETS, type AutoSpaceConfig } from '../config';
import { autospaceMethod } from '../index';
import { PAYOFF_UNITS } from '../plan';
import { REFERENCE_NAME, topK } from '../population';
import type { AutoSpaceExtras } from '../record';
import type { AutoSpaceSnapshot, PayoffState } from '../snapshot';
import { loadHostedMethod } from '../../hosted';
import { AutoSpaceRun } from './autospaceRun';
import { createRun } from './index';
import type { PayoffLike, PayoffOptions } from './payoffPort';

const SMALL: AutoSpaceConfig = { ...AUTOSPACE_PRESETS.tiny, width: 0.25, population: 4, k: 2, iterations: 2, stepsPerIteration: 3, mutations: 1, trainLimit: 0, batchSize: 16, finalEpochs: 1, frontMax: 2, standaloneSteps: 2 };

/** A scripted payoff stage: 5 units; the learned front's best on validation uses each slot's second learned cell. */
function fakePayoff(calls: { ctx: MethodContext; o: PayoffOptions; steps: number }[]) {
  return (ctx: MethodContext, o: PayoffOptions): Promise<PayoffLike> => {
    const call = { ctx, o, steps: 0 };
    calls.push(call);
    const state = (): PayoffState => ({
      stage: call.steps >= 5 ? 'done' : 'learned-search',
      unit: 'MMACs',
      costSource: 'MACs',
      learned: call.steps >= 5 ? [{ genotype: o.learnedSpace.map((s) => s[0]), valAccuracy: 0.5, cost: 1 }, { genotype: o.learnedSpace.map((s) => s[1]), valAccuracy: 0.7, cost: 2 }] : [],
      hand: call.steps >= 5 ? [{ genotype: o.learnedSpace.map(() => 'k3e3'), valAccuracy: 0.6, cost: 1.5 }] : [],
      hvLearned: call.steps >= 5 ? 1.2 : null,
      hvHand: call.steps >= 5 ? 0.9 : null,
      hvReference: null,
    });
    return Promise.resolve({ plannedUnits: () => 5, step: () => Promise.resolve(++call.steps >= 5), state, result: () => ({ spaces: 2 }), dispose: () => undefined });
  };
}

const card = (settings: AutoSpaceConfig): RunCardRecord => ({
  seed: 1, backend: 'cpu', adapter: 'none', tfjsVersion: tf.version.tfjs,
  dataset: { name: 'synthetic', source: 'builtin', files: [], n: 160, shape: [8, 8, 1], classes: 4 },
  split: { seed: 7, train: 96, val: 32, test: 32 }, settings: { ...settings }, wallSeconds: 1, date: '2026-01-01T00:00:00.000Z',
});

describe('AutoSpace-style run', () => {
  beforeAll(useCpuBackend);

  it('reports its work in training-step-sized pieces: the payoff by its own units, estimated until the stage is built', async () => {
    const { data } = watchedTestData();
    const calls: { ctx: MethodContext; o: PayoffOptions; steps: number }[] = [];
    const asked: unknown[] = [];
    // The estimate is the most the stage can take (9); the scripted stage then plans 5 (its fronts were small).
    const run = new AutoSpaceRun({ data, profile: null }, SMALL, fakePayoff(calls), (_ctx, o) => {
      asked.push(o);
      return Promise.resolve(9);
    });
    try {
      const start = run.start();
      const works: { done: number; total: number }[] = [];
      for (let last = 0; last < start.totalSteps; ) {
        const r = await run.step();
        last = r.done;
        if (!r.work) throw new Error(`no work reported at unit ${r.done}`);
        works.push(r.work);
      }
      expect(asked).toEqual([{ seed: SMALL.seed, padnasPreset: SMALL.payoffPreset, width: SMALL.width, tiny: SMALL.tiny, standaloneSteps: SMALL.standaloneSteps, frontMax: SMALL.frontMax, padnasOverrides: SMALL.payoffPadnas }]);
      // Evolution: 6 steps against 6 + 9 (estimate) + 6 (retraining).
      expect(works.slice(0, 6)).toEqual([1, 2, 3, 4, 5, 6].map((done) => ({ done, total: 21 })));
      // The payoff's 5 units spread over its PAYOFF_UNITS units: from its first, the total is the stage's own plan.
      const payoff = works.slice(6, 6 + PAYOFF_UNITS);
      expect(payoff[0]).toEqual({ done: 7, total: 17 });
      expect(payoff.every((w, i) => w.total === 17 && w.done >= (i > 0 ? payoff[i - 1].done : 7))).toBe(true);
      expect(payoff.at(-1)).toEqual({ done: 11, total: 17 });
      // The retraining's 6 steps.
      expect(works.slice(6 + PAYOFF_UNITS)).toEqual([12, 13, 14, 15, 16, 17].map((done) => ({ done, total: 17 })));
      await run.finish();
    } finally {
      run.dispose();
    }
  });

  it('without an estimate of the payoff, reports no work until its stage is built (the time left paces by units)', async () => {
    const { data } = watchedTestData();
    const run = new AutoSpaceRun({ data, profile: null }, SMALL, fakePayoff([]), () => Promise.resolve(null));
    try {
      const start = run.start();
      const works: unknown[] = [];
      for (let last = 0; last < start.totalSteps; ) {
        const r = await run.step();
        last = r.done;
        works.push(r.work);
      }
      expect(works.slice(0, 6)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
      expect(works[6]).toEqual({ done: 7, total: 17 });
      expect(works.at(-1)).toEqual({ done: 17, total: 17 });
      await run.finish();
    } finally {
      run.dispose();
    }
  });

  it('evolves, hands the learned space to the payoff, retrains the learned front’s best, tests once in finish(), frees every tensor', async () => {
    const { data, reads, state } = watchedTestData();
    const calls: { ctx: MethodContext; o: PayoffOptions; steps: number }[] = [];
    const before = liveTensors();
    const run = new AutoSpaceRun({ data, profile: null }, SMALL, fakePayoff(calls));
    try {
      const start = run.start();
      expect(start.stepsPerEpoch).toBe(6); // 96 / 16
      expect(start.totalSteps).toBe(2 * 3 + PAYOFF_UNITS + 6);
      const snaps: AutoSpaceSnapshot[] = [];
      for (let last = 0; last < start.totalSteps; ) {
        last = (await run.step()).done;
        snaps.push(run.snapshot());
      }
      expect(reads).toEqual([]);
      const evolve = snaps.slice(0, 6);
      expect(evolve.every((s) => s.phase === 'evolve' && s.slots.length === 7 && s.budget !== null && s.budget.unit === 'MMACs')).toBe(true);
      expect(evolve.flatMap((s) => s.loss).map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6]);
      for (const s of evolve) {
        for (const slot of s.slots) {
          expect(new Set(slot.picks).size).toBe(2);
          expect(slot.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
          expect(slot.cells).toHaveLength(4);
          expect(slot.cells.filter((c) => c.reference).map((c) => c.name)).toEqual([REFERENCE_NAME]);
        }
      }
      expect(snaps.flatMap((s) => s.alphaRows)).toHaveLength(2 * 7);
      expect(snaps.flatMap((s) => s.topK)).toHaveLength(2 * 7);
      expect(snaps[2].event).toMatch(/^iteration 1\/2/);
      expect(snaps[6].phase).toBe('payoff');
      expect(snaps.at(-1)!.phase).toBe('final');
      expect(snaps.at(-1)!.payoff?.stage).toBe('done');

      expect(calls).toHaveLength(1);
      expect(calls[0].steps).toBe(5);
      expect(calls[0].ctx.data.split.test.length).toBe(0); // the payoff never sees the test split
      expect(calls[0].o).toMatchObject({ seed: 1, padnasPreset: 'tiny', width: 0.25, tiny: true, standaloneSteps: 2, frontMax: 2 });

      state.phase = 'finish';
      await run.finish();
      expect(reads.length).toBeGreaterThan(0);
      expect(reads.every((p) => p === 'finish')).toBe(true);
      const out = run.outcome();
      const ex = out.extras as unknown as AutoSpaceExtras;
      expect(ex.learnedSpace).toEqual(calls[0].o.learnedSpace);
      expect(ex.learnedSpace).toEqual(ex.populations.map((cells) => topK(cells, 2)));
      expect(ex.genotype).toEqual(ex.learnedSpace.map((s) => s[1])); // the front's best on validation (0.7)
      expect(ex.resultFrom).toBe('learned-front');
      expect(out.archSpec.meta?.genotype).toBe(ex.genotype.join(','));
      expect(out.archSpec.layers.filter((l) => l.type === 'cell')).toHaveLength(7);
      expect(ex.payoff).toMatchObject({ hvLearned: 1.2, hvHand: 0.9, spaces: 2 });
      expect(ex.payoff!.verdict).toMatch(/learned space's front is better/);
      expect(out.resultSteps).toBe(6);
      expect(out.testAccuracy).not.toBeNull();
      const space = out.attachments?.space as SpaceFile;
      expect(parseSpaceFile(serializeSpaceFile(space), 'r.space.json', { width: 0.25, tiny: true }).slots).toEqual(ex.learnedSpace);
      const rec = buildRecord({ runId: 'r1', method: autospaceMethod.id, label: autospaceMethod.label, card: card(SMALL), ...out, profile: null });
      const json = JSON.parse(JSON.stringify(rec)) as Record<string, unknown>;
      expect(json).toMatchObject({ method: 'autospace', learnedSpace: ex.learnedSpace, payoff: { verdict: ex.payoff!.verdict } });
      expect((json.populations as unknown[]).length).toBe(7);
      expect(run.snapshot().phase).toBe('done');
    } finally {
      run.dispose();
    }
    expect(liveTensors()).toBe(before);
  });

  it('without the payoff, the result is each slot’s fittest cell; a bad config is refused before building anything', async () => {
    const { data } = watchedTestData();
    const before = liveTensors();
    expect(() => new AutoSpaceRun({ data, profile: null }, { ...SMALL, k: 4 })).toThrow(/K \(4\) must be smaller/);
    expect(liveTensors()).toBe(before);
    const run = new AutoSpaceRun({ data, profile: null }, { ...SMALL, payoff: false, iterations: 1 }, () => Promise.reject(new Error('no payoff expected')));
    try {
      const total = run.start().totalSteps;
      expect(total).toBe(3 + 6);
      while ((await run.step()).done < total);
      await run.finish();
      const ex = run.outcome().extras as unknown as AutoSpaceExtras;
      expect(ex.payoff).toBeNull();
      expect(ex.resultFrom).toBe('fittest-cells');
      expect(ex.genotype).toEqual(ex.learnedSpace.map((s) => s[0]));
    } finally {
      run.dispose();
    }
    expect(liveTensors()).toBe(before);
  });

  it('with the real payoff stage (PAD-NAS through loadMethod): both fronts, hypervolumes, the learned front’s best retrained', async () => {
    const { data, reads, state } = watchedTestData();
    const before = liveTensors();
    const padnas = { trainLimit: 0, valLimit: 0, batchSize: 16, supernetEpochs: 1, finetuneEpochs: 1, population: 4, generations: 1, rankArchs: 2, rankSteps: 1, finalEpochs: 1, shareThreshold: 0.3, rankK: 1, windowLo: 0, windowHi: 1, trainBaseline: false };
    const run = createRun({ data, profile: null, loadMethod: loadHostedMethod }, { ...SMALL, iterations: 1, payoffPadnas: padnas });
    try {
      const total = run.start().totalSteps;
      while ((await run.step()).done < total);
      expect(reads).toEqual([]);
      state.phase = 'finish';
      await run.finish();
      expect(reads.every((p) => p === 'finish')).toBe(true);
      const ex = run.outcome().extras as unknown as AutoSpaceExtras;
      const pay = ex.payoff!;
      expect(pay.learned.length).toBeGreaterThan(0);
      expect(pay.hand.length).toBeGreaterThan(0);
      expect(pay.hvLearned).toBeGreaterThanOrEqual(0);
      expect(pay.hvHand).toBeGreaterThanOrEqual(0);
      expect(pay.verdict.length).toBeGreaterThan(10);
      expect(pay.learned.every((p) => p.genotype.every((op, j) => ex.learnedSpace[j].includes(op)))).toBe(true);
      const best = pay.learned.reduce((b, p) => (p.valAccuracy > b.valAccuracy ? p : b));
      expect(ex.genotype).toEqual(best.genotype);
      expect(ex.resultFrom).toBe('learned-front');
    } finally {
      run.dispose();
    }
    expect(liveTensors()).toBe(before);
  });
});
