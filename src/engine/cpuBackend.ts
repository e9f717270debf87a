import type * as tf from '@tensorflow/tfjs';


/** The parts of tfjs's CPU backend the engine's CPU kernels touch (structural: no import of tfjs-backend-cpu). */
export interface CpuBackendLike {
  data: { get(id: unknown): { values: ArrayLike<number> } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/** A kernel function of tfjs's registry and its argument. */
export type KernelFunc = tf.KernelConfig['kernelFunc'];
export type KernelArgs = Parameters<KernelFunc>[0];
export type Shape4 = [number, number, number, number];
export type Conv2DInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

/** The attributes of tfjs's conv kernels (forward, gradients, fused) that the engine's CPU kernels read. */
export interface ConvAttrs {
  strides: number | [number, number];
  pad: 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape?: Shape4;
  inputShape?: Shape4;
  dataFormat?: string;
  dilations?: unknown;
}

/** NHWC (tfjs's default, also spelt channelsLast) with no dilation: the only layout the engine's conv kernels take. */
export function isPlainNhwc(a: ConvAttrs): boolean {
  const nhwc = a.dataFormat == null || a.dataFormat === 'NHWC' || a.dataFormat === 'channelsLast';
  const d = a.dilations;
  return nhwc && (d == null || d === 1 || (Array.isArray(d) && d.every((v) => v === 1)));
}
