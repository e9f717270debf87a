import { describe, expect, it } from 'vitest';
import type { LatencyProfile } from '../../core/latency/profileSchema';
import { modeParams, planLut } from '../../core/latency/plan';
import { modeSummary } from './modes';

const opts = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, tiny: true, width: 1 };

describe('modeSummary: what quick and full profiles measure and how long they take', () => {
  it('counts from the plan; a full profile measures more and takes longer', () => {
    const q = modeSummary('reduced', opts, []);
    const f = modeSummary('full', opts, []);
    expect(q.entries).toBe(planLut({ ...opts, mode: 'reduced' }).length);
    expect(q.networks).toBe(modeParams('reduced').supernetNets + modeParams('reduced').chainNets);
    expect(f.entries).toBeGreaterThan(q.entries);
    expect(f.networks).toBeGreaterThan(q.networks);
    expect(q.what).toMatch(/held out to judge the predictor: too few to judge it well/);
    expect(f.what).not.toMatch(/too few/);
    expect(q.time).toMatch(/^at least \d+ (s|min)/);
  });
  it('says how long the last stored profile of that mode took', () => {
    const p = (mode: 'full' | 'reduced', createdAt: string, durationMs: number, partial = false) =>
      ({ settings: { mode, tiny: true }, createdAt, durationMs, partial }) as unknown as LatencyProfile;
    const stored = [p('reduced', '2026-01-01T00:00:00Z', 60_000), p('reduced', '2026-02-01T00:00:00Z', 125_000), p('reduced', '2026-03-01T00:00:00Z', 5_000, true), p('full', '2026-01-01T00:00:00Z', 900_000)];
    expect(modeSummary('reduced', opts, stored).time).toBe('took 2 min 5 s last time');
    expect(modeSummary('full', opts, stored).time).toBe('took 15 min 0 s last time');
    expect(modeSummary('full', { ...opts, tiny: false }, stored).time).toMatch(/^at least/);
  });
});
