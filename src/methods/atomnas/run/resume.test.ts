import { beforeAll, describe, expect, it } from 'vitest';
import { liveTensors, syntheticData, useCpuBackend } from '../../../engine/testing';
import { comparable, compareResumed } from '../../resumeTesting';
import type { MethodContext } from '../../runTypes';
import { atomnasPreset, type AtomNasSettings } from '../settings';
import type { AtomNasRecordFields } from '../snapshot';
import { createRun } from './index';
import { readResumeState } from './resume';

beforeAll(useCpuBackend);

const data = syntheticData(240, 4, 8, 3);
const ctx: MethodContext = { data, profile: null };

/** run.test.ts's small supernet: ρ strong enough that atoms die within a few steps. */
function settings(patch: Partial<AtomNasSettings> = {}): AtomNasSettings {
  return { ...atomnasPreset('tiny'), width: 0.5, epochs: 2, batchSize: 16, trainLimit: 0, rho: 0.5, rampFrac: 0.05, shrinkEvery: 3, emaDecay: 0.5, bnRecalBatches: 2, lr: 0.03, ...patch };
}

describe('AtomNAS checkpoints (issue 16 §1: a resumed search ends exactly as the uninterrupted one)', () => {
  const cases: [string, Partial<AtomNasSettings>, number][] = [
    ['EMA on, after shrinks and an epoch end', { emaDecay: 0.5 }, 14],
    ['EMA off, target mode (ρ controller)', { emaDecay: 0, targetMode: true, targetMacs: 0.5 }, 10],
  ];
  for (const [name, patch, k] of cases) {
    it(`${name}: stopped after ${k} steps, restored in a fresh run (the shrunk network rebuilt), the same outcome`, async () => {
      const s = settings(patch);
      const before = liveTensors();
      const { want, got, total } = await compareResumed('atomnas', { ...s }, () => createRun(ctx, s), k);
      expect(k).toBeLessThan(total);
      const events = (want.extras as unknown as AtomNasRecordFields).events;
      // The resumed run must have rebuilt a shrunk network: at least one shrink before k.
      expect(events.filter((e) => e.step <= k).length).toBeGreaterThan(0);
      expect(comparable(got)).toEqual(comparable(want));
      expect(liveTensors()).toBe(before);
    });
  }

  it('refuses a checkpoint of other settings (its shrinks give another network) and a run that has stepped', async () => {
    const s = settings();
    const run = createRun(ctx, s);
    run.start();
    for (let i = 0; i < 12; i++) await run.step();
    const cp = await run.checkpoint();
    expect((cp.state as { plans: unknown[] }).plans.length).toBeGreaterThan(0);
    expect(() => run.restore(cp)).toThrow(/needs a fresh run/);
    const wider = createRun(ctx, settings({ width: 0.75 }));
    wider.start();
    expect(() => wider.restore(cp)).toThrow(/shrinks do not give its architecture/);
    const noEma = createRun(ctx, settings({ emaDecay: 0 }));
    noEma.start();
    expect(() => noEma.restore(cp)).toThrow(/EMA on/);
    expect(() => readResumeState({ v: 1 })).toThrow(/not one of an AtomNAS search/);
    for (const r of [run, wider, noEma]) r.dispose();
  });
});
