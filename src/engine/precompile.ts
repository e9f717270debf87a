/**
 * Issue 15 §5, fast first step: compile a training step's WebGPU pipelines before the step runs, with progress
 * ("preparing the GPU, n of m programs"), instead of inside a frozen step 0. Not in parallel by default: they are built
 * one at a time in the order the step needs them (DEFAULT_CONCURRENCY = 1; all at once was measured slower on
 * SwiftShader); the `concurrency` option lets several build at once (0: all of them).
 *
 * tfjs-backend-webgpu 4.22 keeps `pipelineCache[shaderKey]`; under its WEBGPU_ENGINE_COMPILE_ONLY flag a program is
 * compiled with `device.createComputePipelineAsync` (here limited to `concurrency` calls in flight) and NOT dispatched,
 * and read-backs return null. `Trainer.precompileStep` issues the step's programs in that mode without changing any state;
 * here the promises are awaited, counting each as its pipeline is built, then `checkCompileCompletionAsync` swaps the pipelines into
 * the cache so the real step finds every one of them built. Only the active backend 'webgpu' does anything.
 */
import * as tf from '@tensorflow/tfjs';
import type { Trainer } from './trainer';

/** Pipelines prepared so far out of those the step needs that were not built yet. */
export interface PrecompileProgress {
  done: number;
  total: number;
}

/** What a pre-compile did. */
export interface PrecompileResult {
  /** New pipelines the step needed (0: not WebGPU, or everything was built already). */
  programs: number;
  /** Milliseconds spent issuing the programs (shader generation, no execution). */
  encodeMs: number;
  /** Milliseconds until every pipeline was built. */
  totalMs: number;
  /** Pipelines that failed to build asynchronously: left for the real step to build (and report) as it always did. */
  failed: number;
  /**
   * Why issuing the programs stopped early (e.g. an op that cannot run in compile-only mode), or null. Not thrown: the
   * programs issued until then are still built, and the real step compiles the rest as it always did.
   */
  error: string | null;
  /** When each pipeline was ready (ms after the start), with its program's name (the shader key up to its first '_'). */
  ready: { program: string; atMs: number }[];
}

/** The parts of tfjs-backend-webgpu's WebGPUBackend this module touches (structural: no import of the package). */
interface WebGpuBackendLike {
  device: GPUDevice;
  pipelineCache: Record<string, unknown>;
  checkCompileCompletionAsync(): Promise<void>;
}

const FLAG = 'WEBGPU_ENGINE_COMPILE_ONLY';

/** Options of precompilePrograms. */
export interface PrecompileOptions {
  /** Pipelines being built at once (0: all at once, as tfjs asks for them). */
  concurrency?: number;
}

/**
 * Pipelines built at once by default. SwiftShader on a 2-core machine was slower with all of them at once (40.3 s
 * against 33.2 s for the quick network's 82, the step's compiles without pre-compile): one at a time, in the order the
 * step needs them, like the step itself compiles.
 */
export const DEFAULT_CONCURRENCY = 1;

type CreateAsync = GPUDevice['createComputePipelineAsync'];

/** `create` with at most `limit` calls in flight; the others wait their turn in call order. */
function limited(create: CreateAsync, limit: number): CreateAsync {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (desc) => {
    if (running >= limit) await new Promise<void>((r) => waiting.push(r));
    running++;
    try {
      return await create(desc);
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

function webgpuBackend(): WebGpuBackendLike | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const b = tf.backend() as unknown as Partial<WebGpuBackendLike>;
  return b.pipelineCache && typeof b.checkCompileCompletionAsync === 'function' ? (b as WebGpuBackendLike) : null;
}

/** Number of pipelines in the WebGPU backend's cache (built or being built); 0 on any other backend. */
export function pipelineCount(): number {
  return Object.keys(webgpuBackend()?.pipelineCache ?? {}).length;
}

/**
 * Issue `encode`'s programs in compile-only mode and wait for their pipelines, reporting progress (first with done 0
 * once the total is known, then after each pipeline; nothing when no pipeline is new). `encode` must not read anything back and must leave every
 * variable as it found it (Trainer.precompileStep does both). A no-op on any backend but WebGPU.
 */
export async function precompilePrograms(encode: () => void, onProgress?: (p: PrecompileProgress) => void, opts: PrecompileOptions = {}): Promise<PrecompileResult> {
  const backend = webgpuBackend();
  if (!backend) return { programs: 0, encodeMs: 0, totalMs: 0, failed: 0, error: null, ready: [] };
  const t0 = performance.now();
  const before = new Set(Object.keys(backend.pipelineCache));
  const env = tf.env();
  const was = env.getBool(FLAG);
  env.set(FLAG, true);
  let error: string | null = null;
  const device = backend.device;
  const limit = opts.concurrency ?? DEFAULT_CONCURRENCY;
  // Replaced on the device object for the encode only (an own property: put back exactly as it was afterwards).
  const own = Object.getOwnPropertyDescriptor(device, 'createComputePipelineAsync');
  if (limit > 0) device.createComputePipelineAsync = limited(device.createComputePipelineAsync.bind(device), limit);
  try {
    encode();
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  } finally {
    env.set(FLAG, was);
    if (limit > 0) {
      if (own) Object.defineProperty(device, 'createComputePipelineAsync', own);
      else delete (device as Partial<GPUDevice>).createComputePipelineAsync;
    }
  }
  const encodeMs = performance.now() - t0;
  const fresh = Object.keys(backend.pipelineCache).filter((k) => !before.has(k) && backend.pipelineCache[k] instanceof Promise);
  const total = fresh.length;
  let done = 0;
  const failedKeys: string[] = [];
  const ready: PrecompileResult['ready'] = [];
  // Nothing new to build (a later run of the same shapes): no progress at all, not a flash of "0 of 0".
  if (total > 0) onProgress?.({ done, total });
  await Promise.all(
    fresh.map((k) =>
      (backend.pipelineCache[k] as Promise<unknown>).then(
        () => {
          ready.push({ program: k.split('_')[0], atMs: performance.now() - t0 });
          onProgress?.({ done: ++done, total });
        },
        () => {
          failedKeys.push(k);
          onProgress?.({ done: ++done, total });
        },
      ),
    ),
  );
  // A pipeline that failed stays out of the cache: the real step compiles it synchronously and reports the error there.
  for (const k of failedKeys) delete backend.pipelineCache[k];
  await backend.checkCompileCompletionAsync();
  return { programs: total, encodeMs, totalMs: performance.now() - t0, failed: failedKeys.length, error, ready };
}

/** Pre-compile the next training step of `trainer` (see precompilePrograms and Trainer.precompileStep). */
export function precompileTrainStep(trainer: Trainer, onProgress?: (p: PrecompileProgress) => void, opts?: PrecompileOptions): Promise<PrecompileResult> {
  return precompilePrograms(() => trainer.precompileStep(), onProgress, opts);
}
