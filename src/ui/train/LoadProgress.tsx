import { loadProgressText } from '../../data/loadProgress';
import { useStore } from '../../state/store';
import { cancelDatasetLoad } from '../../state/workerBridge';
import { timeLeft } from '../common/format';

/** A dataset load in progress: its stage and bytes, a bar, the time left in the stage, and Cancel (own files only). */
export function LoadProgress() {
  const loading = useStore((s) => s.datasetLoading);
  const p = useStore((s) => s.datasetProgress);
  const msLeft = useStore((s) => s.datasetMsLeft);
  if (!loading) return null;
  const text = p ? loadProgressText(p) : `Loading ${loading}`;
  const left = msLeft !== null ? ` · ${timeLeft(msLeft)}` : '';
  return (
    <div className="load-progress" data-testid="load-progress">
      <p className="muted small">
        {text}
        {left}…
      </p>
      {p && p.stage !== 'parse' && <progress max={Math.max(1, p.total)} value={p.done} aria-label="Loading progress" />}
      {loading !== 'built-in MNIST' && (
        <button type="button" className="button" onClick={() => cancelDatasetLoad()}>
          Cancel loading
        </button>
      )}
    </div>
  );
}
