import { describe, expect, it } from 'vitest';
import { heapWithoutCode, searchFlatness, soakDrift, soakRows, summariseHeapSnapshot, type SoakSample } from './soak';

const reading = (step: number, v: Partial<SoakSample> = {}): SoakSample => ({
  step,
  atMs: step * 100,
  numTensors: 80,
  numBytes: 1000,
  dataIds: 80,
  gpuBuffers: 400,
  gpuBytes: 1_000_000,
  gpuUsedBytes: 10_000,
  heapBytes: 7_000_000,
  constScalars: 12,
  ...v,
});

const byKey = <T extends { key: string }>(xs: T[], key: string): T => {
  const x = xs.find((d) => d.key === key);
  if (!x) throw new Error(key);
  return x;
};

describe('soak verdicts', () => {
  it('part A: drift against the warm-up reading, before warm-up ignored', () => {
    const s = [reading(0, { numTensors: 10, heapBytes: 1e6 }), reading(50), reading(100, { heapBytes: 7_350_000 }), reading(150, { heapBytes: 7_700_001 })];
    const d = soakDrift(s, 50);
    expect(byKey(d, 'numTensors')).toMatchObject({ warm: 80, max: 80, end: 80, maxDriftPct: 0, pass: true });
    const heap = byKey(d, 'heapBytes');
    expect(heap.warm).toBe(7_000_000);
    expect(heap.maxStep).toBe(150);
    expect(heap.maxDriftPct).toBeCloseTo(10, 3);
    expect(heap.pass).toBe(false);
    expect(byKey(soakDrift([reading(0), reading(50, { gpuBuffers: null })], 50), 'gpuBuffers').pass).toBeNull();
  });

  it('part B: stretches between shrinks; a pool that ratchets up from one shrink to the next fails', () => {
    const s = [
      reading(1, { events: 0, gpuBytes: 2_000_000, numTensors: 375 }),
      reading(2, { events: 0, gpuBytes: 2_400_000, numTensors: 375 }),
      reading(3, { events: 1, gpuBytes: 3_000_000, numTensors: 376 }),
      reading(4, { events: 1, gpuBytes: 3_100_000, numTensors: 376 }),
      reading(5, { events: 2, gpuBytes: 2_500_000, numTensors: 376 }),
    ];
    const f = searchFlatness(s, 1);
    const pool = byKey(f, 'gpuBytes');
    expect(pool.stretches.map((t) => t.peak)).toEqual([2_400_000, 3_100_000, 2_500_000]);
    expect(pool.withinChecked).toBe(false);
    expect(pool.stretches[1].notAboveEarlier).toBe(false);
    expect(pool.stretches[2].notAboveEarlier).toBe(true); // compared with the largest earlier peak
    expect(pool.pass).toBe(false);
    expect(pool.worstAcrossPct).toBeCloseTo(29.17, 1);
    const tensors = byKey(f, 'numTensors');
    expect(tensors.pass).toBe(true);
    // Within a stretch (fixed architecture) counters other than the pool must stay flat.
    const growing = searchFlatness([reading(1, { events: 0 }), reading(2, { events: 0, heapBytes: 8_000_000 })], 1);
    expect(byKey(growing, 'heapBytes').pass).toBe(false);
  });

  it('rows: one per counter and part, tensors left after dispose net of the cached constants', () => {
    const train = {
      spec: { name: 'soak net', macs: 1000, layers: 'conv' },
      input: '8×8×1',
      batch: 16,
      steps: 100,
      warmup: 50,
      samples: [reading(0, { numTensors: 0, constScalars: 0 }), reading(50), reading(100)],
      afterDispose: reading(100, { numTensors: 12 }),
      stepMs: [500, 520, 510],
      totalMs: 60_000,
    };
    const rows = soakRows({ forcedGc: true, train, search: null }, 'webgpu', 'npm run bench -- --only soak');
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.figure === 'soak' && r.command === 'npm run bench -- --only soak')).toBe(true);
    const left = rows[rows.length - 1];
    expect(left.value).toBe(0);
    expect(left.pass).toBe(true);
    expect(rows[0].detail).toContain('warm-up (step 50) 80');
  });

  it('heap snapshots: self size per node type, and without compiled code', () => {
    const snap = {
      snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'], node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure']] } },
      nodes: [3, 0, 1, 100, 0, 4, 0, 2, 500, 0, 1, 0, 3, 40, 0, 3, 0, 4, 60, 0],
    };
    const h = summariseHeapSnapshot(snap, 50);
    expect(h).toEqual({ step: 50, totalBytes: 700, byType: { object: 160, code: 500, array: 40 } });
    expect(heapWithoutCode(h)).toBe(200);
    expect(() => summariseHeapSnapshot({}, 1)).toThrow(/heap snapshot/);
  });
});
