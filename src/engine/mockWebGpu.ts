/**
 * The real tfjs-backend-webgpu driven by a mock GPUDevice, in Node: every kernel runs its tfjs webgpu code path
 * (program selection, shader generation, uploads, uniform writes, pass and submit logic, pipeline cache), but the mock
 * device executes nothing, so every value read back is 0. Use it to COUNT what a step asks of the GPU
 * (`gpuCounters.ts`), never for numbers. Limits are SwiftShader's (the adapter the bench runs without a GPU).
 *
 *   await useMockWebGpu();            // registers it as 'webgpu' and makes it the active backend
 *
 * It is registered under the real name, so engine code that checks `tf.getBackend() === 'webgpu'` and kernels
 * registered for 'webgpu' (tfjs's and the engine's) behave exactly as in the browser.
 */
import * as tf from '@tensorflow/tfjs';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';

/** SwiftShader's values of the limits tfjs-backend-webgpu reads. */
const LIMITS = {
  maxComputeWorkgroupsPerDimension: 65535,
  maxComputeWorkgroupSizeX: 256,
  maxComputeWorkgroupStorageSize: 16384,
  maxComputeInvocationsPerWorkgroup: 256,
  maxStorageBuffersPerShaderStage: 8,
  maxStorageBufferBindingSize: 134217728,
  maxBufferSize: 268435456,
};

const USAGE = { MAP_READ: 1, MAP_WRITE: 2, COPY_SRC: 4, COPY_DST: 8, INDEX: 16, VERTEX: 32, UNIFORM: 64, STORAGE: 128, INDIRECT: 256, QUERY_RESOLVE: 512 };

class MockBuffer {
  mapState: 'unmapped' | 'mapped' = 'unmapped';
  private range: ArrayBuffer | null = null;
  constructor(
    readonly size: number,
    readonly usage: number,
    mapped: boolean,
  ) {
    if (mapped) this.mapState = 'mapped';
  }
  getMappedRange(): ArrayBuffer {
    this.range ??= new ArrayBuffer(this.size);
    return this.range;
  }
  unmap(): void {
    this.mapState = 'unmapped';
    this.range = null;
  }
  mapAsync(): Promise<void> {
    this.mapState = 'mapped';
    return Promise.resolve();
  }
  destroy(): void {}
}
class MockTexture {}

const noop = (): void => {};

function mockDevice(): GPUDevice {
  const pass = (): object => ({ setPipeline: noop, setBindGroup: noop, dispatchWorkgroups: noop, end: noop });
  const encoder = (): object => ({
    beginComputePass: pass,
    copyBufferToBuffer: noop,
    copyBufferToTexture: noop,
    resolveQuerySet: noop,
    finish: () => ({}),
  });
  const pipeline = (): object => ({ getBindGroupLayout: () => ({}) });
  const device = {
    features: new Set<string>(),
    limits: LIMITS,
    queue: { submit: noop, writeBuffer: noop, onSubmittedWorkDone: () => Promise.resolve() },
    lost: new Promise<never>(() => {}),
    createBuffer: (d: { size: number; usage: number; mappedAtCreation?: boolean }) => new MockBuffer(d.size, d.usage, !!d.mappedAtCreation),
    createTexture: () => new MockTexture(),
    createShaderModule: () => ({}),
    createComputePipeline: pipeline,
    createComputePipelineAsync: () => Promise.resolve(pipeline()),
    createBindGroup: () => ({}),
    createCommandEncoder: encoder,
    createQuerySet: () => ({ destroy: noop }),
    destroy: noop,
  };
  return device as unknown as GPUDevice;
}

/** Define the WebGPU globals the backend reads (instanceof GPUBuffer, usage flags) where Node has none. */
function defineGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  g.GPUBuffer ??= MockBuffer;
  g.GPUTexture ??= MockTexture;
  g.GPUBufferUsage ??= USAGE;
  g.GPUMapMode ??= { READ: 1, WRITE: 2 };
  g.GPUTextureUsage ??= { COPY_SRC: 1, COPY_DST: 2, TEXTURE_BINDING: 4, STORAGE_BINDING: 8, RENDER_ATTACHMENT: 16 };
  g.GPUShaderStage ??= { VERTEX: 1, FRAGMENT: 2, COMPUTE: 4 };
}

let mockRegistered = false;

function makeBackend(): WebGPUBackend {
  defineGlobals();
  // The constructor checks navigator.gpu; Node 20 has no navigator: define one for the call only.
  const g = globalThis as { navigator?: unknown };
  const hadNavigator = Object.prototype.hasOwnProperty.call(globalThis, 'navigator');
  const prev = g.navigator;
  const nav = prev as { gpu?: unknown } | undefined;
  if (!nav?.gpu) Object.defineProperty(globalThis, 'navigator', { value: { ...(nav ?? {}), gpu: {} }, configurable: true, writable: true });
  try {
    return new WebGPUBackend(mockDevice());
  } finally {
    if (!nav?.gpu) {
      if (hadNavigator) Object.defineProperty(globalThis, 'navigator', { value: prev, configurable: true, writable: true });
      else delete g.navigator;
    }
  }
}

/** Register the mock-device backend as 'webgpu' and make it the active backend. Node only (throws in a browser). */
export async function useMockWebGpu(): Promise<void> {
  if (typeof window !== 'undefined') throw new Error('useMockWebGpu is for Node: the browser has a real device');
  if (!mockRegistered) {
    tf.registerBackend('webgpu', makeBackend, 0);
    mockRegistered = true;
  }
  const ok = await tf.setBackend('webgpu');
  if (!ok) throw new Error('the mock WebGPU backend did not initialise');
}
