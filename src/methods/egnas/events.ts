/** Efficient Global NAS's key moments in a snapshot: each decided candidate, the trained baseline, and the stage changes (pure). */
import type { EgnasSnapshot } from './snapshot';

const WORD: Record<string, string> = { accept: 'accepted', neutral: 'neutral', fail: 'failed', keep: 'kept', revert: 'reverted', unmatched: 'no parameter match' };

export function egnasEvents(snap: EgnasSnapshot, prev: EgnasSnapshot | null): string[] {
  const out: string[] = [];
  const decided = new Set((prev?.candidates ?? []).filter((c) => c.valAccuracy !== null).map((c) => c.index));
  for (const c of snap.candidates) {
    if (c.valAccuracy === null || decided.has(c.index) || !(c.decision in WORD)) continue;
    out.push(`${c.phase} candidate L=${c.L}, C=${c.C}${c.change ? ` (${c.change})` : ''}: ${WORD[c.decision]} at ${(100 * c.valAccuracy).toFixed(1)} %`);
  }
  const b = snap.baseline;
  if (b && !prev?.baseline) out.push(`hand-designed baseline ×${b.width} (${b.params} params): ${b.valAccuracy === null ? 'diverged' : `val ${(100 * b.valAccuracy).toFixed(1)} %`}`);
  if (prev && prev.stage !== snap.stage) out.push(`Stage: ${snap.stage}`);
  return out;
}
