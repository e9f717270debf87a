/**
 * GPU-independent proxy figures of a WebGPU training step (issue 15, point 2): how many dispatches, uploads, compute
 * passes, submits, readbacks and pipeline compiles the tfjs webgpu backend issues. Counted by wrapping the methods of
 * the backend's own GPUDevice (and of the encoders it hands out), so the same code counts the real device in the
 * browser (SwiftShader or a GPU) and the mock device of `mockWebGpu.ts` in Node.
 *
 * Definitions (per `snapshot()` difference):
 * - dispatches: `GPUComputePassEncoder.dispatchWorkgroups` calls;
 * - uploads: tensor data written from JS — a buffer created `mappedAtCreation` (tfjs-backend-webgpu's staging buffer,
 *   or a fresh buffer written directly); each one ends the current compute pass when it goes through staging;
 * - uniformWrites: `GPUQueue.writeBuffer` (tfjs writes one small uniform buffer per dispatch);
 * - computePasses: `beginComputePass`; submits: `GPUQueue.submit`;
 * - asyncReadbacks: the backend's `getBufferData` (`await tensor.data()` of GPU data: submit + mapAsync);
 * - syncReadbacks: the backend's `readSync` of data that lives on the GPU (`dataSync()`, `arraySync()`…);
 * - pipelineCompiles: `createComputePipeline(Async)` (a new shader: tfjs caches pipelines by shader key);
 * - dispatchesDuringReadback: dispatches recorded while an async readback was in flight (work queued behind the
 *   readback instead of after it: 0 means the GPU drains before any later work is even recorded).
 */
import * as tf from '@tensorflow/tfjs';

export interface GpuCounts {
  dispatches: number;
  uploads: number;
  uploadBytes: number;
  uniformWrites: number;
  computePasses: number;
  submits: number;
  syncReadbacks: number;
  asyncReadbacks: number;
  pipelineCompiles: number;
  dispatchesDuringReadback: number;
}

export const ZERO_COUNTS: Readonly<GpuCounts> = Object.freeze({
  dispatches: 0,
  uploads: 0,
  uploadBytes: 0,
  uniformWrites: 0,
  computePasses: 0,
  submits: 0,
  syncReadbacks: 0,
  asyncReadbacks: 0,
  pipelineCompiles: 0,
  dispatchesDuringReadback: 0,
});

/** b − a, field by field. */
export function diffCounts(b: GpuCounts, a: GpuCounts): GpuCounts {
  const out = { ...ZERO_COUNTS };
  for (const k of Object.keys(out) as (keyof GpuCounts)[]) out[k] = b[k] - a[k];
  return out;
}

/** The few members of tfjs-backend-webgpu's WebGPUBackend that the counters wrap (structural: no import needed). */
interface BackendLike {
  device: GPUDevice;
  readSync(dataId: object): unknown;
  getBufferData(buffer: GPUBuffer): Promise<ArrayBuffer | null>;
  tensorMap: { get(dataId: object): { values?: unknown; resource?: unknown } | undefined };
}

export interface GpuCounter {
  /** Running totals since `instrumentWebGpu`. */
  snapshot(): GpuCounts;
  /** Put every wrapped method back. */
  restore(): void;
}

const COUNTER = Symbol('gpuCounter');

/** Wrap `obj[key]` (an own property shadowing the prototype's method); returns the undo. */
function wrap<T extends object, K extends keyof T>(obj: T, key: K, make: (orig: T[K]) => T[K]): () => void {
  const had = Object.prototype.hasOwnProperty.call(obj, key);
  const prev = obj[key];
  const orig = (typeof prev === 'function' ? (prev as (...a: unknown[]) => unknown).bind(obj) : prev) as T[K];
  (obj as Record<K, T[K]>)[key] = make(orig);
  return () => {
    if (had) (obj as Record<K, T[K]>)[key] = prev;
    else delete (obj as Record<K, unknown>)[key];
  };
}

/**
 * Start counting on the active tfjs backend, which must be 'webgpu' (real or mock). Instrumenting twice returns the
 * first counter. Buffers, encoders and pipelines made before this call are not re-counted; counts are totals, take
 * `snapshot()` differences around the work of interest.
 */
export function instrumentWebGpu(backend: unknown = tf.backend()): GpuCounter {
  const b = backend as BackendLike & { [COUNTER]?: GpuCounter };
  if (!b || typeof b !== 'object' || !('device' in b) || !b.device) throw new Error('instrumentWebGpu: the backend is not tfjs-backend-webgpu');
  if (b[COUNTER]) return b[COUNTER];
  const c: GpuCounts = { ...ZERO_COUNTS };
  const device = b.device;
  const undo: (() => void)[] = [];
  let readsInFlight = 0;

  undo.push(
    wrap(device, 'createBuffer', (orig) => (desc: GPUBufferDescriptor) => {
      if (desc.mappedAtCreation) {
        c.uploads++;
        c.uploadBytes += desc.size;
      }
      return orig(desc);
    }),
  );
  undo.push(
    wrap(device, 'createComputePipeline', (orig) => (desc: GPUComputePipelineDescriptor) => {
      c.pipelineCompiles++;
      return orig(desc);
    }),
  );
  undo.push(
    wrap(device, 'createComputePipelineAsync', (orig) => (desc: GPUComputePipelineDescriptor) => {
      c.pipelineCompiles++;
      return orig(desc);
    }),
  );
  undo.push(
    wrap(device, 'createCommandEncoder', (orig) => (desc?: GPUCommandEncoderDescriptor) => {
      const enc = orig(desc);
      // Encoders are single-use: patching the instance is enough (and is dropped with it).
      wrap(enc, 'beginComputePass', (begin) => (pd?: GPUComputePassDescriptor) => {
        c.computePasses++;
        const pass = begin(pd);
        wrap(pass, 'dispatchWorkgroups', (dispatch) => (x: number, y?: number, z?: number) => {
          c.dispatches++;
          if (readsInFlight > 0) c.dispatchesDuringReadback++;
          dispatch(x, y, z);
        });
        return pass;
      });
      return enc;
    }),
  );
  const queue = device.queue;
  undo.push(
    wrap(queue, 'submit', (orig) => (cbs: Iterable<GPUCommandBuffer>) => {
      c.submits++;
      orig(cbs);
    }),
  );
  undo.push(
    wrap(queue, 'writeBuffer', (orig) => ((...args: Parameters<GPUQueue['writeBuffer']>) => {
      c.uniformWrites++;
      orig(...args);
    })),
  );
  undo.push(
    wrap(b, 'getBufferData', (orig) => async (buffer: GPUBuffer) => {
      c.asyncReadbacks++;
      readsInFlight++;
      try {
        return await orig(buffer);
      } finally {
        readsInFlight--;
      }
    }),
  );
  undo.push(
    wrap(b, 'readSync', (orig) => (dataId: object) => {
      const d = b.tensorMap.get(dataId);
      if (d && d.values == null && d.resource != null) c.syncReadbacks++;
      return orig(dataId);
    }),
  );
  const counter: GpuCounter = {
    snapshot: () => ({ ...c }),
    restore: () => {
      for (const u of undo.reverse()) u();
      delete b[COUNTER];
    },
  };
  b[COUNTER] = counter;
  return counter;
}

/** Counts of one call of `fn` on the active webgpu backend (instrumenting it if needed). */
export async function countGpuWork(fn: () => Promise<unknown>): Promise<GpuCounts> {
  const counter = instrumentWebGpu();
  const before = counter.snapshot();
  await fn();
  return diffCounts(counter.snapshot(), before);
}
