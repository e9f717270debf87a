/** AtomNAS's key moments in a snapshot: its shrink events (pure). */
import type { AtomNasSnapshot } from './snapshot';

export function atomnasEvents(snap: AtomNasSnapshot): string[] {
  return snap.events.map(
    (e) => `Shrink at step ${e.step}: ${e.removedAtoms} dead atoms removed, ${Math.round(e.macsBefore).toLocaleString('en-US')} → ${Math.round(e.macsAfter).toLocaleString('en-US')} MACs`,
  );
}
