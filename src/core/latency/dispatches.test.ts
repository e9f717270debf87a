import { describe, expect, it } from 'vitest';
import type { ArchSpec, LayerSpec } from '../archspec';
import { baselineSpec } from '../skeleton';
import { concatDispatches, conv2dDispatches, layerDispatches, matmulDispatches, specDispatches } from './dispatches';

describe('dispatch estimate (tfjs-webgpu 4.22 program choice)', () => {
  it('matmul: packed, reduce, small-output and split-K paths', () => {
    expect(matmulDispatches(784, 8, 24)).toBe(1); // 25 workgroups > 8 → packed
    expect(matmulDispatches(1, 128, 10)).toBe(1); // 1·10 ≤ 128 → reduce
    expect(matmulDispatches(196, 48, 16)).toBe(1); // 7 workgroups, small output
    expect(matmulDispatches(49, 2400, 8)).toBe(2); // K ≥ 2000 → fill + split-K
    expect(matmulDispatches(49, 2400, 8, 1)).toBe(1); // 2 workgroups > threshold 1 → packed
  });
  it('conv: 1×1 s1 is a matmul; small k×k convs use im2col + matmul; big ones Conv2DMM', () => {
    expect(conv2dDispatches(28, 28, 1, 8, 3, 1)).toBe(1); // ⌈784/32⌉ = 25 workgroups > 8
    expect(conv2dDispatches(14, 14, 1, 8, 3, 1)).toBe(2); // 7 ≤ 8 → im2col + matmul
    expect(conv2dDispatches(28, 28, 1, 8, 3, 2)).toBe(2); // output 14×14
    expect(conv2dDispatches(7, 7, 96, 8, 5, 1)).toBe(3); // im2col + fill + split-K (K = 2400)
  });
  it('MB block: expand(1)+BN+ReLU, dw, BN+ReLU, project(1)+BN, add = 9; three branches add split 3, dw 2, concat 1', () => {
    const one: LayerSpec = { type: 'mb', cin: 16, cout: 16, stride: 1, branches: [{ k: 3, hidden: 48 }], residual: true };
    expect(layerDispatches(one, [14, 14, 16])).toBe(9);
    const three: LayerSpec = { ...one, branches: [{ k: 3, hidden: 16 }, { k: 5, hidden: 16 }, { k: 7, hidden: 16 }] };
    expect(layerDispatches(three, [14, 14, 16])).toBe(15);
    const noExpand: LayerSpec = { type: 'mb', cin: 8, cout: 8, stride: 1, branches: [{ k: 3, hidden: 8 }], residual: true, expand: false };
    expect(layerDispatches(noExpand, [28, 28, 8])).toBe(6); // dw, BN, ReLU, project, BN, add
  });
  it('other layers: skip 0, gap 2 (transpose + reduce), dense 2, sepconv 4, chainconv 3', () => {
    expect(layerDispatches({ type: 'skip', cin: 8, cout: 8 }, [7, 7, 8])).toBe(0);
    expect(layerDispatches({ type: 'gap' }, [7, 7, 8])).toBe(2);
    expect(layerDispatches({ type: 'dense', cin: 128, cout: 10 }, [1, 1, 128])).toBe(2);
    expect(layerDispatches({ type: 'sepconv', cin: 16, cout: 16, k: 3, stride: 1 }, [28, 28, 16])).toBe(4);
    expect(layerDispatches({ type: 'chainconv', cin: 16, cout: 16, k: 3, stride: 1 }, [28, 28, 16])).toBe(3);
    expect(layerDispatches({ type: 'conv', cin: 1, cout: 8, k: 3, stride: 1, relu: false }, [28, 28, 1])).toBe(2);
  });
  it('concat splits past the storage-buffer limit', () => {
    expect(concatDispatches(1)).toBe(0);
    expect(concatDispatches(3)).toBe(1);
    expect(concatDispatches(8)).toBe(3); // groups of 7 and 1, then one concat of 2
  });
  it('whole spec = sum of layers', () => {
    const spec: ArchSpec = baselineSpec({ input: { height: 28, width: 28, channels: 1 }, numClasses: 10 });
    const d = specDispatches(spec);
    expect(d.perLayer).toHaveLength(spec.layers.length);
    expect(d.total).toBe(d.perLayer.reduce((a, b) => a + b, 0));
    expect(d.perLayer[0]).toBe(3); // stem at 28×28 s1: Conv2DMM + BN + ReLU
    expect(d.perLayer.slice(-2)).toEqual([2, 2]);
  });
});
