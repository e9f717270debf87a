/** Formatting for the profiler screen (pure). */
import type { LatencyProfile } from '../../core/latency/profileSchema';
import type { BackendReport } from '../../worker/protocol';

/** Milliseconds with 3 significant digits: 0.0123 → "0.0123 ms", 12.345 → "12.3 ms". */
export function ms(v: number): string {
  if (!Number.isFinite(v)) return '–';
  return `${Number(v.toPrecision(3))} ms`;
}

/** A share 0..1 as a percentage with no decimals: 0.9 → "90%". */
export function share(v: number): string {
  return Number.isFinite(v) ? `${Math.round(v * 100)}%` : '–';
}

/** A correlation with 2 decimals, "–" when undefined (NaN). */
export function corr(v: number): string {
  return Number.isFinite(v) ? v.toFixed(2) : '–';
}

/** "google swiftshader" or the backend name. */
export function adapterName(d: LatencyProfile['device']): string {
  return [d.adapterVendor, d.adapterArchitecture].filter(Boolean).join(' ') || d.adapterDescription || d.backend;
}

/**
 * Whether a profile was measured on the device the page runs on now: same backend, adapter vendor / architecture /
 * description and user agent. An imported profile from another machine says so next to its numbers.
 */
export function isThisDevice(d: LatencyProfile['device'], now: BackendReport | null, userAgent: string): boolean {
  if (!now) return false;
  const a = now.adapter;
  return (
    d.backend === now.backend &&
    d.adapterVendor === (a?.vendor ?? '') &&
    d.adapterArchitecture === (a?.architecture ?? '') &&
    d.adapterDescription === (a?.description ?? '') &&
    d.userAgent === userAgent
  );
}

/** "measured on this device" / "measured on google swiftshader (another device)". */
export function measuredWhere(p: LatencyProfile, now: BackendReport | null, userAgent: string): string {
  return isThisDevice(p.device, now, userAgent) ? 'measured on this device' : `measured on ${adapterName(p.device)} (another device or browser)`;
}

/** Name of a predictor row for tables. */
export const PREDICTOR_LABEL: Record<string, string> = {
  predictor: 'Predictor a·ΣLUT + b·#dispatches + c',
  lutSum: 'ΣLUT alone (no fit)',
  macs: 'MACs only (linear fit)',
  dispatches: '#dispatches only (linear fit)',
};
