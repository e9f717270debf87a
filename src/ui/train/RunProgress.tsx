import { useStore } from '../../state/store';
import { duration, preparingText, timeLeft } from '../common/format';

const STATE_TEXT: Record<string, string> = {
  idle: 'Not started',
  running: 'Running',
  paused: 'Paused',
  done: 'Finished',
  cancelled: 'Cancelled',
  diverged: 'Diverged',
  error: 'Failed',
};

/** Progress bar with step, epoch and ETA. */
export function RunProgress() {
  const p = useStore((s) => s.progress);
  const state = useStore((s) => s.runState);
  const frac = p?.preparing ? (p.preparing.total > 0 ? p.preparing.done / p.preparing.total : 0) : p && p.total > 0 ? p.done / p.total : 0;
  return (
    <div className="run-progress">
      <div className="progress-head">
        <span className={`state-pill state-${state}`} data-testid="run-state">
          {STATE_TEXT[state] ?? state}
        </span>
        {p?.preparing && (
          <span className="muted small" data-testid="progress-preparing">
            {preparingText(p.preparing)}
          </span>
        )}
        {p && !p.preparing && (
          <span className="muted small" data-testid="progress-text">
            step {p.done.toLocaleString('en')} / {p.total.toLocaleString('en')} · epoch {Math.min(p.epoch + (p.done < p.total ? 1 : 0), p.totalEpochs)} / {p.totalEpochs}
            {state === 'running' && p.etaMs >= 0 && ` · ${timeLeft(p.etaMs, p.etaAtMost)}`}
            {p.elapsedMs > 0 && ` · ${duration(p.elapsedMs)} training time`}
          </span>
        )}
      </div>
      <progress max={1} value={frac} aria-label={p?.preparing ? 'Preparing the GPU' : 'Run progress'} />
    </div>
  );
}
