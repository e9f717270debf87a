/**
 * Under the γ histogram: the latest shrink check in numbers and words. The histogram shows the live gates; an atom is
 * removed only when it is dead in the EMA weights too and the dead atoms' MACs reach the shrink threshold.
 */
import { useAtomNasReadouts } from './liveBuffer';

export function CheckLine() {
  const c = useAtomNasReadouts((s) => s.check);
  if (!c) return <p className="muted small check-line">The first shrink check reports here which atoms are dead and why they are or are not removed.</p>;
  return (
    <div className="small check-line" data-testid="an-check">
      <p>
        Check at step {c.step}: dead (|γ| ≤ threshold) in the live weights <strong>{c.deadLive}</strong>
        {c.deadEma !== null && (
          <>
            , in the EMA weights <strong>{c.deadEma}</strong>, in both <strong>{c.deadBoth}</strong>
            {c.deadLive > c.deadBoth ? ` (${c.deadLive - c.deadBoth} dead in live only)` : ''}
          </>
        )}
        .
      </p>
      <p>{c.reason}</p>
    </div>
  );
}
