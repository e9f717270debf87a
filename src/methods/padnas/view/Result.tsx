/** Start / Pause / Step / Cancel / Reset / Export, progress with the current phase, readouts and the found architecture. */
import { useStore } from '../../state/store';
import { compact, percent, sig } from '../common/format';
import { Hint } from '../common/Hint';
import { ExportStatus, useExportModel } from '../common/useExportModel';
import { RunProgress } from '../train/RunProgress';
import { CHART_HINTS } from './hints';
import { cancelPadNas, pausePadNas, resetPadNas, resumePadNas, startPadNas, stepPadNas } from './padnasActions';
import { usePadNas } from './padnasStore';

function Controls() {
  const appState = useStore((s) => s.runState);
  const appRunId = useStore((s) => s.runId);
  const ready = useStore((s) => s.dataset !== null && s.backendStatus === 'ready');
  const runId = usePadNas((s) => s.runId);
  const final = usePadNas((s) => s.final);
  const exp = useExportModel();
  const mine = appRunId !== null && appRunId === runId;
  const state = mine ? appState : 'idle';
  return (
    <div className="controls">
      <div className="button-row" role="group" aria-label="Search controls">
        <button type="button" className="button primary" disabled={!ready || state === 'running' || state === 'diverged'} onClick={() => void (state === 'paused' ? resumePadNas() : startPadNas())}>
          Start
        </button>
        <button type="button" className="button" disabled={state !== 'running'} onClick={() => void pausePadNas()}>
          Pause
        </button>
        <button type="button" className="button" disabled={!ready || state === 'running' || state === 'diverged'} onClick={() => void stepPadNas()}>
          Step
        </button>
        <button type="button" className="button" disabled={state !== 'running' && state !== 'paused'} onClick={() => void cancelPadNas()}>
          Cancel
        </button>
        <button type="button" className="button" disabled={runId === null && appState === 'idle'} onClick={() => void resetPadNas()}>
          Reset
        </button>
        <button type="button" className="button" disabled={exp.busy || !final} title="The found architecture, trained stand-alone: model.json, model.weights.bin, archspec.json" onClick={() => void exp.run()}>
          Export model
        </button>
      </div>
      <ExportStatus error={exp.error} status={exp.status} />
    </div>
  );
}

/** 1.84 → "1.84×". */
function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}×` : '–';
}

function latencyText(v: number, unit: 'ms' | 'MACs' | undefined): string {
  if (!Number.isFinite(v)) return '–';
  return unit === 'ms' ? `${v.toFixed(3)} ms` : `${compact(v)} MACs`;
}

function Readouts() {
  const s = usePadNas();
  const w = s.window;
  const items = [
    { label: 'Phase', value: s.runId ? s.phaseLabel || 'starting…' : '–', id: 'pad-phase' },
    { label: 'Search rounds done', value: String(s.stagesDone), id: 'pad-rounds' },
    { label: 'Latency window', value: w ? `${latencyText(w.lo, w.unit)} … ${latencyText(w.hi, w.unit)}` : '–', id: 'pad-window' },
    { label: 'Latency measured as', value: w ? (w.unit === 'ms' ? `predicted, profile ${w.profileName ?? ''}` : 'MACs (no device profile)') : '–', id: 'pad-unit' },
    { label: 'Supernet loss', value: Number.isFinite(s.loss) ? sig(s.loss) : '–', id: 'pad-loss' },
  ];
  return (
    <dl className="readouts">
      {items.map((i) => (
        <div key={i.id} className="readout">
          <dt>{i.label}</dt>
          <dd data-testid={i.id}>{i.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Result() {
  const final = usePadNas((s) => s.final);
  const error = usePadNas((s) => s.error);
  if (error) {
    return (
      <div className="outcome outcome-bad" role="alert" data-testid="padnas-error">
        <h3>The search failed</h3>
        <p>{error}</p>
      </div>
    );
  }
  if (!final) return null;
  return (
    <div className="outcome outcome-good" data-testid="padnas-result">
      <div className="panel-head">
        <h3>Found architecture</h3>
        <Hint label="Found architecture">{CHART_HINTS.result}</Hint>
      </div>
      <p className="genotype" data-testid="pad-genotype">
        {final.genotype.map((op, i) => `B${i + 1} ${op === 'skip' ? 'identity' : op}`).join(' · ')}
      </p>
      <dl className="readouts">
        <div className="readout">
          <dt>Latency{final.window.unit === 'ms' ? ', predicted' : ''}</dt>
          <dd>{latencyText(final.latency, final.window.unit)}</dd>
        </div>
        <div className="readout">
          <dt>MACs / params</dt>
          <dd>
            {compact(final.macs)} / {compact(final.params)}
          </dd>
        </div>
        <div className="readout">
          <dt>Baseline (every slot MB k3 e3)</dt>
          <dd data-testid="pad-baseline">
            {final.window.unit === 'ms' ? `${latencyText(final.baseline.latency, 'ms')} · ` : ''}
            {compact(final.baseline.macs)} MACs
          </dd>
        </div>
        <div className="readout">
          <dt>Found ÷ baseline</dt>
          <dd data-testid="pad-vs-baseline">
            {final.window.unit === 'ms' ? `latency ${ratio(final.latency, final.baseline.latency)} · ` : ''}MACs {ratio(final.macs, final.baseline.macs)}
          </dd>
        </div>
        <div className="readout">
          <dt>One-shot val accuracy</dt>
          <dd>{percent(final.oneShotAcc)}</dd>
        </div>
        <div className="readout">
          <dt>Test accuracy, trained stand-alone</dt>
          <dd data-testid="pad-test">{percent(final.testAcc)}</dd>
        </div>
      </dl>
    </div>
  );
}

export function PadNasRunPanel() {
  return (
    <section className="panel" aria-labelledby="padnas-run-title">
      <div className="panel-head">
        <h2 id="padnas-run-title">Search</h2>
        <Hint label="How the playground differs from the paper">{CHART_HINTS.differs}</Hint>
      </div>
      <Controls />
      <RunProgress />
      <p className="muted small" aria-live="polite" data-testid="pad-phase-live">
        {usePadNas((s) => s.phaseLabel)}
      </p>
      <Readouts />
      <Result />
    </section>
  );
}
