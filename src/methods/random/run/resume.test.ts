import { beforeAll, describe, expect, it } from 'vitest';
import { liveTensors, syntheticData, useCpuBackend } from '../../../engine/testing';
import { comparable, compareResumed } from '../../resumeTesting';
import { RANDOM_PRESETS, type RandomConfig } from '../config';
import { createRun } from './index';
import { readResumeState } from './resume';

const SMALL: RandomConfig = { ...RANDOM_PRESETS.tiny, width: 0.25, samples: 3, steps: 4, finalEpochs: 1, trainLimit: 0, batchSize: 16, windowLo: 0, windowHi: 1 };
const data = syntheticData(160, 4, 8, 1);

describe('random search checkpoints (issue 16 §1: a resumed search ends exactly as the uninterrupted one)', () => {
  beforeAll(useCpuBackend);

  // k = 6: inside the second candidate; k = 12: every candidate scored, before the retraining; k = 15: inside it.
  for (const k of [6, 12, 15]) {
    it(`stopped after ${k} steps, checkpointed through bytes, restored in a fresh run: the same outcome`, async () => {
      const before = liveTensors();
      const { want, got, total } = await compareResumed('random', { ...SMALL }, () => createRun({ data, profile: null }, SMALL), k);
      expect(k).toBeLessThan(total);
      expect(comparable(got)).toEqual(comparable(want));
      expect(liveTensors()).toBe(before);
    });
  }

  it('refuses the state of a run that drew other architectures, and a run that has stepped', async () => {
    const run = createRun({ data, profile: null }, SMALL);
    run.start();
    await run.step();
    const cp = await run.checkpoint();
    const other = createRun({ data, profile: null }, { ...SMALL, seed: 2 });
    other.start();
    expect(() => other.restore(cp)).toThrow(/drew other architectures/);
    expect(() => run.restore(cp)).toThrow(/needs a fresh run/);
    expect(() => readResumeState({ v: 2 }, [])).toThrow(/not one of a random search/);
    run.dispose();
    other.dispose();
  });
});
