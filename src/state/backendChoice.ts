/**
 * Decide the backend before the app's worker starts (issue 15 §6): a pinned one (`backend=` in the link); WebGPU on a
 * hardware adapter; on a software adapter the fastest backend of a timed probe, kept per device in localStorage so the
 * probe runs once. The rules are in core/backendChoice.ts; the timing in state/backendProbe.ts.
 */
import {
  cacheText,
  choiceWithoutProbe,
  deviceKey,
  isSoftwareAdapter,
  pickFastest,
  readCachedChoice,
  type AdapterBrief,
  type BackendChoice,
  type BackendId,
  type ProbeResult,
} from '../core/backendChoice';
import { readAdapterIdentity, type AdapterLike } from '../core/adapterInfo';
import { probeBackends } from './backendProbe';

export const CHOICE_STORAGE_KEY = 'nas-playground.backend-choice';

export interface ChoiceDeps {
  /** The WebGPU adapter the browser offers, or null (with why) when there is none. */
  queryAdapter: () => Promise<{ adapter: AdapterBrief | null; why?: string }>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  userAgent: string;
  probe: (candidates: readonly BackendId[]) => Promise<ProbeResult[]>;
  now: () => Date;
}

/** Probe order: the CPU first (it compiles nothing, so its share is short), WebGPU last. */
const PROBE_ORDER: readonly BackendId[] = ['cpu', 'webgl', 'webgpu'];

/** The backend to start on, and why. Never throws: a failing adapter query or storage falls back to the default. */
export async function chooseBackend(pinned: BackendId | undefined, deps: ChoiceDeps): Promise<BackendChoice> {
  if (pinned) return choiceWithoutProbe(pinned, null);
  let q: { adapter: AdapterBrief | null; why?: string };
  try {
    q = await deps.queryAdapter();
  } catch (e) {
    q = { adapter: null, why: e instanceof Error ? e.message : String(e) };
  }
  if (!q.adapter || !isSoftwareAdapter(q.adapter)) return choiceWithoutProbe(undefined, q.adapter, q.why);
  const adapter = q.adapter;
  const key = deviceKey(adapter, deps.userAgent);
  let cached: BackendChoice | null = null;
  try {
    cached = readCachedChoice(deps.storage?.getItem(CHOICE_STORAGE_KEY) ?? null, key);
  } catch {
    cached = null;
  }
  if (cached) return cached;
  const probe = await deps.probe(PROBE_ORDER);
  const { backend, reason } = pickFastest(probe, adapter);
  const choice: BackendChoice = { mode: 'auto', backend, reason, probe, measuredAt: deps.now().toISOString(), fromCache: false };
  try {
    deps.storage?.setItem(CHOICE_STORAGE_KEY, cacheText(choice, key));
  } catch {
    // Storage full or blocked: the choice holds for this page; the next one measures again.
  }
  return choice;
}

interface GpuLike {
  requestAdapter(o?: { powerPreference?: string }): Promise<AdapterLike | null>;
}

/** The adapter tfjs-backend-webgpu will get (same power preference), read on the main thread without tfjs. */
export async function browserAdapter(): Promise<{ adapter: AdapterBrief | null; why?: string }> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (!gpu) return { adapter: null, why: 'navigator.gpu is not available in this browser' };
  const a = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!a) return { adapter: null, why: 'requestAdapter() returned null' };
  return { adapter: await readAdapterIdentity(a) };
}

/** The browser's dependencies (localStorage may throw when storage is blocked). */
export function browserChoiceDeps(onBackend?: (b: BackendId, shareMs: number) => void): ChoiceDeps {
  let storage: ChoiceDeps['storage'] = null;
  try {
    storage = globalThis.localStorage ?? null;
  } catch {
    storage = null;
  }
  return {
    queryAdapter: browserAdapter,
    storage,
    userAgent: globalThis.navigator?.userAgent ?? '',
    probe: (c) => probeBackends(c, { onBackend }),
    now: () => new Date(),
  };
}
