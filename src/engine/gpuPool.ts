/**
 * tfjs-backend-webgpu's buffer pool (its BufferManager): a disposed tensor's GPUBuffer goes to a free list keyed by
 * its exact byte size and usage, to be reused by the next tensor of that size, and is never destroyed while the
 * backend lives. For a network whose shapes never change that is what keeps a step's allocations flat. A network
 * that changes shape (AtomNAS: every shrink slices every searched block) leaves the old sizes' buffers in the pool for
 * good: measured by the soak bench (`npm run bench -- --only soak`), the pool grew at every shrink event.
 * `trimGpuBufferPool` destroys the free buffers, so the pool again holds only what the current shapes use.
 */
import * as tf from '@tensorflow/tfjs';

/** The fields of tfjs-backend-webgpu 4.22's BufferManager this module reads and updates. */
interface BufferManagerLike {
  freeBuffers: Map<string, { destroy(): void; size: number }[]>;
  numFreeBuffers: number;
  numBytesAllocated: number;
}

/** The active backend's buffer manager, when it is tfjs-backend-webgpu's (null on cpu and webgl). */
function bufferManager(): BufferManagerLike | null {
  const m = (tf.backend() as unknown as { bufferManager?: Partial<BufferManagerLike> }).bufferManager;
  if (!m || !(m.freeBuffers instanceof Map) || typeof m.numFreeBuffers !== 'number' || typeof m.numBytesAllocated !== 'number') return null;
  return m as BufferManagerLike;
}

/** Buffers and bytes of the webgpu pool: in use and free (null when the backend is not webgpu). */
export function gpuPoolStats(): { freeBuffers: number; allocatedBytes: number } | null {
  const m = bufferManager();
  return m ? { freeBuffers: m.numFreeBuffers, allocatedBytes: m.numBytesAllocated } : null;
}

/**
 * Destroy every buffer in the webgpu backend's free pool (buffers no live tensor holds; work already submitted that
 * reads one still completes: WebGPU frees a destroyed buffer's memory once the queue is done with it). Buffers in use
 * are untouched. Returns what was released; a no-op returning null on other backends. The empty size lists are kept:
 * tfjs's releaseBuffer returns early while the free map is empty.
 */
export function trimGpuBufferPool(): { buffers: number; bytes: number } | null {
  const m = bufferManager();
  if (!m) return null;
  let buffers = 0;
  let bytes = 0;
  for (const list of m.freeBuffers.values()) {
    for (const b of list) {
      bytes += b.size;
      buffers++;
      b.destroy();
    }
    list.length = 0;
  }
  m.numFreeBuffers -= buffers;
  m.numBytesAllocated -= bytes;
  return { buffers, bytes };
}
