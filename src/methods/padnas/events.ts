/** PAD-NAS's key moments in a snapshot: pruning rounds and phase changes (pure). */
import type { PadNasSnapshot } from './snapshot';

export function padnasEvents(snap: PadNasSnapshot, prev: PadNasSnapshot | null): string[] {
  const out: string[] = [];
  const before = prev?.stages.length ?? 0;
  for (const s of snap.stages.slice(before)) {
    const removed = s.removed.reduce((n, r) => n + r.length, 0);
    out.push(`${s.final ? 'Final choice' : `Pruning round ${s.round}`}: ${removed} ops removed from the space`);
  }
  if (prev && prev.phase !== snap.phase && snap.phase !== 'done' && snap.phase !== 'search') out.push(`Phase: ${snap.phaseLabel}`);
  return out;
}
