/**
 * Plausibility of the costs a profile gives (pure). The schema checks each number on its own; this checks what a search
 * computes from them: every layer's cost (a LUT median, or a per-channel fit slope·h + intercept) and the whole
 * prediction a·ΣLUT + b·#dispatches + c must be finite and positive. A negative intercept, for instance, passes the
 * schema but can price a thin block at ≤ 0 ms, and a search that ranks by such numbers is silently wrong.
 */
import type { ArchSpec } from '../archspec';
import { predictLatency } from './predict';
import type { LatencyProfile } from './profileSchema';

const num = (v: number): string => (Number.isFinite(v) ? v.toPrecision(3) : String(v));

/**
 * The profile entries that give `spec` a non-finite or non-positive cost, in plain words naming each entry; empty when
 * every cost is usable. Ops the profile does not cover at all are not listed here (callers report them as missing).
 */
export function unusableCosts(spec: ArchSpec, profile: LatencyProfile): string[] {
  const p = predictLatency(spec, profile);
  const bad: string[] = [];
  for (const l of p.layers) {
    if (l.source === 'missing' || l.key === null) continue;
    if (l.source === 'lut' && spec.layers[l.index]?.type === 'skip' && l.ms === 0) continue; // identity: free by design
    if (!(Number.isFinite(l.ms) && l.ms > 0)) {
      const entry = l.source === 'lut' ? `LUT entry "${l.key}"` : l.source === 'parts' ? `LUT entries "${l.key}" (a cell's parts)` : `per-channel fit "${l.key}"`;
      bad.push(`${entry} gives ${num(l.ms)} ms for layer ${l.index} of "${spec.name}"`);
    }
  }
  const pr = profile.predictor;
  if (pr && p.missing.length === 0 && !(Number.isFinite(p.ms) && p.ms > 0)) {
    bad.push(`the predictor (a = ${num(pr.a)}, b = ${num(pr.b)}, c = ${num(pr.c)} ms) gives ${num(p.ms)} ms for "${spec.name}"`);
  }
  return bad;
}

/**
 * Why a search must refuse `profile` for these specs (every entry that gives a non-finite or non-positive cost, up to
 * three named), or null when every cost is usable.
 */
export function costProblem(specs: readonly ArchSpec[], profile: LatencyProfile): string | null {
  const bad = [...new Set(specs.flatMap((s) => unusableCosts(s, profile)))];
  if (!bad.length) return null;
  const list = bad.length > 3 ? `${bad.slice(0, 3).join('; ')}; and ${bad.length - 3} more` : bad.join('; ');
  return (
    `The profile "${profile.name}" gives costs that are not positive numbers: ${list}. A search cannot rank ` +
    'architectures by them: measure the profile again, or choose another one.'
  );
}
