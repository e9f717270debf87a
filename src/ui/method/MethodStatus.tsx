/** Progress (steps, epochs, time left), divergence (with a one-click fix) and errors of a method screen's own run. */
import type { MethodDescriptor } from '../../methods/descriptor';
import { lowerLearningRate, resetWithLearningRate } from '../../state/methodActions';
import type { MethodRunStore } from '../../state/methodRuns';
import { duration, preparingText, timeLeft } from '../common/format';

export function MethodStatus({ method, run }: { method: MethodDescriptor; run: MethodRunStore }) {
  const s = run((x) => x);
  const lower = s.diverged ? lowerLearningRate(method, s.config) : null;
  const p = s.progress;
  const pct = p && p.total > 0 ? Math.min(100, (100 * p.done) / p.total) : 0;
  return (
    <div className="run-status">
      {s.started && <p className="muted small">{s.started.summary}</p>}
      {p?.preparing && (
        <div className="progress" data-testid="method-preparing">
          <progress max={Math.max(1, p.preparing.total)} value={p.preparing.done} aria-label="Preparing the GPU" />
          <span className="small">{preparingText(p.preparing)}</span>
        </div>
      )}
      {p && !p.preparing && (
        <div className="progress" data-testid="method-progress">
          <progress max={p.total} value={p.done} aria-label="Search progress" />
          <span className="small">
            step {p.done} / {p.total}
            {p.totalEpochs > 0 ? ` · epoch ${Math.min(p.epoch, p.totalEpochs)} / ${p.totalEpochs}` : ''} · {pct.toFixed(0)}%
            {p.etaMs >= 0 && s.state === 'running' ? ` · ${timeLeft(p.etaMs, p.etaAtMost)}` : ''}
            {p.elapsedMs > 0 ? ` · ${duration(p.elapsedMs)} elapsed` : ''}
          </span>
        </div>
      )}
      {s.state === 'done' && !s.record && <p className="small">Finishing: final evaluation…</p>}
      {s.state === 'cancelled' && <p className="small">Stopped.</p>}
      {s.diverged && (
        <div role="alert" data-testid="method-diverged">
          <p className="error-text">The search was paused. {s.diverged.message}</p>
          {lower !== null && (
            <button type="button" className="button small primary" onClick={() => void resetWithLearningRate(method, lower)}>
              Reset with learning rate {lower}
            </button>
          )}
        </div>
      )}
      {s.error && (
        <p className="error-text" role="alert" data-testid="method-error">
          {s.error}
        </p>
      )}
    </div>
  );
}
