/** `init`: pick the tfjs backend (webgpu → webgl → cpu) and report it with the reasons for any fallback. */
import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendInfo } from '../../engine/backend';
import { installFastCpuKernels } from '../../engine/cpuKernels';
import type { WorkerContext } from '../context';
import type { BackendReport } from '../protocol';
import type { HandlerTable } from '../registry';

export function toBackendReport(info: BackendInfo): BackendReport {
  return {
    backend: info.backend,
    tfjsVersion: info.tfjsVersion,
    fallbackReasons: info.fallbackReasons,
    adapter: info.adapter ?? null,
    crossOriginIsolated: (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated ?? false,
  };
}

/**
 * Report a lost WebGPU device and validation errors instead of hanging silently: after a device loss every pending
 * read-back waits forever, so the app (state/workerBridge) replaces this worker with one on the next backend and the
 * Train run resumes from its last checkpoint. The device is also left in the worker's scope as `nasGpuDevice`, so that
 * an e2e can destroy it and prove the recovery (e2e/gpu-lost.spec.ts).
 */
function watchDevice(ctx: WorkerContext): void {
  const device = (tf.backend() as { device?: GPUDevice }).device;
  if (!device) return;
  (globalThis as { nasGpuDevice?: GPUDevice }).nasGpuDevice = device;
  void device.lost.then((info) => {
    ctx.post({
      type: 'error',
      scope: 'gpu-lost',
      message: `The GPU device was lost (${info.reason || 'unknown reason'}${info.message ? `: ${info.message}` : ''}).`,
    });
  });
  let reported = 0;
  device.addEventListener('uncapturederror', (ev) => {
    if (reported++ < 3) ctx.post({ type: 'error', scope: 'gpu', message: `WebGPU error: ${(ev as GPUUncapturedErrorEvent).error.message}` });
  });
}

/** Initialise once per worker; later calls report the backend already chosen. */
export async function ensureBackend(ctx: WorkerContext, order?: Parameters<typeof initBackend>[0]): Promise<BackendInfo> {
  if (!ctx.backend) {
    ctx.backend = await initBackend(order);
    if (ctx.backend.backend === 'webgpu') watchDevice(ctx);
    // tfjs's own CPU kernels are 3.5× slower on a training step (engine/cpuKernels.ts); the CLI uses these too.
    if (ctx.backend.backend === 'cpu') installFastCpuKernels();
  }
  return ctx.backend;
}

export const backendHandlers: HandlerTable = {
  init: async (req, ctx) => {
    const report = toBackendReport(await ensureBackend(ctx, req.order));
    ctx.post({ type: 'backend', info: report });
    return report;
  },
};
