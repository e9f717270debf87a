/** Start / Pause / Step / Reset / Export, progress, live readouts, the result (no retrain vs retrain) and the events. */
import { predictedLabel } from '../../core/atomnasLatency';
import { useStore } from '../../state/store';
import { compact, percent, sig } from '../common/format';
import { Hint } from '../common/Hint';
import { ExportStatus, useExportModel } from '../common/useExportModel';
import { RunProgress } from '../train/RunProgress';
import { pauseAtomNas, resetAtomNas, resumeAtomNas, retrainFound, startAtomNas, stepAtomNas } from './atomnasActions';
import { AtomNasRunCard } from './AtomNasRunCard';
import { useAtomNas } from './atomnasStore';
import { CHART_HINTS } from './hints';
import { useLatencyPenaltyStatus } from './latencyStatus';

/** "1.234 ms", or why there is no number. */
function ms(v: number): string {
  return Number.isFinite(v) ? `${v.toFixed(v < 10 ? 3 : 1)} ms` : 'not priced';
}

function Controls() {
  const appState = useStore((s) => s.runState);
  const appRunId = useStore((s) => s.runId);
  const ready = useStore((s) => s.dataset !== null && s.backendStatus === 'ready');
  const app = { state: appState, runId: appRunId, ready };
  const runId = useAtomNas((s) => s.runId);
  const step = useAtomNas((s) => s.step);
  const final = useAtomNas((s) => s.final);
  const exp = useExportModel();
  const mine = app.runId !== null && app.runId === runId;
  const state = mine ? app.state : 'idle';
  // A new run with the latency penalty needs a profile that prices the supernet (resuming a paused one does not).
  const penalty = useStore((s) => s.settings.apen);
  const latency = useLatencyPenaltyStatus();
  const blocked = state !== 'paused' && penalty === 'latency' && !latency.usable ? `The latency penalty cannot be used: ${latency.reason ?? ''}` : undefined;
  return (
    <div className="controls">
      <div className="button-row" role="group" aria-label="Search controls">
        <button
          type="button"
          className="button primary"
          disabled={!app.ready || state === 'running' || state === 'diverged' || blocked !== undefined}
          title={blocked}
          onClick={() => void (state === 'paused' ? resumeAtomNas() : startAtomNas())}
        >
          Start
        </button>
        <button type="button" className="button" disabled={state !== 'running'} onClick={() => void pauseAtomNas()}>
          Pause
        </button>
        <button type="button" className="button" disabled={!app.ready || state === 'running' || state === 'diverged' || blocked !== undefined} title={blocked} onClick={() => void stepAtomNas()}>
          Step
        </button>
        <button type="button" className="button" disabled={runId === null && app.state === 'idle'} onClick={() => void resetAtomNas()}>
          Reset
        </button>
        <button type="button" className="button" disabled={exp.busy || runId === null || (step < 1 && !final)} title="The current (pruned) network: model.json, model.weights.bin, archspec.json" onClick={() => void exp.run()}>
          Export model
        </button>
      </div>
      <ExportStatus error={exp.error} status={exp.status} />
    </div>
  );
}

function Readouts() {
  const s = useAtomNas();
  const kept = s.macs / s.supernetMacs;
  const items = [
    { label: 'Step', value: s.runId ? String(s.step) : '–', id: 'an-step' },
    { label: 'MACs now', value: Number.isFinite(s.macs) ? `${compact(s.macs)} (${percent(kept, 1)})` : '–', id: 'an-macs' },
    { label: 'Params now', value: Number.isFinite(s.params) ? compact(s.params) : '–', id: 'an-params' },
    { label: 'Supernet MACs', value: Number.isFinite(s.supernetMacs) ? compact(s.supernetMacs) : '–', id: 'an-supernet-macs' },
    { label: 'Val accuracy', value: s.val ? percent(s.val.acc) : '–', id: 'an-val' },
    { label: 'Training loss', value: Number.isFinite(s.loss) ? sig(s.loss) : '–', id: 'an-loss' },
    { label: 'ρ(t)', value: Number.isFinite(s.rhoNow) ? s.rhoNow.toExponential(2) : '–', id: 'an-rho' },
    { label: 'Shrink events', value: String(s.events.length), id: 'an-events' },
  ];
  if (s.plannedMacs !== null) items.push({ label: 'Planned MACs', value: compact(s.plannedMacs), id: 'an-planned' });
  if (s.profile) {
    // Never a measurement: the label says where the number comes from.
    const keptMs = s.latencyMs / s.supernetLatencyMs;
    items.push({
      label: `Latency now, ${predictedLabel(s.profile.name)}`,
      value: Number.isFinite(s.latencyMs)
        ? `${ms(s.latencyMs)}${Number.isFinite(keptMs) ? ` (${percent(keptMs, 1)})` : ''}`
        : s.runId
          ? 'not priced: the profile cannot price this network'
          : '–',
      id: 'an-latency',
    });
  }
  return (
    <dl className="readouts">
      {items.map((i) => (
        <div key={i.id} className="readout">
          <dt>{i.label}</dt>
          <dd
            data-testid={i.id}
            data-value={i.id === 'an-macs' ? String(s.macs) : i.id === 'an-supernet-macs' ? String(s.supernetMacs) : i.id === 'an-latency' ? String(s.latencyMs) : undefined}
          >
            {i.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Result() {
  const final = useAtomNas((s) => s.final);
  const retrain = useAtomNas((s) => s.retrain);
  const error = useAtomNas((s) => s.error);
  const profile = useAtomNas((s) => s.profile);
  const finalMs = useAtomNas((s) => s.finalLatencyMs);
  const supernetMs = useAtomNas((s) => s.supernetLatencyMs);
  if (error) {
    return (
      <div className="outcome outcome-bad" role="alert" data-testid="atomnas-error">
        <h3>The search failed</h3>
        <p>{error}</p>
      </div>
    );
  }
  if (!final) return null;
  return (
    <div className="outcome outcome-good atomnas-result" data-testid="atomnas-result">
      <div className="panel-head">
        <h3>Found network</h3>
        <Hint label="Found network">{CHART_HINTS.result}</Hint>
      </div>
      <p>
        {compact(final.macs)} MACs ({percent(final.macs / final.supernetMacs, 1)} of the supernet), {compact(final.params)} params, {final.events.length} shrink events.
      </p>
      {profile && (
        <p data-testid="an-final-latency">
          Latency {ms(finalMs)} (supernet {ms(supernetMs)}), {predictedLabel(profile.name)}.
        </p>
      )}
      <dl className="readouts">
        <div className="readout">
          <dt>Test accuracy, no retraining</dt>
          <dd data-testid="an-test-noretrain">{percent(final.testAcc)}</dd>
        </div>
        <div className="readout">
          <dt>Test accuracy, retrained from scratch</dt>
          <dd data-testid="an-test-retrain">
            {retrain?.testAcc != null ? percent(retrain.testAcc) : retrain ? (retrain.error ?? `training… (${retrain.epochs.length} epochs done)`) : '–'}
          </dd>
        </div>
      </dl>
      <button type="button" className="button" disabled={retrain !== null && retrain.testAcc === null && retrain.error === null} onClick={() => void retrainFound()}>
        Retrain from scratch
      </button>
      <span className="muted small"> Same epochs and images as the search, the Train screen’s recipe. Export still gives the searched network.</span>
    </div>
  );
}

function EventLog() {
  const events = useAtomNas((s) => s.events);
  const kernels = useStore((s) => s.settings.ak).split('-');
  if (events.length === 0) return null;
  return (
    <details className="event-log">
      <summary>Shrink events ({events.length})</summary>
      <Hint label="Shrink events">{CHART_HINTS.events}</Hint>
      <table>
        <thead>
          <tr>
            <th scope="col">step</th>
            <th scope="col">atoms removed (block: {kernels.map((k) => `k${k}`).join('/')})</th>
            <th scope="col">MACs before → after</th>
            <th scope="col">params after</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.step}>
              <td>{e.step}</td>
              <td>{e.blocks.map((b) => `B${b.slot + 1}: ${b.perKernel.join('/')}${b.blockRemoved ? ' (block → identity)' : ''}`).join(' · ')}</td>
              <td>
                {compact(e.macsBefore)} → {compact(e.macsAfter)}
              </td>
              <td>{compact(e.paramsAfter)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function AtomNasRunPanel() {
  return (
    <section className="panel" aria-labelledby="atomnas-run-title">
      <h2 id="atomnas-run-title">Search</h2>
      <Controls />
      <RunProgress />
      <Readouts />
      <Result />
      <EventLog />
      <AtomNasRunCard />
    </section>
  );
}
