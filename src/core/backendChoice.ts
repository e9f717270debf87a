/**
 * Which tfjs backend to train on (issue 15 §6). On a hardware WebGPU adapter it is WebGPU. When WebGPU is only a
 * software adapter (SwiftShader, llvmpipe and the like: a CPU pretending to be a GPU), a few training steps are timed on
 * each backend at startup and the fastest is used; the result is kept per device. The user can pin a backend
 * (`backend=` in the link), which skips all of this.
 *
 * Pure: the timings come from state/backendProbe.ts (throwaway workers), the adapter from the browser.
 */
import { z } from 'zod';
import type { AdapterIdentity } from './adapterInfo';

export type BackendId = 'webgpu' | 'webgl' | 'cpu';
export const BACKEND_IDS: readonly BackendId[] = ['webgpu', 'webgl', 'cpu'];
/** Order tried when nothing was measured or chosen (and the order of preference on a tie). */
export const DEFAULT_ORDER: readonly BackendId[] = ['webgpu', 'webgl', 'cpu'];
/** The whole probe's time limit, worker start-up included. */
export const PROBE_BUDGET_MS = 10_000;
/** Steps timed after the first one (which compiles the backend's programs and is timed apart). */
export const PROBE_TIMED_STEPS = 3;
/** What the probe trains: named in every message, so a reader knows what was timed. */
export const PROBE_WORKLOAD = 'the baseline network ×0.25 (tiny) on 28×28 images, batch 16';
/** Bump when the probe's workload or rule changes: older cached choices are then measured again. */
export const PROBE_VERSION = 1;

/** The WebGPU adapter as far as the choice needs it. */
export type AdapterBrief = AdapterIdentity;

/** One backend's probe. */
export interface ProbeResult {
  backend: BackendId;
  /**
   * timed: at least one step after the first was timed; first-only: the first step finished but no later one in
   * its share; unfinished: not even the first step in its share; failed: the backend did not start.
   */
  status: 'timed' | 'first-only' | 'unfinished' | 'failed';
  /** The first step, compilation included (ms). */
  firstMs?: number;
  /** Later steps (ms), in order. */
  stepMs: number[];
  /** Its share of the time limit (ms). */
  shareMs: number;
  /** Why it failed (status 'failed'). */
  reason?: string;
}

/** How the backend in use was chosen; shown in the header. */
export interface BackendChoice {
  mode: 'pinned' | 'auto';
  /** The backend asked for; the backend in use may still differ when it cannot start (see the backend report). */
  backend: BackendId;
  /** One sentence: why this backend. */
  reason: string;
  /** The timings behind an automatic choice on a software adapter. */
  probe?: ProbeResult[];
  /** The probe's date (ISO); with `fromCache`, when it was measured. */
  measuredAt?: string;
  fromCache?: boolean;
}

const SOFTWARE = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render|warp/i;

/** A software adapter: flagged as the fallback adapter, or named like a known software rasteriser. */
export function isSoftwareAdapter(a: AdapterBrief): boolean {
  return a.isFallbackAdapter || SOFTWARE.test([a.vendor, a.architecture, a.device, a.description].join(' '));
}

/** The adapter in a few words ("google swiftshader"). */
export function adapterName(a: AdapterBrief): string {
  return [a.vendor, a.architecture].filter(Boolean).join(' ') || a.description || 'unknown adapter';
}

/** What a cached choice is valid for: this adapter, in this browser version (the user agent), with this probe. */
export function deviceKey(a: AdapterBrief, userAgent: string): string {
  return [PROBE_VERSION, userAgent, a.vendor, a.architecture, a.device, a.description, a.isFallbackAdapter ? 'fallback' : 'hw'].join('|');
}

/** The backends to try, `first` first, then the rest in the default order (a failing choice still falls back). */
export function orderFor(first: BackendId): BackendId[] {
  return [first, ...DEFAULT_ORDER.filter((b) => b !== first)];
}

/** A step time for ranking: the median of the timed steps, else the first step (an upper bound), else none. */
export function rankMs(r: ProbeResult): number | undefined {
  if (r.status === 'timed' && r.stepMs.length > 0) {
    const s = [...r.stepMs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
  if (r.status === 'first-only' && r.firstMs !== undefined) return r.firstMs;
  return undefined;
}

function seconds(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(ms >= 1000 ? 1 : 2)} s`;
}

/** One backend's timing in words: "cpu 0.33 s/step", "webgpu: first step not done in 3.1 s". */
export function describeProbe(r: ProbeResult): string {
  switch (r.status) {
    case 'timed':
      return `${r.backend} ${seconds(rankMs(r) as number)}/step`;
    case 'first-only':
      return `${r.backend} ${seconds(r.firstMs as number)} for its first step (no second step in its ${seconds(r.shareMs)})`;
    case 'unfinished':
      return `${r.backend}: first step not done in its ${seconds(r.shareMs)}${r.backend === 'cpu' ? '' : ' (compiling its GPU programs)'}`;
    case 'failed':
      return `${r.backend} did not start (${r.reason ?? 'unknown reason'})`;
  }
}

/**
 * The fastest backend of a probe: the smallest `rankMs`; a tie (within 5 %) goes to the earlier of DEFAULT_ORDER.
 * When no backend finished a step, WebGPU stays (the default), and the reason says that nothing could be timed.
 */
export function pickFastest(results: readonly ProbeResult[], adapter: AdapterBrief): { backend: BackendId; reason: string } {
  const ranked = results
    .map((r) => ({ r, ms: rankMs(r) }))
    .filter((x): x is { r: ProbeResult; ms: number } => x.ms !== undefined)
    .sort((a, b) => (Math.abs(a.ms - b.ms) <= 0.05 * Math.min(a.ms, b.ms) ? DEFAULT_ORDER.indexOf(a.r.backend) - DEFAULT_ORDER.indexOf(b.r.backend) : a.ms - b.ms));
  const timings = results.map(describeProbe).join('; ');
  const lead = `WebGPU here is a software adapter (${adapterName(adapter)}: the CPU pretends to be a GPU), so training steps of ${PROBE_WORKLOAD} were timed on each backend`;
  if (ranked.length === 0) return { backend: 'webgpu', reason: `${lead}, but none finished a step in the time limit (${timings}); staying on webgpu.` };
  const best = ranked[0].r.backend;
  return { backend: best, reason: `${lead}: ${timings}. ${best} is the fastest here.` };
}

/** The choice when nothing needs measuring: a pinned backend, a hardware adapter, or no WebGPU at all. */
export function choiceWithoutProbe(pinned: BackendId | undefined, adapter: AdapterBrief | null, why?: string): BackendChoice {
  if (pinned) return { mode: 'pinned', backend: pinned, reason: `You chose ${pinned} (backend=${pinned} in the link); the automatic choice is off.` };
  if (!adapter) return { mode: 'auto', backend: 'webgpu', reason: `No WebGPU adapter${why ? ` (${why})` : ''}: the first backend that starts is used.` };
  return { mode: 'auto', backend: 'webgpu', reason: `WebGPU runs on a hardware adapter (${adapterName(adapter)}), the fastest way to train in a browser.` };
}

const probeSchema = z.object({
  backend: z.enum(['webgpu', 'webgl', 'cpu']),
  status: z.enum(['timed', 'first-only', 'unfinished', 'failed']),
  firstMs: z.number().nonnegative().optional(),
  stepMs: z.array(z.number().nonnegative()).max(100),
  shareMs: z.number().nonnegative(),
  reason: z.string().max(1000).optional(),
});
const cacheSchema = z.object({
  key: z.string().max(2000),
  backend: z.enum(['webgpu', 'webgl', 'cpu']),
  reason: z.string().max(4000),
  probe: z.array(probeSchema).max(3),
  measuredAt: z.string().max(40),
});
export type CachedChoice = z.infer<typeof cacheSchema>;

/** A cached automatic choice for `key`, or null when there is none, it is for another device, or it is unreadable. */
export function readCachedChoice(raw: string | null, key: string): BackendChoice | null {
  if (!raw) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = cacheSchema.safeParse(json);
  if (!parsed.success || parsed.data.key !== key) return null;
  const c = parsed.data;
  return { mode: 'auto', backend: c.backend, reason: c.reason, probe: c.probe, measuredAt: c.measuredAt, fromCache: true };
}

/** The text to cache for a probed choice on the device `key`. */
export function cacheText(choice: BackendChoice, key: string): string {
  const entry: CachedChoice = { key, backend: choice.backend, reason: choice.reason, probe: choice.probe ?? [], measuredAt: choice.measuredAt ?? new Date(0).toISOString() };
  return JSON.stringify(entry);
}
