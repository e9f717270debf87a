import type * as tf from '@tensorflow/tfjs';

/** The parts of tfjs's CPU backend the engine's CPU kernels touch (structural: no import of tfjs-backend-cpu). */
export interface CpuBackendLike {
  data: { get(id: unknown): { values: ArrayLike<number> } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}
