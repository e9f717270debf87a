/**
 * The latency objective and window of a PAD-NAS run (pure): predicted latency from a device profile when one is given
 * ("predicted, profile X"), else MACs. The window's fractions are placed between the cheapest and the dearest
 * architecture of the full space, measured in the same unit.
 */
import { archCosts } from '../../core/costs';
import { predictLatency } from '../../core/latency/predict';
import type { LatencyProfile } from '../../core/latency/profileSchema';
import { extremeGenotypes, genotypeKey, genotypeSpec, type Genotype, type PadSkeleton } from '../../core/padnas/ops';
import type { PadNasWindow } from '../../core/padnas/snapshot';

export interface LatencyModel {
  /** Latency (ms or MACs, see `window.unit`) of a genotype, cached by genotype. */
  cost(g: Genotype): number;
  inWindow(g: Genotype): boolean;
  window: PadNasWindow;
  /** Why the profile was not used (it cannot price some op), or null. */
  notice: string | null;
}

/** Build the latency model of a run. */
export function latencyModel(sk: PadSkeleton, fullSpace: readonly (readonly string[])[], lo: number, hi: number, profile: LatencyProfile | null): LatencyModel {
  const macs = (g: Genotype) => archCosts(genotypeSpec(g, sk)).macs;
  let price: (g: Genotype) => number = macs;
  let unit: PadNasWindow['unit'] = 'MACs';
  let profileName: string | null = null;
  let notice: string | null = null;
  const { cheapest, dearest } = extremeGenotypes(fullSpace);
  if (profile) {
    const probe = [cheapest, dearest].map((g) => predictLatency(genotypeSpec(g, sk), profile));
    const missing = [...new Set(probe.flatMap((p) => p.missing))];
    if (probe.every((p) => Number.isFinite(p.ms))) {
      price = (g) => predictLatency(genotypeSpec(g, sk), profile).ms;
      unit = 'ms';
      profileName = profile.name;
    } else {
      notice = `The profile "${profile.name}" cannot price this skeleton (${missing.slice(0, 3).join(', ') || 'no predictor'}${missing.length > 3 ? ', …' : ''}); the window is in MACs instead. Measure a profile with the same skeleton (tiny / width) to search by latency.`;
    }
  }
  const cache = new Map<string, number>();
  const cost = (g: Genotype): number => {
    const k = genotypeKey(g);
    let v = cache.get(k);
    if (v === undefined) {
      v = price(g);
      if (!Number.isFinite(v)) v = Number.POSITIVE_INFINITY; // an op the profile cannot price never enters the window
      cache.set(k, v);
    }
    return v;
  };
  const min = cost(cheapest);
  const max = cost(dearest);
  const window: PadNasWindow = { lo: min + lo * (max - min), hi: min + hi * (max - min), unit, profileName, min, max };
  return { cost, inWindow: (g) => { const c = cost(g); return c >= window.lo && c <= window.hi; }, window, notice };
}
