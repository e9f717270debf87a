/**
 * The engine's filter-gradient programs for tfjs-backend-webgpu (issue 15, point 3): split sums without workgroup
 * barriers. Each program writes partial sums [chunks, M] (M = the filter's size); the engine's column sum
 * (webgpuKernels.ts) then adds the chunks. Why this shape:
 * - tfjs 4.22 gives each filter weight one thread that loops over every batch × pixel (`Conv2DDerFilterProgram`,
 *   `DepthwiseConv2DDerFilterProgram`): as few threads as weights (36 for a 3×3 depthwise of 4 channels), two loads per
 *   weight and pixel, and one long serial float32 sum.
 * - Here a thread takes a chunk of the N·outH·outW pixels and one channel (depthwise: all kh·kw taps, so dy is read
 *   once for kh·kw products) or a 4 × 4 block of (in, out) channels (1×1: 8 loads for 16 products). Threads are
 *   chunks × channels (thousands), sums are short, and there is no barrier (a software adapter such as SwiftShader
 *   runs barriers slowest; a GPU needs the threads).
 * Each thread's sum covers at most `chunk` pixels; the chunk count aims at TARGET_THREADS threads.
 */
import { FlatProgram } from './flatProgram';

/** Threads a partial-sum program aims at (a GPU wants thousands; more only adds to the column sum). */
const TARGET_THREADS = 4096;
/** Fewest pixels per chunk (below this, the column sum costs more than the chunk). */
const MIN_CHUNK = 16;

/** How the N·outH·outW pixels are split: `chunks` chunks of `chunk` pixels (the last may be shorter). */
export function splitPixels(pixels: number, threadsPerChunk: number): { chunks: number; chunk: number } {
  const wanted = Math.max(1, Math.ceil(TARGET_THREADS / Math.max(1, threadsPerChunk)));
  const most = Math.max(1, Math.ceil(pixels / MIN_CHUNK));
  const chunks0 = Math.min(wanted, most);
  const chunk = Math.ceil(pixels / chunks0);
  return { chunks: Math.ceil(pixels / chunk), chunk };
}

/**
 * Depthwise ('same', multiplier 1) filter gradient, partial sums: output [chunks, kh·kw·C], row k holding
 * Σ over chunk k's pixels of x[n, r·sh − top + i, s·sw − left + j, c] · dy[n, r, s, c] at column (i·kw + j)·C + c.
 * One thread per (chunk, channel); the kh·kw taps are unrolled into registers.
 * Uniforms: strides, pads (top, left), pixels (N·outH·outW), chunk, threads.
 */
export class DepthwiseFilterGradPartialProgram extends FlatProgram {
  readonly variableNames = ['x', 'dy'];
  readonly uniforms = 'strides : vec2<i32>, pads : vec2<i32>, pixels : i32, chunk : i32, threads : i32,';
  readonly shaderKey: string;

  constructor(
    readonly kh: number,
    readonly kw: number,
    channels: number,
    chunks: number,
  ) {
    super([chunks, kh * kw * channels], chunks * channels);
    this.shaderKey = `engine_dw_filter_grad_partial_${kh}x${kw}`;
  }

  getUserCode(): string {
    const taps: [number, number][] = [];
    for (let i = 0; i < this.kh; i++) for (let j = 0; j < this.kw; j++) taps.push([i, j]);
    const decl = taps.map(([i, j]) => `var a${i}_${j} = 0.0;`).join('\n          ');
    const rows = Array.from({ length: this.kh }, (_, i) => `let rowOk${i} = r0 + ${i} >= 0 && r0 + ${i} < h;`).join('\n          ');
    const cols = Array.from({ length: this.kw }, (_, j) => `let colOk${j} = c0 + ${j} >= 0 && c0 + ${j} < w;`).join('\n            ');
    const acc = taps
      .map(([i, j]) => `if (rowOk${i} && colOk${j}) { a${i}_${j} = a${i}_${j} + x[base + (${i} * w + ${j}) * ch] * d; }`)
      .join('\n            ');
    const write = taps
      .map(([i, j]) => `setOutputAtIndex(rowStart + ${(i * this.kw + j)} * ch + c, a${i}_${j});`)
      .join('\n          ');
    return `
      fn main(index : i32) {
        if (index >= uniforms.threads) {
          return;
        }
        let h = uniforms.xShape[1];
        let w = uniforms.xShape[2];
        let ch = uniforms.xShape[3];
        let outH = uniforms.dyShape[1];
        let outW = uniforms.dyShape[2];
        let plane = outH * outW;
        let c = index % ch;
        let part = index / ch;
        let p0 = part * uniforms.chunk;
        let p1 = min(p0 + uniforms.chunk, uniforms.pixels);
        ${decl}
        var b = p0 / plane;
        var r = (p0 - b * plane) / outW;
        var s = p0 - b * plane - r * outW;
        for (var p = p0; p < p1; p = p + 1) {
          let d = dy[p * ch + c];
          let r0 = r * uniforms.strides[0] - uniforms.pads[0];
          let c0 = s * uniforms.strides[1] - uniforms.pads[1];
          ${rows}
          ${cols}
          let base = ((b * h + r0) * w + c0) * ch + c;
          ${acc}
          s = s + 1;
          if (s == outW) {
            s = 0;
            r = r + 1;
            if (r == outH) {
              r = 0;
              b = b + 1;
            }
          }
        }
        let rowStart = part * ${this.kh * this.kw} * ch;
        ${write}
      }
    `;
  }
}

/**
 * 1×1 stride-1 conv filter gradient Xᵀ·dY over the [P, Cin] and [P, Cout] views (P = N·H·W), partial sums: output
 * [chunks, Cin·Cout], row k holding chunk k's Σ x[p, i] · dy[p, o] at column i·Cout + o. One thread per
 * (chunk, 4 input channels, 4 output channels): 16 sums in registers, 8 loads per pixel. Lanes past Cin or Cout read
 * a clamped index times 0 and are not written.
 * Uniforms: pixels (P), chunk, threads, blocksIn (⌈Cin/4⌉), blocksOut (⌈Cout/4⌉).
 */
export class Conv1x1FilterGradPartialProgram extends FlatProgram {
  readonly variableNames = ['x', 'dy'];
  readonly uniforms = 'pixels : i32, chunk : i32, threads : i32, blocksIn : i32, blocksOut : i32,';
  readonly shaderKey = 'engine_conv1x1_filter_grad_partial';

  constructor(cin: number, cout: number, chunks: number) {
    super([chunks, cin * cout], chunks * Math.ceil(cin / 4) * Math.ceil(cout / 4));
  }

  getUserCode(): string {
    const lanes = [0, 1, 2, 3];
    const writes = lanes
      .flatMap((a) =>
        lanes.map(
          (b) => `if (i0 + ${a} < cin && o0 + ${b} < cout) { setOutputAtIndex(rowStart + (i0 + ${a}) * cout + o0 + ${b}, acc${a}[${b}]); }`,
        ),
      )
      .join('\n        ');
    return `
      fn main(index : i32) {
        if (index >= uniforms.threads) {
          return;
        }
        let cin = uniforms.xShape[1];
        let cout = uniforms.dyShape[1];
        // Neighbouring threads take neighbouring output blocks (neighbouring dy reads).
        let ob = index % uniforms.blocksOut;
        let rest = index / uniforms.blocksOut;
        let ib = rest % uniforms.blocksIn;
        let part = rest / uniforms.blocksIn;
        let i0 = ib * 4;
        let o0 = ob * 4;
        let mi = vec4<f32>(vec4<bool>(i0 < cin, i0 + 1 < cin, i0 + 2 < cin, i0 + 3 < cin));
        let mo = vec4<f32>(vec4<bool>(o0 < cout, o0 + 1 < cout, o0 + 2 < cout, o0 + 3 < cout));
        let ii = min(vec4<i32>(i0, i0 + 1, i0 + 2, i0 + 3), vec4<i32>(cin - 1));
        let oo = min(vec4<i32>(o0, o0 + 1, o0 + 2, o0 + 3), vec4<i32>(cout - 1));
        var acc0 = vec4<f32>(0.0);
        var acc1 = vec4<f32>(0.0);
        var acc2 = vec4<f32>(0.0);
        var acc3 = vec4<f32>(0.0);
        let p0 = part * uniforms.chunk;
        let p1 = min(p0 + uniforms.chunk, uniforms.pixels);
        for (var p = p0; p < p1; p = p + 1) {
          let xb = p * cin;
          let db = p * cout;
          let xv = vec4<f32>(x[xb + ii.x], x[xb + ii.y], x[xb + ii.z], x[xb + ii.w]) * mi;
          let dv = vec4<f32>(dy[db + oo.x], dy[db + oo.y], dy[db + oo.z], dy[db + oo.w]) * mo;
          acc0 = acc0 + xv.x * dv;
          acc1 = acc1 + xv.y * dv;
          acc2 = acc2 + xv.z * dv;
          acc3 = acc3 + xv.w * dv;
        }
        let rowStart = part * cin * cout;
        ${writes}
      }
    `;
  }
}
