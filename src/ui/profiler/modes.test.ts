import { describe, expect, it } from 'vitest';
import type { LatencyProfile } from '../../core/latency/profileSchema';
import { modeParams, planLut } from '../../core/latency/plan';
import { cellPartsSummary, modeSummary } from './modes';

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
  it('cell parts: counted from the plan in both modes, timed honestly, and the mode summary includes them when ticked', () => {
    for (const mode of ['reduced', 'full'] as const) {
      const c = cellPartsSummary(mode, opts, []);
      expect(c.entries).toBe(planLut({ ...opts, mode, cells: true }).length - planLut({ ...opts, mode }).length);
      expect(c.entries).toBe(196);
      expect(c.networks).toBe(modeParams(mode).cellNets);
      // (196 entries + 4 or 6 cell networks) × (3 warm-ups + 21 samples) × ≥ 5 ms
      expect(c.time).toBe('at least 24 s, more on a slow device'); // 24 s, 24.2 s
      const m = modeSummary(mode, { ...opts, cells: true }, []);
      expect(m.entries).toBe(modeSummary(mode, opts, []).entries + 196);
      expect(m.what).toMatch(/ops at their shapes \(196 of them AutoSpace-style cell parts\)/);
      expect(m.networks).toBe(modeSummary(mode, opts, []).networks + modeParams(mode).cellNets);
      expect(m.what).toMatch(new RegExp(`; ${modeParams(mode).cellNets} cell networks, never fitted, check how cells are priced\\)$`));
      expect(modeSummary(mode, opts, []).what).not.toMatch(/cell parts/);
    }
    // At the pace of the last quick profile here: 60 s for (10 entries + 2 networks) × 24 units → (196 + 4) × 24 units = 16 min 40 s.
    const last = {
      settings: { mode: 'reduced', tiny: true }, createdAt: '2026-01-01T00:00:00Z', durationMs: 60_000, partial: false,
      lut: Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, {}])), e2e: [{}, {}],
    } as unknown as LatencyProfile;
    expect(cellPartsSummary('reduced', opts, [last]).time).toBe('about 16 min 40 s at the pace of the last quick profile');
    // A profile without cell parts does not time one with them (and the other way round).
    expect(modeSummary('reduced', { ...opts, cells: true }, [last]).time).toMatch(/^at least/);
    expect(modeSummary('reduced', opts, [last]).time).toBe('took 1 min 0 s last time');
    const withCells = { ...last, settings: { mode: 'reduced', tiny: true, cells: true } } as unknown as LatencyProfile;
    expect(modeSummary('reduced', { ...opts, cells: true }, [withCells]).time).toBe('took 1 min 0 s last time');
  });
});
