import { loadProgressText } from '../../data/loadProgress';
import { getMethod } from '../../methods/registry';
import { methodRunStore } from '../../state/methodRuns';
import { trainConfig } from '../../state/slices/settingsSlice';
import { useStore, type AppState } from '../../state/store';
import { percent } from '../common/format';

/** The Train run's line. */
function trainLine(s: AppState): string {
  const epochs = s.epochs.length;
  const total = s.progress?.totalEpochs ?? trainConfig(s.settings).epochs;
  const last = s.epochs.at(-1);
  const val = last ? `, validation accuracy ${percent(last.valAcc, 1)}` : '';
  switch (s.runState) {
    case 'running':
      // Without the counts: this line is announced, and n of m changes with every program.
      if (s.progress?.preparing) return 'Preparing the GPU for the first step…';
      return `Training: ${epochs} of ${total} epochs done${val}.`;
    case 'paused':
      return `Paused after step ${s.progress?.done ?? 0}${val}.`;
    case 'done':
      return s.test ? `Done. Test accuracy ${percent(s.test.acc)}.` : 'Done. Measuring test accuracy…';
    case 'diverged':
      return 'Training diverged (the loss became NaN) and was paused.';
    case 'error':
      return `The run failed: ${s.runError ?? s.runMessage ?? 'unknown error'}`;
    case 'cancelled':
      return 'Run cancelled.';
    default:
      return '';
  }
}

/**
 * The aria-live status line of the screen in view (Train, or a method's own search). It changes on state changes
 * and epoch ends only (not every step), so screen readers announce what matters without a flood.
 */
export function ProgressLine() {
  const screen = useStore((s) => s.settings.screen);
  const method = getMethod(screen);
  const run = methodRunStore(method?.id ?? '—');
  const m = run((r) => {
    const p = r.progress;
    const epochs = p && p.totalEpochs > 0 ? `, epoch ${Math.min(p.epoch, p.totalEpochs)} of ${p.totalEpochs}` : '';
    switch (r.state) {
      case 'running':
        return p?.preparing ? 'Preparing the GPU for the first step…' : `Searching${epochs}.`;
      case 'paused':
        return `Search paused after step ${p?.done ?? 0}${epochs}.`;
      case 'done':
        return r.record ? `Search done. Test accuracy ${r.record.testAccuracy === null ? 'not measured' : percent(r.record.testAccuracy)}.` : 'Search done. Final evaluation…';
      case 'diverged':
        return 'The search diverged and was paused.';
      case 'error':
        return `The search failed: ${r.error ?? 'unknown error'}`;
      case 'cancelled':
        return 'Search stopped.';
      default:
        return '';
    }
  });
  const text = useStore((s) => {
    if (s.datasetLoading) return `${s.datasetProgress ? loadProgressText(s.datasetProgress) : `Loading ${s.datasetLoading}`}…`;
    if (s.backendStatus === 'starting') return 'Starting the compute backend…';
    const own = method ? m : trainLine(s);
    if (own) return own;
    return s.dataset ? `Ready: ${s.dataset.name}, ${s.dataset.n} images.` : 'Ready.';
  });
  return (
    <p className="progress-line" aria-live="polite" role="status" data-testid="progress-line">
      {text}
    </p>
  );
}
