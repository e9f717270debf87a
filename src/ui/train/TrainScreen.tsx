import type { ScreenCommands } from '../screens';
import { resetRun, stepRun, togglePlay } from '../../state/trainActions';
import { useStore } from '../../state/store';
import { RecordCard } from '../common/RecordCard';
import { DatasetPanel } from './DatasetPanel';
import { Readouts } from './Readouts';
import { RunCardView } from './RunCardView';
import { RunControls } from './RunControls';
import { RunOutcome } from './RunOutcome';
import { RunProgress } from './RunProgress';
import { ResumeBanner } from '../common/ResumeBanner';
import { SettingsForm } from './SettingsForm';
import { TrainCharts } from './TrainCharts';

export const trainCommands: ScreenCommands = {
  playPause: () => void togglePlay(),
  step: () => void stepRun(),
  reset: () => void resetRun(),
};

/** Train the baseline: data and settings on the left, the run on the right. */
export function TrainScreen() {
  const record = useStore((s) => s.record);
  return (
    <div className="train-layout">
      <div className="side">
        <DatasetPanel />
        <SettingsForm />
      </div>
      <div className="main-col">
        <section className="panel" aria-labelledby="run-title">
          <h2 id="run-title">Run</h2>
          <ResumeBanner />
          <RunControls />
          <RunProgress />
          <Readouts />
          <RunOutcome />
        </section>
        <TrainCharts />
        {record ? <RecordCard record={record} title="Run record" /> : <RunCardView />}
      </div>
    </div>
  );
}
