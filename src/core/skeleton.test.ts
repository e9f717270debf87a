import { describe, expect, it } from 'vitest';
import { archCosts, validateArchSpec } from './costs';
import { SKELETON_SLOTS, baselineSpec, buildSkeleton, scaleChannels, scaleHead, supernetSpec } from './skeleton';

const input = { height: 28, width: 28, channels: 1 };

/** Round-trip through JSON and the validator: every builder output must be a valid spec. */
function valid<T>(spec: T): T {
  validateArchSpec(JSON.parse(JSON.stringify(spec)));
  return spec;
}

describe('skeleton', () => {
  it('has the seven METHODS §0 slots', () => {
    expect(SKELETON_SLOTS.map((s) => [s.cout, s.stride])).toEqual([
      [16, 2], [16, 1], [24, 2], [24, 1], [32, 1], [32, 1], [48, 2],
    ]);
  });

  it('baseline: stem 8, fixed MB e1 (no expand, residual), MB k3 e3 slots, head 128, gap, dense', () => {
    const s = valid(baselineSpec({ input, numClasses: 10 }));
    expect(s.layers).toHaveLength(12);
    expect(s.layers[0]).toEqual({ type: 'conv', cin: 1, cout: 8, k: 3, stride: 1, relu: true });
    expect(s.layers[1]).toEqual({ type: 'mb', cin: 8, cout: 8, stride: 1, branches: [{ k: 3, hidden: 8 }], residual: true, expand: false });
    expect(s.layers[2]).toEqual({ type: 'mb', cin: 8, cout: 16, stride: 2, branches: [{ k: 3, hidden: 24 }], residual: false });
    expect(s.layers[3]).toMatchObject({ cin: 16, cout: 16, stride: 1, branches: [{ k: 3, hidden: 48 }], residual: true });
    expect(s.layers.filter((l) => l.type === 'mb' && l.residual).length).toBe(4); // fixed + (16,1) (24,1) (32,1)#2
    expect(s.layers[9]).toEqual({ type: 'conv', cin: 48, cout: 128, k: 1, stride: 1, relu: true });
    expect(s.layers[10]).toEqual({ type: 'gap' });
    expect(s.layers[11]).toEqual({ type: 'dense', cin: 128, cout: 10 });
  });

  // Measured: supernet 7,610,880 MACs / 127,682 params; baseline k3 e3 2,156,544 MACs / 39,602 params.
  it('full supernet ≈ 7.6 M MACs and all-k3/e3 ≈ 2.2 M (METHODS §0), within ±15 %', () => {
    const sup = archCosts(valid(supernetSpec({ input, numClasses: 10 })));
    const base = archCosts(valid(baselineSpec({ input, numClasses: 10 })));
    expect(sup.macs).toBe(7_610_880);
    expect(base.macs).toBe(2_156_544);
    expect(Math.abs(sup.macs / 7.6e6 - 1)).toBeLessThan(0.15);
    expect(Math.abs(base.macs / 2.2e6 - 1)).toBeLessThan(0.15);
  });

  // Measured single paths: k3 e1 893,952 MACs; k7 e6 6,431,232 (METHODS: "0.9–6.4 M").
  it('single-path extremes span ≈ 0.9–6.4 M MACs', () => {
    const lo = archCosts(valid(baselineSpec({ input, numClasses: 10, kernel: 3, expansion: 1 }))).macs;
    const hi = archCosts(valid(baselineSpec({ input, numClasses: 10, kernel: 7, expansion: 6 }))).macs;
    expect(Math.abs(lo / 0.9e6 - 1)).toBeLessThan(0.15);
    expect(Math.abs(hi / 6.4e6 - 1)).toBeLessThan(0.15);
  });

  // Measured tiny: supernet 2,194,200 (3.47× fewer), baseline 616,776 (3.50× fewer); the 7×7→4×4 tail shrinks less than 4×.
  it('tiny (stem stride 2) is roughly 4× cheaper and keeps the params', () => {
    for (const make of [supernetSpec, baselineSpec]) {
      const full = archCosts(make({ input, numClasses: 10 }));
      const tiny = archCosts(valid(make({ input, numClasses: 10, tiny: true })));
      const ratio = full.macs / tiny.macs;
      expect(ratio).toBeGreaterThan(3.2);
      expect(ratio).toBeLessThan(4.5);
      expect(tiny.params).toBe(full.params);
      expect(tiny.layers[tiny.layers.length - 3].outShape).toEqual([2, 2, 128]);
    }
  });

  it('supernet: one branch per kernel, hidden = e·cin, per-kernel expansion record', () => {
    const s = valid(supernetSpec({ input, numClasses: 10 }));
    expect(s.layers[2]).toMatchObject({ branches: [{ k: 3, hidden: 24 }, { k: 5, hidden: 24 }, { k: 7, hidden: 24 }] });
    const r = valid(supernetSpec({ input, numClasses: 10, kernels: [3, 5], expansion: { 3: 6, 5: 3 } }));
    expect(r.layers[4]).toMatchObject({ cin: 16, branches: [{ k: 3, hidden: 96 }, { k: 5, hidden: 48 }] });
    expect(() => supernetSpec({ input, numClasses: 10, kernels: [3, 7], expansion: { 3: 6 } })).toThrow(/kernel 7/);
  });

  it('width multiplier scales body (min 4) and head (min 16)', () => {
    expect(scaleChannels(8, 0.25)).toBe(4);
    expect(scaleChannels(24, 0.5)).toBe(12);
    expect(scaleChannels(48, 1.5)).toBe(72);
    expect(scaleHead(0.1)).toBe(16);
    expect(scaleHead(0.5)).toBe(64);
    const s = valid(baselineSpec({ input, numClasses: 10, width: 0.5 }));
    expect(s.layers[0]).toMatchObject({ cout: 4 });
    expect(s.layers[8]).toMatchObject({ cin: 16, cout: 24, branches: [{ k: 3, hidden: 48 }] });
    expect(s.layers[9]).toMatchObject({ cout: 64 });
    // 0.25 collapses 8 and 16 to 4: slot (16,2) becomes 4→4 at stride 2 (no residual), (16,1) 4→4 residual.
    const q = valid(baselineSpec({ input, numClasses: 10, width: 0.25 }));
    expect(q.layers[2]).toMatchObject({ cin: 4, cout: 4, stride: 2, residual: false });
    expect(q.layers[3]).toMatchObject({ cin: 4, cout: 4, stride: 1, residual: true });
    expect(() => baselineSpec({ input, numClasses: 10, width: 0 })).toThrow(RangeError);
  });

  it('buildSkeleton accepts any per-slot layer (e.g. PAD-NAS skip) and other inputs', () => {
    const s = valid(
      buildSkeleton({
        input: { height: 32, width: 32, channels: 3 },
        numClasses: 100,
        name: 'skips',
        fill: (_i, cin, cout, stride) =>
          stride === 1 && cin === cout
            ? { type: 'skip', cin, cout }
            : { type: 'sepconv', cin, cout, k: 3, stride },
      }),
    );
    expect(s.layers.filter((l) => l.type === 'skip')).toHaveLength(3);
    expect(s.layers[0]).toMatchObject({ cin: 3 });
    expect(s.meta).toMatchObject({ width: 1, tiny: false });
  });
});
