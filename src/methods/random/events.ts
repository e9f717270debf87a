/** Random search's key moments in a snapshot: each scored candidate, and a new best (pure). */
import type { RandomSnapshot } from './snapshot';

export function randomEvents(snap: RandomSnapshot, prev: RandomSnapshot | null): string[] {
  const scored = (s: RandomSnapshot | null) => new Set((s?.candidates ?? []).filter((c) => c.valAccuracy !== null).map((c) => c.index));
  const had = scored(prev);
  const out: string[] = [];
  for (const c of snap.candidates) {
    if (c.valAccuracy === null || had.has(c.index)) continue;
    const best = snap.bestIndex === c.index ? ' (new best)' : '';
    out.push(`Candidate ${c.index + 1} scored ${(100 * c.valAccuracy).toFixed(1)} % on validation${best}`);
  }
  if (prev && prev.phase !== snap.phase && snap.phase === 'final') out.push('The best candidate is retrained from scratch');
  return out;
}
