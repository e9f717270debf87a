/**
 * Start / Pause / Step / Reset / Export: one set of run controls for every screen (Train and each method). Names
 * are stable so shortcuts, tests and screen readers agree. "Start" reads "Resume" when it resumes a paused run.
 */
import { useState } from 'react';
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
  // Pause takes effect after the step in flight (a slow step can take seconds): say so at once.
  const [pausing, setPausing] = useState(false);
  const [seen, setSeen] = useState(t.state);
  if (seen !== t.state) {
    setSeen(t.state); // the run left 'running' (paused, done, failed): the pause request is over
    if (t.state !== 'running') setPausing(false);
  }
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
        <button
          type="button"
          className="button"
          disabled={t.state !== 'running' || pausing}
          title="Pause after the current step (Space)"
          onClick={() => {
            setPausing(true);
            t.pause();
          }}
        >
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
      {pausing && t.state === 'running' && (
        <span className="small" role="status" data-testid="pausing">
          Pausing after this step…
        </span>
      )}
      {active && t.state !== 'diverged' && <span className="muted small">Reset cancels the {t.noun}.</span>}
      <ExportStatus error={exp.error} status={exp.status} />
    </div>
  );
}
