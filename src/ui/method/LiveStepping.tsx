/**
 * Watching a live search slowly: "Next event" (run the paused search until its next key moment — a shrink event, a
 * pruning round, a scored candidate — then pause) and a speed choice (slow motion: a wait between optimisation steps,
 * done by the worker's run loop). The latest key moment is announced through aria-live.
 */
import type { MethodDescriptor } from '../../methods/descriptor';
import { nextEventMethod } from '../../state/methodActions';
import type { MethodRunStore } from '../../state/methodRuns';
import { useStore } from '../../state/store';
import { SpeedSelect } from '../common/SpeedSelect';

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
  const canSeek = ready && state !== 'running' && state !== 'diverged';
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
      <SpeedSelect id={`${m.id}-pace`} />
      <p className="small event-line" role="status" aria-live="polite" data-testid="event-line">
        {eventLine(lastEvent, seeking)}
      </p>
    </div>
  );
}
