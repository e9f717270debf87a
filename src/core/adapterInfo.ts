/**
 * What a WebGPU adapter says about itself, read the same way by the worker (engine/backend.ts, for the header and
 * every saved run) and by the page before its worker starts (state/backendChoice.ts, for the backend choice). Only
 * structural types: no tfjs and no @webgpu/types (which lag behind `adapter.info`).
 */

/** The fields of `GPUAdapterInfo` that are read. */
export interface AdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}

/** The parts of a `GPUAdapter` that are read. */
export interface AdapterLike {
  info?: AdapterInfoLike;
  requestAdapterInfo?: () => Promise<AdapterInfoLike>;
  isFallbackAdapter?: boolean;
  features?: Iterable<string>;
}

/** An adapter's identity; `isFallbackAdapter` is false when the browser does not say. */
export interface AdapterIdentity {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  isFallbackAdapter: boolean;
}

/**
 * The adapter as the app reports it everywhere (the header, every saved run, the bench's results file): its identity
 * and its feature names. LATENCY.md: always log it; a fallback adapter such as SwiftShader is a CPU, and timings on it
 * say nothing about a GPU.
 */
export interface AdapterDescription extends AdapterIdentity {
  features: string[];
}

/**
 * Read the adapter's identity: `adapter.info` (the current API), else `requestAdapterInfo()` (removed from Chrome 131+,
 * but older browsers only have it), else nothing.
 */
export async function readAdapterIdentity(adapter: AdapterLike): Promise<AdapterIdentity> {
  let info: AdapterInfoLike = adapter.info ?? {};
  if (!adapter.info && typeof adapter.requestAdapterInfo === 'function') {
    try {
      info = await adapter.requestAdapterInfo();
    } catch {
      info = {};
    }
  }
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false,
  };
}
