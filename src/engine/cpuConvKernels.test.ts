import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFastCpuKernels, uninstallFastCpuKernels } from './cpuKernels';
import { useCpuBackend } from './testing';
import { DEPTHWISE64_WASM_BASE64 } from './wasm/depthwise64Module';
import { setWasmKernels, wasmExports } from './wasm/instance';

beforeAll(async () => {
  await useCpuBackend();
  installFastCpuKernels();
});
afterAll(() => {
  setWasmKernels(true);
  uninstallFastCpuKernels();
});

type Geometry = { n: number; h: number; w: number; c: number; k: number; s: number; pad: 'same' | 'valid' | tf.backend_util.ExplicitPadding };

/** Depthwise output, input gradient and filter gradient of one geometry, for fixed random inputs (half of x zeroed). */
function depthwiseAll(g: Geometry): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.relu(tf.randomNormal<tf.Rank.R4>([g.n, g.h, g.w, g.c], 0, 1, 'float32', 7));
    const wt = tf.randomNormal<tf.Rank.R4>([g.k, g.k, g.c, 1], 0, 1, 'float32', 8);
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, g.s, g.pad)));
    const [dx, dw] = tf.grads(f)([x, wt]);
    return [tf.depthwiseConv2d(x, wt, g.s, g.pad), dx, dw].map((t) => t.dataSync() as Float32Array);
  });
}

describe('depthwise conv kernels for channel counts that are not multiples of 4 (wasm/depthwise64.wat)', () => {
  it('run on WebAssembly in Node', () => {
    expect(wasmExports(DEPTHWISE64_WASM_BASE64)).not.toBeNull();
  });

  // 1–3 channels (one partial unit), 5–7 (a full unit and a partial one), 22 (the width Efficient Global NAS searches),
  // with strides 1–3, 'same', 'valid' and uneven explicit padding, filters larger than the image.
  const geometries: Geometry[] = [
    { n: 2, h: 7, w: 7, c: 1, k: 3, s: 1, pad: 'same' },
    { n: 2, h: 8, w: 8, c: 2, k: 3, s: 2, pad: 'same' },
    { n: 1, h: 9, w: 6, c: 3, k: 5, s: 2, pad: 'valid' },
    { n: 2, h: 7, w: 7, c: 5, k: 3, s: 1, pad: 'same' },
    { n: 2, h: 10, w: 7, c: 6, k: 3, s: 3, pad: 'same' },
    { n: 1, h: 6, w: 4, c: 7, k: 5, s: 1, pad: [[0, 0], [1, 3], [2, 0], [0, 0]] },
    { n: 1, h: 3, w: 2, c: 9, k: 5, s: 2, pad: 'same' },
    { n: 3, h: 14, w: 14, c: 22, k: 3, s: 1, pad: 'same' },
    { n: 2, h: 14, w: 14, c: 22, k: 5, s: 2, pad: 'same' },
  ];

  it.each(geometries.map((g) => [`c ${g.c}, ${g.h}×${g.w}, k ${g.k}, stride ${g.s}, pad ${JSON.stringify(g.pad)}`, g] as const))(
    'give the JavaScript loops\u2019 results to the bit: %s',
    (_name, g) => {
      setWasmKernels(false);
      const js = depthwiseAll(g);
      setWasmKernels(true);
      const wasm = depthwiseAll(g);
      for (let i = 0; i < js.length; i++) {
        expect(wasm[i].length).toBe(js[i].length);
        expect(Array.from(wasm[i])).toEqual(Array.from(js[i]));
      }
    },
  );
});
