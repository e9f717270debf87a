/** AutoSpace-style's key moments in a snapshot: the run's own event line (mutations, drops, payoff stages) (pure). */
import type { AutoSpaceSnapshot } from './snapshot';

export function autospaceEvents(snap: AutoSpaceSnapshot, prev: AutoSpaceSnapshot | null): string[] {
  const out: string[] = [];
  if (snap.event) out.push(snap.event);
  if (prev && prev.phase !== snap.phase) out.push(`Phase: ${snap.phase}`);
  return out;
}
