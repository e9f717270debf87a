import { TRAIN_GROUP } from '../../core/trainSettings';
import { useStore } from '../../state/store';
import { GroupForm } from '../common/GroupForm';
import { CostReadout } from './CostReadout';

/** Training settings (all in the URL) with "?" hints, presets and the network's live MACs/params. */
export function SettingsForm() {
  const runState = useStore((s) => s.runState);
  const locked = runState === 'running' || runState === 'paused' || runState === 'diverged';
  return (
    <GroupForm group={TRAIN_GROUP} locked={locked} presetLabels={{ quick: 'Quick demo', full: 'Full recipe' }}>
      <CostReadout />
    </GroupForm>
  );
}
