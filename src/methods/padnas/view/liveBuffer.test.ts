import { describe, expect, it } from 'vitest';
import type { PadNasSnapshot, PadNasWindow } from '../snapshot';
import { PadNasLive, readoutValues } from './liveBuffer';

const WINDOW: PadNasWindow = { lo: 2e5, hi: 4e5, unit: 'MACs', profileName: null, min: 1e5, max: 5e5 };

function snap(over: Partial<PadNasSnapshot>): PadNasSnapshot {
  return {
    step: 1,
    totalSteps: 10,
    phase: 'train',
    phaseLabel: 'supernet training (stage 1)',
    ops: ['k3e3', 'skip'],
    allowed: [[true, true]],
    space: [['k3e3', 'skip']],
    shares: [[Number.NaN, Number.NaN]],
    stages: [],
    spaceLog10: [0.3],
    window: WINDOW,
    population: null,
    ranking: { before: [], after: [], tauBefore: Number.NaN, tauAfter: Number.NaN },
    loss: 2.5,
    ...over,
  };
}

const pop = (round: number, generation: number, acc: number) => ({ round, generation, points: [{ genotype: ['k3e3'], acc, latency: 3e5, rank: 0 }] });

describe('PAD-NAS live buffer', () => {
  it('keeps one entry per generation (the latest points of each) and the last finite loss', () => {
    const live = new PadNasLive();
    let calls = 0;
    live.subscribe(() => calls++);
    live.apply(snap({}));
    live.apply(snap({ phase: 'search', population: pop(1, 0, 0.5), loss: Number.NaN }));
    live.apply(snap({ phase: 'search', population: pop(1, 0, 0.6), loss: Number.NaN }));
    live.apply(snap({ phase: 'search', population: pop(1, 1, 0.7), loss: Number.NaN }));
    expect(calls).toBe(4);
    expect(live.generations.map((g) => [g.key, g.points[0].acc])).toEqual([
      ['1.0', 0.6],
      ['1.1', 0.7],
    ]);
    expect(live.loss).toBe(2.5);
    expect(readoutValues(live, null)).toEqual({ phase: 'supernet training (stage 1)', rounds: '0', window: '200 k MACs … 400 k MACs', unit: 'MACs (no device profile)', loss: '2.500' });
  });

  it('forgets everything when a new run starts (null); the window comes from Start until the first snapshot', () => {
    const live = new PadNasLive();
    live.apply(snap({ population: pop(1, 0, 0.5) }));
    live.apply(null);
    expect(live.snap).toBeNull();
    expect(live.generations).toEqual([]);
    expect(readoutValues(live, null)).toMatchObject({ phase: '–', window: '–', unit: '–', loss: '–' });
    const ms: PadNasWindow = { ...WINDOW, lo: 1.5, hi: 2.25, unit: 'ms', profileName: 'laptop' };
    expect(readoutValues(live, ms)).toMatchObject({ window: '1.500 ms … 2.250 ms', unit: 'predicted, profile laptop' });
  });
});
