import { beforeAll, describe, expect, it } from 'vitest';
import { liveTensors, syntheticData, useCpuBackend } from '../../../engine/testing';
import { comparable, compareResumed } from '../../resumeTesting';
import { EGNAS_PRESETS, type EgnasConfig } from '../config';
import { createRun } from './index';
import { readResumeState } from './resume';

/** run.test.ts's small search: 8 candidates (steps 1–72), 6 ranking trainings (85–150), the baseline (151–174), the retraining (175–198). */
const SMALL: EgnasConfig = {
  ...EGNAS_PRESETS.tiny, tinyStem: false, Lmin: 2, Lmax: 3, Cmin: 2, Cmax: 4, widthStep: 2, startEpochs: 1, microEpochs: 1,
  rankCandidates: 2, rankFixedEpochs: 1, rankRefEpochs: 3, trainLimit: 0, batchSize: 16, paramTol: 0.1,
};
const data = syntheticData(160, 4, 8, 1);

beforeAll(useCpuBackend);

describe('Efficient Global NAS checkpoints (issue 16 §1: a resumed run ends exactly as the uninterrupted one)', () => {
  const cases: [string, number][] = [
    ['inside a width candidate', 30],
    ['after the last candidate, before the search ends', 72],
    ['inside a ranking training', 100],
    ['inside the baseline', 160],
    ['at the baseline\'s end (its network kept for the test)', 174],
    ['inside the retraining, the trained baseline waiting for its test', 185],
  ];
  for (const [name, k] of cases) {
    it(`${name} (step ${k}): restored in a fresh run, the same outcome`, async () => {
      const before = liveTensors();
      const { want, got, total } = await compareResumed('egnas', { ...SMALL }, () => createRun({ data, profile: null }, SMALL), k);
      expect(k).toBeLessThan(total);
      expect(comparable(got)).toEqual(comparable(want));
      expect(liveTensors()).toBe(before);
    }, 60_000);
  }

  it('a restored run reports the same work for the time left as the uninterrupted one, in every stage', async () => {
    const byDone = new Map<number, unknown>();
    const a = createRun({ data, profile: null }, SMALL);
    const total = a.start().totalSteps;
    for (let done = 0; done < total; ) {
      const st = await a.step();
      done = st.done;
      byDone.set(done, st.work);
    }
    a.dispose();
    for (const k of [30, 72, 100, 160, 174, 185]) {
      const b = createRun({ data, profile: null }, SMALL);
      b.start();
      while ((await b.step()).done < k);
      const cp = await b.checkpoint();
      b.dispose();
      const c = createRun({ data, profile: null }, SMALL);
      c.start();
      c.restore(cp);
      const st = await c.step();
      expect(st.work).toEqual(byDone.get(st.done));
      c.dispose();
    }
  }, 60_000);

  it('refuses a checkpoint that does not fit and a run that has stepped', async () => {
    const run = createRun({ data, profile: null }, SMALL);
    run.start();
    while ((await run.step()).done < 20);
    const cp = await run.checkpoint();
    expect(() => run.restore(cp)).toThrow(/needs a fresh run/);
    const other = createRun({ data, profile: null }, SMALL);
    other.start();
    const st = cp.state as { rows: unknown[]; reports: unknown[] };
    expect(() => other.restore({ ...cp, state: { ...st, rows: st.rows.slice(1) } })).toThrow(/has 1 ranking chains; this run has 2/);
    // More results than this search asks for (e.g. another depth range): refused, not replayed into nonsense.
    expect(() => other.restore({ ...cp, state: { ...st, reports: Array(50).fill(0.5) } })).toThrow(/reports more candidates than this search asks for/);
    expect(() => readResumeState({ v: 1 }, 2)).toThrow(/not one of an Efficient Global NAS run/);
    run.dispose();
    other.dispose();
  });
});
