/**
 * The backend probe's worker (issue 15 §6): times training steps of engine/backendProbe's workload on one backend per
 * request and posts each step. It loads only what that needs, so it starts fast; the main thread (state/backendProbe.ts)
 * terminates it when a backend's share of the time limit is spent, and starts a fresh one for the next backend.
 */
import '../core/zodJitless'; // first: before zod loads (CSP: no eval)
import { initBackend } from '../engine/backend';
import { runProbeSteps } from '../engine/backendProbe';
import { installFastCpuKernels } from '../engine/cpuKernels';
import type { ProbeRunRequest, ProbeWorkerEvent } from './protocol';

interface ProbeScope {
  postMessage(message: ProbeWorkerEvent): void;
  onmessage: ((ev: MessageEvent<ProbeRunRequest>) => void) | null;
}
const scope = self as unknown as ProbeScope;

async function run({ backend, timedSteps }: ProbeRunRequest): Promise<void> {
  try {
    const info = await initBackend([backend]);
    if (info.backend !== backend) throw new Error(`${info.backend} started instead`);
    if (backend === 'cpu') installFastCpuKernels(); // as the app's worker does on the CPU backend
    const stepMs = await runProbeSteps(timedSteps, (index, ms) => scope.postMessage({ type: 'probe/step', backend, index, ms }));
    scope.postMessage({ type: 'probe/done', backend, stepMs });
  } catch (e) {
    scope.postMessage({ type: 'probe/failed', backend, reason: e instanceof Error ? e.message : String(e) });
  }
}

scope.onmessage = (ev) => {
  if (ev.data?.type === 'probe/run') void run(ev.data);
};
scope.postMessage({ type: 'probe/ready' });
