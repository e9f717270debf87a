import { useStore } from '../../state/store';
import { pauseRun, resetRun, resumeRun, startRun, stepRun } from '../../state/trainActions';
import { ExportStatus, useExportModel } from '../common/useExportModel';

/** Start / Pause / Step / Reset / Export model. Names are stable so shortcuts, tests and screen readers agree. */
export function RunControls() {
  const state = useStore((s) => s.runState);
  const hasData = useStore((s) => s.dataset !== null && s.backendStatus === 'ready');
  const steps = useStore((s) => s.progress?.done ?? 0);
  const exp = useExportModel();
  const active = state === 'running' || state === 'paused' || state === 'diverged';
  const canExport = steps > 0 && state !== 'idle' && state !== 'error' && !exp.busy;

  return (
    <div className="controls">
      <div className="button-row" role="group" aria-label="Run controls">
        <button
          type="button"
          className="button primary"
          disabled={!hasData || state === 'running' || state === 'diverged'}
          title={state === 'paused' ? 'Resume the paused run (Space)' : 'Start a new run with these settings (Space)'}
          onClick={() => void (state === 'paused' ? resumeRun() : startRun())}
        >
          Start
        </button>
        <button type="button" className="button" disabled={state !== 'running'} title="Pause after the current step (Space)" onClick={() => void pauseRun()}>
          Pause
        </button>
        <button
          type="button"
          className="button"
          disabled={!hasData || state === 'running' || state === 'diverged'}
          title="Run exactly one training step (.)"
          onClick={() => void stepRun()}
        >
          Step
        </button>
        <button type="button" className="button" disabled={state === 'idle'} title="Stop the run, free the network and clear the charts (r)" onClick={() => void resetRun()}>
          Reset
        </button>
        <button type="button" className="button" disabled={!canExport} title="Download model.json, model.weights.bin and archspec.json" onClick={() => void exp.run()}>
          Export model
        </button>
      </div>
      {active && state !== 'diverged' && <span className="muted small">Reset cancels the run.</span>}
      <ExportStatus error={exp.error} status={exp.status} />
    </div>
  );
}
