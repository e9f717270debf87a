import { useState } from 'react';
import { cancelProfile, startProfile, undoDeleteProfile, useProfiler } from '../../state/profilerState';
import { trainConfig } from '../../state/slices/settingsSlice';
import { useStore } from '../../state/store';
import { timeLeft } from '../common/format';
import { useActiveRun } from '../common/useActiveRun';
import { Hint } from '../common/Hint';
import { cellPartsSummary, modeSummary } from './modes';

const PHASE_TEXT: Record<string, string> = {
  roofline: 'Measuring the roofline (peak matmul, memory bandwidth)',
  lut: 'Measuring the lookup table (one op at a time, interleaved)',
  e2e: 'Measuring whole networks end to end',
  done: 'Fitting the predictor',
};

/** Start / cancel a profiling run, with progress and ETA. */
export function ProfileRunPanel() {
  const [quick, setQuick] = useState(true);
  const [tiny, setTiny] = useState(trainConfig(useStore.getState().settings).tiny);
  const [cells, setCells] = useState(false);
  const run = useProfiler((s) => s.run);
  const message = useProfiler((s) => s.message);
  const ready = useStore((s) => s.backendStatus === 'ready');
  const fallback = useStore((s) => s.backend?.adapter?.isFallbackAdapter ?? false);
  const data = useStore((s) => s.dataset);
  const stored = useProfiler((s) => s.profiles);
  const width = useStore((s) => trainConfig(s.settings).width);
  const planOpts = {
    input: { height: data?.height ?? 28, width: data?.width ?? 28, channels: data?.channels ?? 1 },
    numClasses: data?.numClasses ?? 10,
    tiny,
    width,
  };
  const modes = { reduced: modeSummary('reduced', { ...planOpts, cells }, stored), full: modeSummary('full', { ...planOpts, cells }, stored) };
  const cellParts = cellPartsSummary(quick ? 'reduced' : 'full', planOpts, stored);
  const busy = run?.state === 'running' || run?.state === 'paused';
  const active = useActiveRun();
  const st = run?.status;
  const frac = st && st.unitsTotal > 0 ? st.unitsDone / st.unitsTotal : 0;
  return (
    <section className="panel" aria-labelledby="profile-run-title">
      <h2 id="profile-run-title">
        Measure{' '}
        <Hint label="Measure this device">
          Times every operation the search spaces use, at the shapes where it occurs, on this browser and GPU (inference only, 3+ warm-up
          runs, 21 samples of ≥ 5 ms each, median and MAD), then times random whole networks and fits a latency predictor on some of them,
          judged on the others. Keep this tab visible: samples taken while it is hidden are discarded.
        </Hint>
      </h2>
      <div className="controls">
        <label className="field-check">
          <input type="checkbox" checked={quick} disabled={busy} onChange={(e) => setQuick(e.target.checked)} /> Quick (reduced)
        </label>
        <label className="field-check">
          <input type="checkbox" checked={tiny} disabled={busy} onChange={(e) => setTiny(e.target.checked)} /> Tiny preset (stem stride 2)
        </label>
        <label className="field-check" data-testid="profile-cells">
          <input type="checkbox" checked={cells} disabled={busy} onChange={(e) => setCells(e.target.checked)} /> Also measure AutoSpace-style cell
          parts and time {cellParts.networks} cell networks (+{cellParts.entries} entries, {cellParts.time})
        </label>
        <Hint label="Cell parts">
          An AutoSpace-style cell is priced as the sum of its parts: its 1×1 expand and project, each edge (1×1 conv or depthwise 3×3 / 5×5 /
          7×7 at the resolution and stride where it occurs) and each node that sums several tensors. Ticked, the profile measures every part
          any cell can have at every slot of this skeleton, so an AutoSpace-style search with the latency objective prices cells by this
          device&apos;s latency; unticked, it prices them by MACs and says so. Ticked, it also times a few networks made of random cells end to
          end, never used to fit the predictor, to check the sum of parts against the sum plus a per-cell term (shown under the predictor
          report).
        </Hint>
      </div>
      <ul className="small mode-summary" data-testid="profile-modes">
        <li>
          <strong>Quick</strong> measures {modes.reduced.what}; {modes.reduced.time}.
        </li>
        <li>
          <strong>Full</strong> measures {modes.full.what}; {modes.full.time}.
        </li>
      </ul>
      <div className="button-row">
        <button
          type="button"
          className="button"
          disabled={!ready || busy || active !== null}
          aria-describedby={active ? 'profile-blocked' : undefined}
          onClick={() => void startProfile(quick ? 'reduced' : 'full', tiny, cells)}
        >
          Profile this device
        </button>
        <button type="button" className="button" disabled={!busy} onClick={() => void cancelProfile()}>
          Cancel
        </button>
      </div>
      {active && (
        <p id="profile-blocked" className="muted small" data-testid="profile-blocked">
          Profiling is off while {active.what} is in progress: it would skew every latency measured. Finish or reset it first.
        </p>
      )}
      {fallback && <p className="muted small">This is a software (fallback) adapter: useful to try the profiler, not to judge a GPU.</p>}
      {run && (
        <div className="run-progress">
          <div className="progress-head">
            <span className={`state-pill state-${run.state}`} data-testid="profile-state">
              {run.state}
            </span>
            {st && (
              <span className="muted small" data-testid="profile-progress-text">
                {PHASE_TEXT[st.phase]} · {st.unitsDone} / {st.unitsTotal} units · LUT {st.lut.warmed}/{st.lut.total} entries, sample round{' '}
                {st.lut.round}/{st.lut.rounds} · networks {st.e2e.warmed}/{st.e2e.total}, round {st.e2e.round}/{st.e2e.rounds}
                {busy && st.etaMs >= 0 && ` · ${timeLeft(st.etaMs)}`}
              </span>
            )}
          </div>
          <progress max={1} value={frac} aria-label="Profiling progress" />
          {/* Announced on phase and state changes only, not on every unit. */}
          <p className="visually-hidden" aria-live="polite">
            Profile {run.state}
            {st ? `: ${PHASE_TEXT[st.phase]}` : ''}
          </p>
          {st?.label && busy && <p className="muted small">Now: {st.label}</p>}
          {run.message && <p className="muted small">{run.message}</p>}
          {st && st.failures.length > 0 && (
            <p className="error-text" role="alert">
              {st.failures.length} entr{st.failures.length === 1 ? 'y' : 'ies'} failed: {st.failures.slice(0, 3).join('; ')}
            </p>
          )}
        </div>
      )}
      {message && (
        <p className={message.kind === 'error' ? 'error-text' : 'muted'} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="profiler-message">
          {message.text}
          {message.undo && (
            <>
              {' '}
              <button type="button" className="button" onClick={() => void undoDeleteProfile()}>
                Undo
              </button>
            </>
          )}
        </p>
      )}
    </section>
  );
}
