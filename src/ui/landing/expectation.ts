/**
 * What to expect on this device, in words, from the backend state already in the store: which tfjs backend runs,
 * on which adapter, and whether that adapter is a software one (SwiftShader and the like: correct but slow).
 */
import type { BackendStatus } from '../../state/slices/backendSlice';
import type { BackendReport } from '../../worker/protocol';

export interface DeviceExpectation {
  /** 'ok' (a hardware GPU), 'slow' (software adapter, WebGL, CPU), 'wait' (starting), 'bad' (nothing runs). */
  level: 'ok' | 'slow' | 'wait' | 'bad';
  /** One line: the backend and adapter. */
  what: string;
  /** One or two sentences: what a run will feel like here. */
  expect: string;
}

export function deviceExpectation(status: BackendStatus, backend: BackendReport | null, error: string | null): DeviceExpectation {
  if (status === 'starting') return { level: 'wait', what: 'Starting the compute backend…', expect: 'This takes a few seconds; the cards work once it is up.' };
  if (status === 'failed' || !backend) {
    return {
      level: 'bad',
      what: 'No compute backend could start.',
      expect: `Nothing can train on this device${error ? ` (${error})` : ''}. Recorded runs will still play once they exist.`,
    };
  }
  const a = backend.adapter;
  const adapter = a ? [a.vendor, a.architecture].filter(Boolean).join(' · ') || 'unknown adapter' : null;
  const software = a?.isFallbackAdapter === true;
  const what = `${backend.backend}${adapter ? ` on ${adapter}` : ''}${software ? ' (a software adapter)' : ''}`;
  if (backend.backend === 'webgpu' && !software) {
    return { level: 'ok', what, expect: 'A GPU runs the training: the first-look presets finish in about a minute, real runs take longer.' };
  }
  if (backend.backend === 'webgpu') {
    return {
      level: 'slow',
      what,
      expect: 'WebGPU runs on the CPU through a software adapter: every result is correct, but runs are many times slower than on a GPU. Start with the first-look presets and expect minutes, not seconds.',
    };
  }
  if (backend.backend === 'webgl') {
    return { level: 'slow', what, expect: 'WebGPU is not available, so training uses WebGL: it works, but more slowly. The first-look presets are the place to start.' };
  }
  return {
    level: 'slow',
    what,
    expect: 'No GPU backend is available, so training runs on the CPU: only the first-look presets are practical here.',
  };
}
