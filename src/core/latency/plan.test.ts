import { describe, expect, it } from 'vitest';
import { rngStream } from '../rng';
import { lutKey, specLutOps } from './lutKeys';
import { chainSpec, modeParams, perChannelFamilies, planLut, planNetworks, type PlanOptions } from './plan';

const base = { input: { height: 28, width: 28, channels: 1 }, numClasses: 10, width: 1 };

describe('profile plan', () => {
  it('reduced, tiny: 7 slots × 2 kernels × widths {1,3}·cin + identity ×3 + stem/fixed/head/gap/dense + chain ops', () => {
    const entries = planLut({ ...base, mode: 'reduced', tiny: true });
    const keys = new Set(entries.map((e) => e.key));
    expect(keys.size).toBe(entries.length);
    const slotMb = entries.filter((e) => e.group === 'slot' && e.op.op === 'mb');
    expect(slotMb).toHaveLength(7 * 2 * 2);
    expect(entries.filter((e) => e.op.op === 'skip').map((e) => e.slot)).toEqual([1, 3, 5]);
    expect(entries.filter((e) => e.group === 'skeleton').map((e) => e.op.op)).toEqual(['conv', 'mb', 'conv', 'gap', 'dense']);
    // chain C=8: 5 position kinds × 2 ops × 2 kernels, + stem, gap, dense
    expect(entries.filter((e) => e.group === 'chain')).toHaveLength(5 * 2 * 2 + 3);
  });
  it('full mode has 3 kernels × 4 widths per slot and 3 chain widths', () => {
    const entries = planLut({ ...base, mode: 'full', tiny: false });
    expect(entries.filter((e) => e.group === 'slot' && e.op.op === 'mb')).toHaveLength(7 * 3 * 4);
    expect(entries.filter((e) => e.group === 'chain')).toHaveLength(3 * (20 + 3));
  });
  it('every op of every planned network has a LUT entry (the profile can price all of them)', () => {
    for (const mode of ['reduced', 'full'] as const) {
      const opts: PlanOptions = { ...base, mode, tiny: mode === 'reduced' };
      const keys = new Set(planLut(opts).map((e) => e.key));
      const nets = planNetworks(opts, rngStream(1, 'nets'));
      const p = modeParams(mode);
      expect(nets).toHaveLength(p.supernetNets + p.chainNets);
      for (const n of nets) {
        for (const { op } of specLutOps(n.spec)) {
          if (op) expect(keys.has(lutKey(op)), `${n.name}: ${lutKey(op)}`).toBe(true);
        }
      }
    }
  });
  it('networks are seeded and varied', () => {
    const opts: PlanOptions = { ...base, mode: 'full', tiny: false };
    const a = planNetworks(opts, rngStream(3, 'nets'));
    expect(planNetworks(opts, rngStream(3, 'nets'))).toEqual(a);
    expect(new Set(a.map((n) => n.name)).size).toBe(a.length);
    expect(planNetworks(opts, rngStream(4, 'nets'))).not.toEqual(a);
  });
  it('chain: channels double with stride 2 at ⌊L/3⌋ and ⌊2L/3⌋', () => {
    const s = chainSpec({ ...base, tiny: false }, 8, Array.from({ length: 6 }, () => ({ type: 'sepconv' as const, k: 3 })));
    const strides = s.layers.slice(1, 7).map((l) => ('stride' in l ? l.stride : 0));
    expect(strides).toEqual([1, 1, 2, 1, 2, 1]);
    expect(s.layers.at(-1)).toEqual({ type: 'dense', cin: 32, cout: 10 });
  });
  it('per-channel families group the widths of one slot and kernel', () => {
    const fam = perChannelFamilies(planLut({ ...base, mode: 'reduced', tiny: true }));
    expect(fam.size).toBe(7 * 2);
    const first = fam.get('mbch cin=8 cout=16 h=14 w=14 k=3 s=2 res=0')!;
    expect(first.slot).toBe(0);
    expect(first.widths.sort((a, b) => a - b)).toEqual([8, 24]);
  });
});
