import { trainConfig } from '../../state/slices/settingsSlice';
import { useStore } from '../../state/store';
import { percent } from '../common/format';

/**
 * The aria-live status line. It changes on state changes and epoch ends only (not every step), so screen readers
 * announce what matters without a flood.
 */
export function ProgressLine() {
  const text = useStore((s) => {
    if (s.datasetLoading) return `Loading ${s.datasetLoading}…`;
    if (s.backendStatus === 'starting') return 'Starting the compute backend…';
    const epochs = s.epochs.length;
    const total = s.progress?.totalEpochs ?? trainConfig(s.settings).epochs;
    const last = s.epochs.at(-1);
    const val = last ? `, validation accuracy ${percent(last.valAcc, 1)}` : '';
    switch (s.runState) {
      case 'running':
        return `Training: ${epochs} of ${total} epochs done${val}.`;
      case 'paused':
        return `Paused after step ${s.progress?.done ?? 0}${val}.`;
      case 'done':
        return s.test ? `Done. Test accuracy ${percent(s.test.acc)}.` : 'Done. Measuring test accuracy…';
      case 'diverged':
        return 'Training diverged and was paused: see below for what happened and what to try.';
      case 'error':
        return `The run failed: ${s.runError ?? s.runMessage ?? 'unknown error'}`;
      case 'cancelled':
        return 'Run cancelled.';
      default:
        return s.dataset ? `Ready: ${s.dataset.name}, ${s.dataset.n} images.` : 'Ready.';
    }
  });
  return (
    <p className="progress-line" aria-live="polite" role="status" data-testid="progress-line">
      {text}
    </p>
  );
}
