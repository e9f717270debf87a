import { describe, expect, it } from 'vitest';
import { syntheticProfile } from '../latency/testProfile';
import { baselineSpec } from '../skeleton';
import { buildRecord } from './buildRecord';
import { resultRecordSchema, type RunCardRecord } from './resultRecord';

const input = { height: 28, width: 28, channels: 1 };
const card: RunCardRecord = {
  seed: 1, backend: 'cpu', adapter: 'test', tfjsVersion: '4.22.0',
  dataset: { name: 'mnist', source: 'builtin', files: [], n: 100, shape: [28, 28, 1], classes: 10 },
  split: { seed: 1, train: 80, val: 10, test: 10 }, settings: {}, wallSeconds: 1, date: '2026-12-02T10:00:00.000Z',
};
const record = (archSpec: ReturnType<typeof baselineSpec>, profile: ReturnType<typeof syntheticProfile> | null) =>
  buildRecord({ runId: 'r', method: 'random', label: 'Random search', card, archSpec, valAccuracy: 0.5, testAccuracy: 0.5, history: [], profile });

describe('the record’s latency', () => {
  it('is predicted with the profile, labelled as such, when the profile prices every op', () => {
    const r = record(baselineSpec({ input, numClasses: 10, tiny: true }), syntheticProfile());
    expect(r.latency).toMatchObject({ profileName: syntheticProfile().name, label: `predicted (profile ${syntheticProfile().name})` });
    expect(r.latencyUnpriced).toBeUndefined();
    expect(resultRecordSchema.safeParse(r).success).toBe(true);
  });

  it('names the profile and the ops it lacks when it cannot price the network (not “no profile”)', () => {
    const r = record(baselineSpec({ input, numClasses: 10, tiny: true, kernel: 7 }), syntheticProfile());
    expect(r.latency).toBeNull();
    expect(r.latencyUnpriced?.profileName).toBe(syntheticProfile().name);
    expect(r.latencyUnpriced?.missing.length).toBeGreaterThan(0);
    expect(r.latencyUnpriced?.missing[0]).toMatch(/k=7/);
    expect(resultRecordSchema.safeParse(r).success).toBe(true);
  });

  it('has neither without a profile', () => {
    const r = record(baselineSpec({ input, numClasses: 10, tiny: true }), null);
    expect(r.latency).toBeNull();
    expect('latencyUnpriced' in r).toBe(false);
  });
});
