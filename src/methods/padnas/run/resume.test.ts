import { beforeAll, describe, expect, it, vi } from 'vitest';
import { Trainer } from '../../../engine/trainer';
import { liveTensors, syntheticData, useCpuBackend } from '../../../engine/testing';
import { comparable, compareResumed } from '../../resumeTesting';
import type { PadNasSettings } from '../config';
import { createRun } from './index';
import { TINY_SETTINGS } from './testing';
import { readResumeState } from './resume';

/** Every phase in a handful of units: 66 units (supernet 1–6, ranking 7–18, round 1 19–26, fine-tune 27–32, final search 33–40, ranking 41–52, final 53–59, baseline 60–66). */
const SMALL = { ...TINY_SETTINGS, trainBaseline: true } as PadNasSettings;
const data = syntheticData(160, 4, 8, 1);


describe('PAD-NAS checkpoints (issue 16 §1: a resumed search ends exactly as the uninterrupted one)', () => {
  beforeAll(useCpuBackend);

  // 11: a ranking training in progress; 21: inside a search round; 29: fine-tuning the pruned supernet; 45: the ranking
  // after pruning; 55: the final training in progress; 62: the baseline in progress, the final network finished.
  for (const k of [11, 21, 29, 45, 55, 62]) {
    it(`stopped after ${k} units, checkpointed through bytes, restored in a fresh run: the same outcome`, async () => {
      const before = liveTensors();
      const { want, got, total } = await compareResumed('padnas', { ...SMALL }, () => createRun({ data, profile: null }, SMALL), k);
      expect(total).toBe(66);
      expect(comparable(got, ['phaseSeconds'])).toEqual(comparable(want, ['phaseSeconds']));
      expect(liveTensors()).toBe(before);
    });
  }

  it('a restore replays the plan without training or evaluating anything again', async () => {
    const run = createRun({ data, profile: null }, SMALL);
    run.start();
    for (let i = 0; i < 58; i++) await run.step();
    const cp = await run.checkpoint();
    const again = createRun({ data, profile: null }, SMALL);
    again.start();
    const steps = vi.spyOn(Trainer.prototype, 'trainStep');
    const evals = vi.spyOn(Trainer.prototype, 'evaluate');
    try {
      await again.restore(cp);
      expect(steps).not.toHaveBeenCalled();
      expect(evals).not.toHaveBeenCalled();
    } finally {
      steps.mockRestore();
      evals.mockRestore();
      run.dispose();
      again.dispose();
    }
  });

  it('refuses the checkpoint of other settings, a run that has stepped, and a state of another version', async () => {
    const run = createRun({ data, profile: null }, SMALL);
    run.start();
    for (let i = 0; i < 8; i++) await run.step();
    const cp = await run.checkpoint();
    // Another seed draws other paths: the replay does not land on the checkpoint.
    const other = createRun({ data, profile: null }, { ...SMALL, seed: SMALL.seed + 1 });
    other.start();
    await expect(other.restore(cp)).rejects.toThrow(/other settings or data/);
    await expect(run.restore(cp)).rejects.toThrow(/needs a fresh run/);
    const fresh = createRun({ data, profile: null }, SMALL);
    fresh.start();
    await expect(fresh.restore({ done: 70, state: cp.state })).rejects.toThrow(/at unit 70; this search has 66/);
    expect(() => readResumeState({ v: 2 })).toThrow(/not one of a PAD-NAS search/);
    for (const r of [run, other, fresh]) r.dispose();
  });
});
