/**
 * Start / Pause / Step / Reset / Export: one set of run controls for every screen (Train and each method). Names
 * are stable so shortcuts, tests and screen readers agree. "Start" reads "Resume" when it resumes a paused run.
 */
import type { RunState } from '../../worker/protocol';
import { FORMAT_LABELS, type ModelFormat } from './modelFiles';
import { ExportStatus, useExportModel, type ExportFn } from './useExportModel';

export interface RunTarget {
  state: RunState;
  /** A dataset is loaded and the backend is ready. */
  ready: boolean;
  /** A network with at least one step exists for export. */
  canExport: boolean;
  start(): void;
  pause(): void;
  resume(): void;
  step(): void;
  reset(): void;
  exportModel: ExportFn;
  /** "run" or "search" (titles). */
  noun: string;
}

export function RunButtons({ target: t }: { target: RunTarget }) {
  const exp = useExportModel(t.exportModel);
  const active = t.state === 'running' || t.state === 'paused' || t.state === 'diverged';
  const blocked = !t.ready || t.state === 'running' || t.state === 'diverged';
  return (
    <div className="controls">
      <div className="button-row" role="group" aria-label="Run controls">
        <button
          type="button"
          className="button primary"
          disabled={blocked}
          title={t.state === 'paused' ? `Resume the paused ${t.noun} (Space)` : `Start a new ${t.noun} with these settings (Space)`}
          onClick={() => (t.state === 'paused' ? t.resume() : t.start())}
        >
          {t.state === 'paused' ? 'Resume' : 'Start'}
        </button>
        <button type="button" className="button" disabled={t.state !== 'running'} title="Pause after the current step (Space)" onClick={() => t.pause()}>
          Pause
        </button>
        <button type="button" className="button" disabled={blocked} title="Run exactly one step (.)" onClick={() => t.step()}>
          Step
        </button>
        <button type="button" className="button" disabled={t.state === 'idle'} title={`Stop the ${t.noun} and clear its charts (r)`} onClick={() => t.reset()}>
          Reset
        </button>
        <button
          type="button"
          className="button"
          disabled={!t.canExport || exp.busy}
          title="Download this screen's result network in the chosen format (tfjs, ONNX or PyTorch) with its archspec.json"
          onClick={() => void exp.run()}
        >
          {exp.busy ? 'Exporting…' : 'Export model'}
        </button>
        <select aria-label="Export format" value={exp.format} onChange={(e) => exp.setFormat(e.target.value as ModelFormat)}>
          {(Object.keys(FORMAT_LABELS) as ModelFormat[]).map((f) => (
            <option key={f} value={f}>
              {FORMAT_LABELS[f]}
            </option>
          ))}
        </select>
      </div>
      {active && t.state !== 'diverged' && <span className="muted small">Reset cancels the {t.noun}.</span>}
      <ExportStatus error={exp.error} status={exp.status} />
    </div>
  );
}
