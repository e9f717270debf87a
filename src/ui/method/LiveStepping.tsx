/**
 * Watching a live search slowly: "Next event" (run the paused search until its next key moment — a shrink event, a
 * pruning round, a scored candidate — then pause) and a speed choice (slow motion: a wait between optimisation steps,
 * done by the worker's run loop). The latest key moment is announced through aria-live.
 */
import type { MethodDescriptor } from '../../methods/descriptor';
import { nextEventMethod } from '../../state/methodActions';
import type { MethodRunStore } from '../../state/methodRuns';
import { PACES, livePace, setLivePace } from '../../state/livePace';
import { useStore } from '../../state/store';

/** The announcement of a run's latest key moment (exported for tests). */
export function eventLine(e: { step: number; events: string[]; stopped: boolean } | null, seeking: boolean): string {
  if (seeking) return 'Running to the next event…';
  if (!e) return '';
  return `${e.stopped ? 'Paused at' : 'Event at'} step ${e.step}: ${e.events.join('; ')}.`;
}

export function LiveStepping({ method: m, run }: { method: MethodDescriptor; run: MethodRunStore }) {
  const state = run((s) => s.state);
  const seeking = run((s) => s.seeking);
  const lastEvent = run((s) => s.lastEvent);
  const ready = useStore((s) => s.dataset !== null && s.backendStatus === 'ready');
  const pace = livePace((s) => s.ms);
  const canSeek = ready && state !== 'running' && state !== 'diverged';
  const id = `${m.id}-pace`;
  return (
    <div className="live-stepping button-row" role="group" aria-label="Watch slowly">
      <button
        type="button"
        className="button"
        disabled={!canSeek}
        title="Run until the search's next key moment (e.g. a shrink event, a pruning round, a scored candidate), then pause (n)"
        onClick={() => void nextEventMethod(m)}
      >
        Next event
      </button>
      <label htmlFor={id} className="small">
        Speed
      </label>
      <select id={id} value={pace} onChange={(e) => void setLivePace(Number(e.target.value))} title="Slow motion: wait between optimisation steps so you can watch each one">
        {PACES.map((p) => (
          <option key={p.ms} value={p.ms}>
            {p.label}
          </option>
        ))}
      </select>
      <p className="small event-line" role="status" aria-live="polite" data-testid="event-line">
        {eventLine(lastEvent, seeking)}
      </p>
    </div>
  );
}
