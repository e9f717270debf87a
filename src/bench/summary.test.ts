import { describe, expect, it } from 'vitest';
import { atLeast, atMost, imagesPerSecond, macsSegments, macsTrend, memoryVerdict, responsiveness, sideBySide, summarizeSteps, type MemoryReading } from './summary';

describe('bench summary', () => {
  it('summarises steps after the warm-up and ignores non-finite times', () => {
    const s = summarizeSteps([900, 10, 12, Number.NaN, 14], 1);
    expect(s).toEqual({ n: 3, medianMs: 12, madMs: 2 });
    expect(summarizeSteps([5], 1).n).toBe(0);
    expect(Number.isNaN(summarizeSteps([], 0).medianMs)).toBe(true);
  });

  it('converts a step time into images per second', () => {
    expect(imagesPerSecond(32, 500)).toBe(64);
    expect(Number.isNaN(imagesPerSecond(32, 0))).toBe(true);
  });

  it('compares interleaved blocks: speedup > 1 when the first contender is faster', () => {
    const r = sideBySide([[10, 10], [12, 10]], [[20, 20], [20, 22]]);
    expect(r.a.medianMs).toBe(10);
    expect(r.b.medianMs).toBe(20);
    expect(r.speedup).toBe(2);
    expect(r.slowdown).toBe(0.5);
    // a warm-up per block drops each block's first step
    expect(sideBySide([[100, 10]], [[100, 20]], 1).speedup).toBe(2);
  });

  it('splits a search into constant-MACs stretches and follows step time against MACs', () => {
    const points = [
      { step: 1, macs: 300, ms: 90 },
      { step: 2, macs: 300, ms: 30 },
      { step: 3, macs: 300, ms: 32 },
      { step: 4, macs: 200, ms: 60 },
      { step: 5, macs: 200, ms: 20 },
      { step: 6, macs: 200, ms: 22 },
      { step: 7, macs: 100, ms: 50 },
      { step: 8, macs: 100, ms: 10 },
      { step: 9, macs: 100, ms: 12 },
    ];
    const segs = macsSegments(points);
    expect(segs.map((s) => [s.macs, s.fromStep, s.steps, s.firstMs, s.medianMs])).toEqual([
      [300, 1, 3, 90, 31],
      [200, 4, 3, 60, 21],
      [100, 7, 3, 50, 11],
    ]);
    const t = macsTrend(points);
    // the compiling first step of each stretch is left out; the remaining six follow MACs (tied in pairs: ρ < 1)
    expect(t.n).toBe(6);
    expect(t.spearman).toBeCloseTo(0.9562, 3);
    expect(t.lastOverFirst).toBeCloseTo(11 / 31, 10);
    expect(t.macsLastOverFirst).toBeCloseTo(1 / 3, 10);
    expect(Number.isNaN(macsTrend(points.slice(0, 3)).spearman)).toBe(true); // MACs never changed
  });

  it('summarises long tasks and frames', () => {
    const r = responsiveness([51, 120, 50], [0, 16, 33, 50, 150], 1000);
    expect(r.longestTaskMs).toBe(120);
    expect(r.tasksOver50).toBe(2);
    expect(r.fps).toBe(5);
    expect(r.worstFrameMs).toBe(100);
    expect(responsiveness([], [], 1000)).toMatchObject({ longestTaskMs: 0, tasksOver50: 0, fps: 0 });
  });

  it('judges memory: equal tensor counts and bounded GPU bytes', () => {
    const r = (steps: number, numTensors: number, alloc: number | null, numBytes = 1000): MemoryReading => ({ steps, numTensors, numBytes, gpuBytesUsed: alloc, gpuBytesAllocated: alloc });
    expect(memoryVerdict(r(50, 120, 1000), r(500, 120, 1050))).toEqual({ tensorsEqual: true, bytesRatio: 1.05, bounded: true });
    expect(memoryVerdict(r(50, 120, 1000), r(500, 121, 2000))).toMatchObject({ tensorsEqual: false, bounded: false });
    // without a GPU pool the tensor bytes are compared
    expect(memoryVerdict(r(50, 1, null, 100), r(500, 1, null, 100)).bytesRatio).toBe(1);
  });

  it('checks goals and leaves missing values undecided', () => {
    expect(atLeast(1.2, 1)).toBe(true);
    expect(atLeast(0.9, 1)).toBe(false);
    expect(atLeast(null, 1)).toBeNull();
    expect(atMost(1.04, 1.05)).toBe(true);
    expect(atMost(Number.NaN, 1.05)).toBeNull();
  });
});
