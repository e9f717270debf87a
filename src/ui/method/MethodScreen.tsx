/**
 * The screen of any registered NAS method, generated from its descriptor: the settings form (from its fields, with
 * presets and "?" texts), the shared run controls bound to the method's own run, progress, then the method's own
 * view (live charts, result details) loaded lazily, the common result record and "Retrain from scratch". With a
 * recorded run open (state/replay) the run controls give way to the replay's player and the result is the recording's.
 */
import { useEffect, useState } from 'react';
import type { MethodDescriptor } from '../../methods/descriptor';
import type { MethodView } from '../../methods/viewTypes';
import { exportMethodResult, pauseMethod, resetMethod, resumeMethod, startMethod, stepMethod } from '../../state/methodActions';
import { methodRunStore, onMethodSnapshot } from '../../state/methodRuns';
import { ResumeBanner } from '../common/ResumeBanner';
import { redrawReplay, replayStore } from '../../state/replay';
import { replayRunStore } from '../../state/replayRun';
import { useStore } from '../../state/store';
import { RunButtons, type RunTarget } from '../common/RunButtons';
import { GroupForm } from '../common/GroupForm';
import { LessonPanel } from './LessonPanel';
import { EstimateLine } from './EstimateLine';
import { LiveStepping } from './LiveStepping';
import { MethodStatus } from './MethodStatus';
import { RecordingsRow } from './RecordingsRow';
import { ReplayPlayer } from './ReplayPlayer';
import { RecordCard } from '../common/RecordCard';
import { RetrainPanel } from './RetrainPanel';
import { DatasetLine } from './DatasetLine';
import { ErrorBoundary } from '../common/ErrorBoundary';

/** Load a method's view once and feed it the method's snapshots. */
function useMethodView(m: MethodDescriptor): { view: MethodView | null; error: string | null } {
  const [loaded, setLoaded] = useState<{ id: string; view: MethodView | null; error: string | null }>({ id: '', view: null, error: null });
  useEffect(() => {
    let alive = true;
    m.loadView().then(
      ({ view }) => alive && setLoaded({ id: m.id, view: view as MethodView, error: null }),
      (e: unknown) => alive && setLoaded({ id: m.id, view: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      alive = false;
    };
  }, [m]);
  const view = loaded.id === m.id ? loaded.view : null;
  useEffect(() => {
    if (!view) return undefined;
    const off = onMethodSnapshot(m.id, (snap) => view.onSnapshot(snap));
    redrawReplay(m.id); // a recording opened before the view was listening (a rec=1 link, another screen meanwhile)
    return off;
  }, [m, view]);
  return { view, error: loaded.id === m.id ? loaded.error : null };
}

export function MethodScreen({ method: m }: { method: MethodDescriptor }) {
  const run = methodRunStore(m.id);
  const state = run((s) => s.state);
  const record = run((s) => s.record);
  const steps = run((s) => s.progress?.done ?? 0);
  const config = useStore((s) => s.settings.configs[m.id]);
  const ready = useStore((s) => s.dataset !== null && s.backendStatus === 'ready');
  const { view, error } = useMethodView(m);
  // A recorded run on screen replaces the live run's controls, status and result (state/replay).
  const replaying = replayStore(m.id)((s) => s.recording !== null);
  const replayRecord = replayRunStore(m.id)((s) => s.record);
  const shown = replaying ? replayRecord : record;
  const locked = state === 'running' || state === 'paused' || state === 'diverged';
  const target: RunTarget = {
    state,
    ready,
    // A finished result, or (for methods with a live network, e.g. AtomNAS) the network as it stands when paused.
    canExport: record !== null || ((state === 'paused' || state === 'cancelled') && steps > 0),
    start: () => void startMethod(m),
    pause: () => void pauseMethod(m),
    resume: () => void resumeMethod(m),
    step: () => void stepMethod(m),
    reset: () => void resetMethod(m),
    exportModel: () => exportMethodResult(m),
    noun: 'search',
  };
  const Extra = view?.SettingsExtra;
  const Live = view?.Live;
  const Result = view?.Result;
  return (
    <div className={`train-layout method-layout ${m.id}-layout`} data-method={m.id}>
      <div className="side">
        <GroupForm group={m.settings} locked={locked}>
          {Extra && <Extra config={config} />}
        </GroupForm>
        <details className="panel differences">
          <summary>How this differs from the paper</summary>
          <p className="small">{m.differences}</p>
        </details>
      </div>
      <div className="main-col">
        <LessonPanel method={m} />
        <section className="panel" aria-labelledby={`${m.id}-run-title`}>
          <h2 id={`${m.id}-run-title`}>{replaying ? 'Recorded run' : 'Search'}</h2>
          {replaying ? (
            <ReplayPlayer method={m} />
          ) : (
            <>
              <ResumeBanner method={m.id} />
              <RunButtons target={target} />
              <DatasetLine config={config} />
              <EstimateLine method={m} run={run} />
              <LiveStepping method={m} run={run} />
              <MethodStatus method={m} run={run} />
              <RecordingsRow method={m} />
            </>
          )}
        </section>
        {error && (
          <p className="error-text" role="alert">
            This method’s view could not be loaded: {error}
          </p>
        )}
        {Live && (
          <ErrorBoundary what={`The ${m.tab} live view`}>
            <Live run={replaying ? replayRunStore(m.id) : run} config={config} />
          </ErrorBoundary>
        )}
        {shown && Result && (
          <ErrorBoundary what={`The ${m.tab} result view`} resetKey={shown}>
            <Result record={shown} />
          </ErrorBoundary>
        )}
        {shown && <RecordCard record={shown} title={`${m.tab} result${replaying ? ' (recorded)' : ''}`} />}
        {!replaying && <RetrainPanel method={m} run={run} />}
      </div>
    </div>
  );
}
