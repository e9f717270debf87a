import { useStore } from '../../state/store';
import { exportModel, pauseRun, resetRun, resumeRun, startRun, stepRun } from '../../state/trainActions';
import { RunButtons, type RunTarget } from '../common/RunButtons';
import { SpeedSelect } from '../common/SpeedSelect';

/** The Train screen's run controls (the shared RunButtons bound to the Train run) and the slow-motion choice. */
export function RunControls() {
  const state = useStore((s) => s.runState);
  const ready = useStore((s) => s.dataset !== null && s.backendStatus === 'ready');
  const steps = useStore((s) => s.progress?.done ?? 0);
  const target: RunTarget = {
    state,
    ready,
    canExport: steps > 0 && state !== 'idle' && state !== 'error',
    start: () => void startRun(),
    pause: () => void pauseRun(),
    resume: () => void resumeRun(),
    step: () => void stepRun(),
    reset: () => void resetRun(),
    exportModel,
    noun: 'run',
  };
  return (
    <>
      <RunButtons target={target} />
      <div className="live-stepping button-row" role="group" aria-label="Watch slowly">
        <SpeedSelect id="train-pace" />
      </div>
    </>
  );
}
