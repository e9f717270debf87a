/**
 * The engine's matrix product over the channel axis for tfjs-backend-webgpu (issue 15, points 1 and 5): 1×1 stride-1
 * convs (forward and input gradient) and the classifier's dense layer (forward and input gradient) all run this ONE
 * program, whatever their shapes: out[p, o] = Σ_k a[p, k] · w[k·sk + o·so] — w as [K, N] (sk = N, so = 1) or as its
 * transpose stored [N, K] (sk = 1, so = K). tfjs 4.22 compiles a tiled matMulPacked, matMulSmallOutputSize or
 * conv2DDerInput program per transpose, vec4-ness and tile fit (5–7 programs for one network, about a second each to
 * build on SwiftShader); this one is built once. One thread per (row p, 4 output columns): K products of a row value
 * with 4 weights, no workgroup memory and no barrier (the channel counts here are 4–100; tiles of 32 would be mostly
 * padding).
 */
import { FlatProgram } from './flatProgram';

export class PointwiseProgram extends FlatProgram {
  readonly variableNames = ['a', 'w'];
  readonly uniforms = 'sk : i32, so : i32, blocksOut : i32, threads : i32,';
  readonly shaderKey = 'engine_pointwise';

  /** Output [P, N]; threads P·⌈N/4⌉. */
  constructor(rows: number, n: number) {
    super([rows, n], rows * Math.ceil(n / 4));
  }

  getUserCode(): string {
    return `
      fn main(index : i32) {
        if (index >= uniforms.threads) {
          return;
        }
        let kk = uniforms.aShape[1];
        let n = uniforms.outShape[1];
        let ob = index % uniforms.blocksOut;
        let p = index / uniforms.blocksOut;
        let o0 = ob * 4;
        // Columns past N read column N − 1 and are not written.
        let oo = min(vec4<i32>(o0, o0 + 1, o0 + 2, o0 + 3), vec4<i32>(n - 1)) * uniforms.so;
        var acc = vec4<f32>(0.0);
        let ab = p * kk;
        for (var k = 0; k < kk; k = k + 1) {
          let wb = k * uniforms.sk;
          acc = acc + a[ab + k] * vec4<f32>(w[wb + oo.x], w[wb + oo.y], w[wb + oo.z], w[wb + oo.w]);
        }
        let out = p * n + o0;
        setOutputAtIndex(out, acc.x);
        if (o0 + 1 < n) {
          setOutputAtIndex(out + 1, acc.y);
        }
        if (o0 + 2 < n) {
          setOutputAtIndex(out + 2, acc.z);
        }
        if (o0 + 3 < n) {
          setOutputAtIndex(out + 3, acc.w);
        }
      }
    `;
  }
}
