import { describe, expect, it } from 'vitest';
import { baselineSpec, supernetSpec } from '../skeleton';
import { layerLutOp, lutKey, lutOpLabel, lutOpLayer, parseLutKey, perChannelKey, specLutOps, type LayerLutOp, type LutOp } from './lutKeys';

const input = { height: 28, width: 28, channels: 1 };

describe('LUT keys', () => {
  const mb: LutOp = { op: 'mb', cin: 8, cout: 16, h: 28, w: 28, k: 5, s: 2, hidden: 24, res: false, expand: true };
  it('canonical key lists every shape field in a fixed order', () => {
    expect(lutKey(mb)).toBe('mb cin=8 cout=16 h=28 w=28 k=5 s=2 hidden=24 res=0 expand=1');
    expect(lutKey({ op: 'dense', cin: 128, cout: 10 })).toBe('dense cin=128 cout=10');
    expect(lutKey({ op: 'conv', cin: 1, cout: 8, h: 28, w: 28, k: 3, s: 1, relu: true })).toBe('conv cin=1 cout=8 h=28 w=28 k=3 s=1 relu=1');
    expect(perChannelKey(mb)).toBe('mbch cin=8 cout=16 h=28 w=28 k=5 s=2 res=0');
  });
  it('parse is the inverse of key', () => {
    expect(parseLutKey(lutKey(mb))).toEqual(mb);
    const g: LutOp = { op: 'gap', c: 128, h: 4, w: 4 };
    expect(parseLutKey(lutKey(g))).toEqual(g);
  });
  it('malformed keys say what is wrong', () => {
    expect(() => parseLutKey('pool c=1')).toThrow(/unknown LUT op "pool"/);
    expect(() => parseLutKey('dense cin=1 cout=x')).toThrow(/malformed field "cout=x"/);
    expect(() => parseLutKey('dense cout=1 cin=2')).toThrow(/must list cin, cout in that order/);
    expect(() => parseLutKey('dense cin=1')).toThrow(/must list/);
  });
  it('layers of the baseline map to ops at their input shapes (tiny: stem stride 2)', () => {
    const ops = specLutOps(baselineSpec({ input, numClasses: 10, tiny: true }));
    expect(ops).toHaveLength(12);
    expect(lutKey(ops[0].op!)).toBe('conv cin=1 cout=8 h=28 w=28 k=3 s=2 relu=1');
    expect(lutKey(ops[1].op!)).toBe('mb cin=8 cout=8 h=14 w=14 k=3 s=1 hidden=8 res=1 expand=0');
    expect(lutKey(ops[2].op!)).toBe('mb cin=8 cout=16 h=14 w=14 k=3 s=2 hidden=24 res=0 expand=1');
    expect(lutKey(ops[10].op!)).toBe('gap c=128 h=2 w=2');
    expect(lutKey(ops[11].op!)).toBe('dense cin=128 cout=10');
  });
  it('multi-branch MB layers have no single LUT op', () => {
    const ops = specLutOps(supernetSpec({ input, numClasses: 10 }));
    expect(ops[2].op).toBeNull();
    expect(ops[0].op).not.toBeNull();
  });
  it('lutOpLayer inverts layerLutOp for every op kind', () => {
    const all: LayerLutOp[] = [
      mb, { ...mb, expand: false, hidden: 8, cout: 8, s: 1, res: true, cin: 8 },
      { op: 'skip', c: 16, h: 7, w: 7 }, { op: 'conv', cin: 1, cout: 8, h: 28, w: 28, k: 3, s: 1, relu: false },
      { op: 'sepconv', cin: 8, cout: 16, h: 28, w: 28, k: 5, s: 2 }, { op: 'chainconv', cin: 8, cout: 8, h: 14, w: 14, k: 3, s: 1 },
      { op: 'gap', c: 32, h: 7, w: 7 }, { op: 'dense', cin: 32, cout: 10 },
    ];
    for (const op of all) {
      const { layer, inShape } = lutOpLayer(op);
      expect(layerLutOp(layer, inShape)).toEqual(op);
      expect(lutOpLabel(op).length).toBeGreaterThan(3);
    }
    expect(lutOpLabel(mb)).toBe('MB k5 e3 s2 8→16 @28×28');
  });
});
