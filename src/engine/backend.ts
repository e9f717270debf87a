/**
 * Backend selection: try WebGPU, then WebGL, then the CPU, and record why each earlier candidate failed.
 * Works in a dedicated Web Worker (navigator.gpu exists there) and in Node (only 'cpu' is registered there).
 */
import * as tf from '@tensorflow/tfjs';
// Side effect: registers the 'webgpu' backend factory when navigator.gpu exists.
import '@tensorflow/tfjs-backend-webgpu';
import { readAdapterIdentity, type AdapterDescription, type AdapterLike } from '../core/adapterInfo';

/** Which backend is active and how it was chosen. */
export interface BackendInfo {
  backend: string;
  tfjsVersion: string;
  fallbackReasons: { backend: string; reason: string }[];
  adapter?: AdapterDescription;
}

export type BackendName = 'webgpu' | 'webgl' | 'cpu';

interface GpuLike {
  requestAdapter(opts?: { powerPreference?: 'low-power' | 'high-performance' }): Promise<AdapterLike | null>;
}

function navigatorGpu(): GpuLike | undefined {
  const nav = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator;
  return nav?.gpu;
}

function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Describe the adapter tfjs will get (same power preference as tfjs-backend-webgpu's default). */
export async function describeWebGpuAdapter(): Promise<AdapterDescription | undefined> {
  const gpu = navigatorGpu();
  if (!gpu) return undefined;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return undefined;
  return { ...(await readAdapterIdentity(adapter)), features: adapter.features ? [...adapter.features].sort() : [] };
}

/** Why WebGPU cannot even be attempted, or undefined when it can. */
async function webgpuPrecheck(): Promise<string | undefined> {
  const gpu = navigatorGpu();
  if (!gpu) {
    const inNode = typeof process !== 'undefined' && !!(process as { versions?: { node?: string } }).versions?.node;
    return inNode ? 'WebGPU is not available in Node.js' : 'navigator.gpu is not available in this browser';
  }
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    return adapter ? undefined : 'no WebGPU adapter (navigator.gpu.requestAdapter() returned null)';
  } catch (e) {
    return `requestAdapter failed: ${errorMessage(e)}`;
  }
}

/**
 * Prove the backend computes: a 2×2 matmul read back asynchronously (never dataSync: it stalls WebGPU).
 * [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]].
 */
async function smokeTest(): Promise<string | undefined> {
  const c = tf.tidy(() => tf.matMul(tf.tensor2d([1, 2, 3, 4], [2, 2]), tf.tensor2d([5, 6, 7, 8], [2, 2])));
  try {
    const got = Array.from(await c.data());
    const want = [19, 22, 43, 50];
    const ok = got.length === 4 && got.every((v, i) => Math.abs(v - want[i]) < 1e-3);
    return ok ? undefined : `test matmul returned [${got.join(', ')}] instead of [19, 22, 43, 50]`;
  } finally {
    c.dispose();
  }
}

/**
 * Activate the first backend of `order` that initialises and passes a real computation.
 * Throws only when every candidate fails (the error lists each reason).
 */
export async function initBackend(order: readonly BackendName[] = ['webgpu', 'webgl', 'cpu']): Promise<BackendInfo> {
  const fallbackReasons: { backend: string; reason: string }[] = [];
  for (const name of order) {
    let reason: string | undefined;
    if (name === 'webgpu') reason = await webgpuPrecheck();
    if (!reason && tf.findBackendFactory(name) === null && tf.findBackend(name) === null) {
      reason = `the ${name} backend is not registered in this environment`;
    }
    if (!reason) {
      try {
        const ok = await tf.setBackend(name);
        await tf.ready();
        if (!ok || tf.getBackend() !== name) reason = `tf.setBackend('${name}') failed to initialise`;
        else reason = await smokeTest();
      } catch (e) {
        reason = errorMessage(e);
      }
    }
    if (!reason) {
      const info: BackendInfo = { backend: name, tfjsVersion: tf.version.tfjs, fallbackReasons };
      if (name === 'webgpu') {
        try {
          info.adapter = await describeWebGpuAdapter();
        } catch (e) {
          fallbackReasons.push({ backend: 'webgpu-adapter-info', reason: errorMessage(e) });
        }
      }
      return info;
    }
    fallbackReasons.push({ backend: name, reason });
  }
  throw new Error(`No tfjs backend works here: ${fallbackReasons.map((r) => `${r.backend}: ${r.reason}`).join('; ')}`);
}
