/**
 * The common shape of the engine's WebGPU programs (tfjs-backend-webgpu's program interface): a flat run of `threads`
 * threads in workgroups of 64, `main(index)` per thread, `uniforms.size` = the output's size.
 */
import { webgpu_util } from '@tensorflow/tfjs-backend-webgpu';

export const WG = 64;

export abstract class FlatProgram {
  readonly size = true;
  readonly workgroupSize: [number, number, number] = [WG, 1, 1];
  readonly dispatchLayout: { x: number[] };
  readonly dispatch: [number, number, number];
  abstract readonly variableNames: string[];
  abstract readonly shaderKey: string;

  constructor(
    readonly outputShape: number[],
    threads: number,
  ) {
    this.dispatchLayout = webgpu_util.flatDispatchLayout(outputShape);
    this.dispatch = [Math.ceil(threads / WG), 1, 1];
  }

  abstract getUserCode(): string;
}

/** int32 uniforms, in the order the program declares them. */
export function intUniforms(...values: (number | number[])[]): { type: string; data: number[] }[] {
  return values.map((v) => ({ type: 'int32', data: Array.isArray(v) ? v : [v] }));
}
