import { describe, expect, it } from 'vitest';
import { checkReport, type CheckInput } from './checkReport';

const base: CheckInput = { step: 50, threshold: 1e-3, live: [], ema: null, removable: 0, removableMacs: 0, minMacs: 10_000, triggered: false };

describe('checkReport: why a shrink check removed atoms or not', () => {
  it('counts dead gates in the live and EMA weights and in both', () => {
    const r = checkReport({ ...base, live: [[0, 0, 0.5], [0, 1]], ema: [[0, 0.2, 0.5], [0.0005, 0]] });
    expect(r).toMatchObject({ step: 50, deadLive: 3, deadEma: 3, deadBoth: 2, removed: false });
  });

  it('dead in the live weights only: waits for the EMA (the "475 at exactly 0, 5 removed" case)', () => {
    const r = checkReport({ ...base, live: [[0, 0, 0]], ema: [[0.1, 0.1, 0.1]] });
    expect(r.deadBoth).toBe(0);
    expect(r.reason).toMatch(/3 atoms are dead in the live weights but none in the EMA weights yet/);
  });

  it('dead in both but below the MACs threshold: says both numbers', () => {
    const r = checkReport({ ...base, live: [[0, 0, 0]], ema: [[0, 0, 0.3]], removable: 2, removableMacs: 4200 });
    expect(r.reason).toMatch(/2 atoms are dead in both live and EMA weights \(1 more are dead in the live weights only, waiting for the EMA\), but their 4,200 MACs are below the shrink threshold of 10,000 MACs/);
  });

  it('removed: says how many and why; nothing dead: says so; no EMA: live weights decide', () => {
    expect(checkReport({ ...base, live: [[0, 0]], ema: [[0, 0]], removable: 2, removableMacs: 12_000, triggered: true }).reason).toMatch(
      /^Removed 2 dead atoms: their 12,000 MACs reached the shrink threshold of 10,000 MACs/,
    );
    expect(checkReport({ ...base, live: [[0.5]], ema: [[0.5]] }).reason).toMatch(/no gate is at or below 0.001 yet/);
    const noEma = checkReport({ ...base, live: [[0, 0.5]], removable: 1, removableMacs: 10 });
    expect(noEma.deadEma).toBeNull();
    expect(noEma.deadBoth).toBe(1);
    expect(noEma.reason).toMatch(/1 atoms are dead in the weights, but their 10 MACs are below/);
  });

  it('dead atoms that are each the last of their block are kept', () => {
    expect(checkReport({ ...base, live: [[0]], ema: [[0]], removable: 0 }).reason).toMatch(/last atom of a block without a shortcut/);
  });
});
