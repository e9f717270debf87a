import { trainConfig } from '../../state/slices/settingsSlice';
import { useStore } from '../../state/store';
import { resetRun } from '../../state/trainActions';
import { percent, sig } from '../common/format';

/** Test accuracy when the run ends, or what went wrong (divergence, error) and what to change. */
export function RunOutcome() {
  const test = useStore((s) => s.test);
  const state = useStore((s) => s.runState);
  const diverged = useStore((s) => s.diverged);
  const error = useStore((s) => s.runError);
  const lr = useStore((s) => trainConfig(s.settings).lr);
  const setConfig = useStore((s) => s.setConfig);
  if (state === 'diverged' && diverged) {
    const lower = Number((lr / 3).toPrecision(2));
    return (
      <div className="outcome outcome-bad" role="alert" data-testid="divergence">
        <h3>Training diverged at step {diverged.step + 1}</h3>
        <p>{diverged.message}</p>
        <p>
          An update was so large that the weights were thrown off (the loss became NaN, or stayed far above where it started). This is a
          property of the settings, not a bug. What usually helps: a lower learning rate, more warm-up steps, the cosine schedule, or another
          optimizer (SGD with momentum; Adam with a learning rate around 0.002).
        </p>
        <button
          type="button"
          className="button primary"
          onClick={() => {
            void resetRun().then(() => setConfig('train', { lr: lower }));
          }}
        >
          Reset with learning rate {lower}
        </button>
      </div>
    );
  }
  if (state === 'error' && error) {
    return (
      <div className="outcome outcome-bad" role="alert" data-testid="run-error">
        <h3>The run failed</h3>
        <p>{error}</p>
      </div>
    );
  }
  if (test) {
    return (
      <div className="outcome outcome-good" data-testid="test-result">
        <span className="outcome-label">Test accuracy</span>
        <span className="outcome-value" data-testid="test-accuracy">
          {percent(test.acc)}
        </span>
        <span className="muted small">test loss {sig(test.loss)} · measured once, on images never used for training or choices</span>
      </div>
    );
  }
  if (state === 'done') return <p className="muted">Measuring test accuracy…</p>;
  return null;
}
