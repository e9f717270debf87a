import { beforeAll, describe, expect, it } from 'vitest';
import { liveTensors, syntheticData, useCpuBackend } from '../../../engine/testing';
import { loadHostedMethod } from '../../hosted';
import { comparable, compareResumed } from '../../resumeTesting';
import type { MethodOutcome } from '../../runTypes';
import { AUTOSPACE_PRESETS, type AutoSpaceConfig } from '../config';
import { AutoSpaceRun } from './autospaceRun';
import { createRun } from './index';
import { readResumeState } from './resume';

/** run.test.ts's small run without the payoff: 2 iterations × 3 steps (units 1–6), the retraining (7–12). */
const SMALL: AutoSpaceConfig = { ...AUTOSPACE_PRESETS.tiny, width: 0.25, population: 4, k: 2, iterations: 2, stepsPerIteration: 3, mutations: 1, trainLimit: 0, batchSize: 16, finalEpochs: 1, frontMax: 2, standaloneSteps: 2, payoff: false };
const data = syntheticData(160, 4, 8, 1);

/**
 * The learned-space file without its `createdBy.date`: makeSpaceFile stamps the wall clock when the record is made, so
 * the two runs' dates differ by their timing alone. Everything else in it is compared.
 */
const undated = (o: MethodOutcome): unknown => {
  const space = o.attachments?.space as { createdBy: Record<string, unknown> } | undefined;
  if (!space) return o.attachments;
  const { date: _date, ...createdBy } = space.createdBy;
  return { ...o.attachments, space: { ...space, createdBy } };
};

function expectSame(got: MethodOutcome, want: MethodOutcome): void {
  expect(comparable(got)).toEqual(comparable(want));
  expect(undated(got)).toEqual(undated(want));
}

beforeAll(useCpuBackend);

describe('AutoSpace-style checkpoints (issue 16 §1: a resumed run ends exactly as the uninterrupted one)', () => {
  const cases: [string, number][] = [
    ['inside the first iteration', 2],
    ['on an iteration boundary', 3],
    ['inside the second iteration, after its picks were drawn', 4],
    ['after the last iteration, before the learned space is read', 6],
    ['inside the final retraining', 9],
  ];
  for (const [name, k] of cases) {
    it(`${name} (unit ${k}), payoff off: restored in a fresh run, the same outcome`, async () => {
      const before = liveTensors();
      const { want, got, total } = await compareResumed('autospace', { ...SMALL }, () => createRun({ data, profile: null }, SMALL), k);
      expect(total).toBe(12);
      expectSame(got, want);
      expect(liveTensors()).toBe(before);
    }, 60_000);
  }

  it('refuses the state of a run of other settings, a damaged state and a run that has stepped', async () => {
    const before = liveTensors();
    const run = createRun({ data, profile: null }, SMALL);
    const others = [
      createRun({ data, profile: null }, { ...SMALL, seed: 2 }),
      createRun({ data, profile: null }, { ...SMALL, iterations: 3 }),
      createRun({ data, profile: null }, SMALL),
    ];
    try {
      run.start();
      await run.step();
      await run.step();
      const cp = await run.checkpoint();
      await expect(run.restore(cp)).rejects.toThrow(/needs a fresh run/);
      for (const o of others) o.start();
      await expect(others[0].restore(cp)).rejects.toThrow(/started from other cell populations/);
      await expect(others[1].restore(cp)).rejects.toThrow(/has 6 evolution \+ 0 payoff \+ 6 retraining units; this one has 9 evolution/);
      await expect(others[2].restore({ done: 2, state: { v: 2 } })).rejects.toThrow(/not one of an AutoSpace-style run/);
      expect(() => readResumeState(null, { plan: run.plan, initial: [], done: 0 })).toThrow(/not one of an AutoSpace-style run/);
    } finally {
      run.dispose();
      for (const o of others) o.dispose();
    }
    expect(liveTensors()).toBe(before);
  });

  it('during a payoff stage that cannot checkpoint, says so in plain words', async () => {
    const run = new AutoSpaceRun({ data, profile: null }, { ...SMALL, payoff: true, iterations: 1 }, () =>
      Promise.resolve({ plannedUnits: () => 5, step: () => Promise.resolve(false), state: () => null as never, result: () => null, dispose: () => undefined }),
    );
    try {
      run.start();
      for (let i = 0; i < 4; i++) await run.step(); // 3 evolution units, then the first payoff unit
      await expect(run.checkpoint()).rejects.toThrow(/^cannot checkpoint during the payoff: PAD-NAS cannot resume$/);
    } finally {
      run.dispose();
    }
  });
});

/** A PAD-NAS search of a handful of units per phase (as in run.test.ts's real-payoff test). */
const PADNAS = { trainLimit: 0, valLimit: 0, batchSize: 16, supernetEpochs: 1, finetuneEpochs: 1, population: 4, generations: 1, rankArchs: 2, rankSteps: 1, finalEpochs: 1, shareThreshold: 0.3, rankK: 1, windowLo: 0, windowHi: 1, trainBaseline: false };
/** 1 iteration (units 1–3), the payoff (4–103: PAD-NAS in the learned space to 46, in the hand space to 90, stand-alone training after), the retraining (104–109). */
const WITH_PAYOFF: AutoSpaceConfig = { ...SMALL, iterations: 1, payoff: true, payoffPadnas: PADNAS };

describe('AutoSpace-style checkpoints inside the payoff (PAD-NAS hosted through loadMethod, saved through its own checkpoint)', () => {
  const cases: [string, number][] = [
    ['inside the PAD-NAS search in the learned space', 20],
    ['inside the PAD-NAS search in the hand-designed space', 60],
    ['in the stand-alone part, the stage ahead of the payoff units', 92],
    ['inside a front network\'s stand-alone training', 96],
    ['after the payoff, before the retraining', 103],
  ];
  for (const [name, k] of cases) {
    it(`${name} (unit ${k}): restored in a fresh run, the same outcome`, async () => {
      const before = liveTensors();
      const { want, got, total } = await compareResumed('autospace', { ...WITH_PAYOFF }, () => createRun({ data, profile: null, loadMethod: loadHostedMethod }, WITH_PAYOFF), k);
      expect(total).toBe(109);
      expectSame(got, want);
      expect((got.extras as { payoff: { learned: unknown[] } | null }).payoff?.learned.length).toBeGreaterThan(0);
      expect(liveTensors()).toBe(before);
    }, 180_000);
  }

  it('inside a payoff unit (step() returned between two of the stage\'s units): restored in a fresh run, the same outcome', async () => {
    // Longer stand-alone trainings: the stage plans more units than the run has payoff units, so a unit holds two or
    // three of the stage's and step() returns part way through it.
    const config: AutoSpaceConfig = { ...WITH_PAYOFF, standaloneSteps: 30 };
    const steps: number[] = [];
    const probe = createRun({ data, profile: null, loadMethod: loadHostedMethod }, config);
    try {
      const total = probe.start().totalSteps;
      for (let done = 0; done < total; ) {
        done = (await probe.step()).done;
        steps.push(done);
      }
      await probe.finish();
    } finally {
      probe.dispose();
    }
    // Some calls in the payoff leave `done` as it was; `done` never moves by more than one.
    expect(steps.length).toBeGreaterThan(steps.at(-1) ?? 0);
    expect(steps.every((d, i) => d - (i > 0 ? steps[i - 1] : 0) <= 1)).toBe(true);
    const k = 80;
    const extra = steps.indexOf(k + 1) - steps.indexOf(k) - 1; // calls inside unit k + 1 before it ends
    expect(extra).toBeGreaterThan(0);
    const before = liveTensors();
    const { want, got, checkpointDone } = await compareResumed('autospace', { ...config }, () => createRun({ data, profile: null, loadMethod: loadHostedMethod }, config), k, extra);
    expect(checkpointDone).toBe(k); // taken inside unit k + 1
    expectSame(got, want);
    expect(liveTensors()).toBe(before);
  }, 240_000);
});
