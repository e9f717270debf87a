import { describeProbe, type BackendId } from '../../core/backendChoice';
import { retimeBackends } from '../../state/workerBridge';
import { useStore } from '../../state/store';
import { useActiveRun } from '../common/useActiveRun';

const OPTIONS: readonly { value: 'auto' | BackendId; label: string }[] = [
  { value: 'auto', label: 'Auto' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'webgl', label: 'WebGL' },
  { value: 'cpu', label: 'CPU' },
];

/** The user's backend choice (`backend=` in the link): Auto, or one pinned backend. Locked while a run holds the worker. */
export function BackendPicker() {
  const pinned = useStore((s) => s.settings.backend);
  const setSettings = useStore((s) => s.setSettings);
  const probing = useStore((s) => s.backendProbing);
  const running = useActiveRun();
  const why = running ? `Stop ${running.what} to change the backend` : 'Which tfjs backend trains: Auto picks the fastest for this device';
  return (
    <select
      className="backend-picker"
      aria-label="Backend"
      data-testid="backend-picker"
      title={why}
      value={pinned ?? 'auto'}
      disabled={running !== null || probing !== null}
      onChange={(e) => {
        const v = e.target.value;
        setSettings({ backend: v === 'auto' ? undefined : (v as BackendId) });
      }}
    >
      {OPTIONS.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** "Why cpu?": the reason for the backend in use, with the startup timings behind an automatic choice. */
export function BackendWhy() {
  const choice = useStore((s) => s.backendChoice);
  const backend = useStore((s) => s.backend);
  const running = useActiveRun();
  if (!choice || !backend) return null;
  const differs = backend.backend !== choice.backend;
  return (
    <details className="backend-why" data-testid="backend-why">
      <summary>why {backend.backend}?</summary>
      <div className="backend-why-body" role="note">
        <p data-testid="backend-reason">{choice.reason}</p>
        {differs && (
          <p>
            {choice.backend} did not start here, so {backend.backend} is used:{' '}
            {backend.fallbackReasons.map((r) => `${r.backend}: ${r.reason}`).join('; ')}
          </p>
        )}
        {choice.probe && (
          <>
            <ul data-testid="backend-probe">
              {choice.probe.map((r) => (
                <li key={r.backend}>{describeProbe(r)}</li>
              ))}
            </ul>
            <p className="muted">
              {choice.fromCache ? 'Timed on this device on ' : 'Timed just now, '}
              {choice.measuredAt ? new Date(choice.measuredAt).toLocaleString() : ''}; kept for this browser and adapter.{' '}
              <button type="button" className="link-button" disabled={running !== null} onClick={() => retimeBackends()}>
                Time them again
              </button>
            </p>
          </>
        )}
        <p className="muted">Pick another backend in the menu beside it; the choice goes into the link (backend=…).</p>
      </div>
    </details>
  );
}
