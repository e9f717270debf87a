/** The PAD-NAS screen: press Start, watch the search space of a single-path supernet prune itself under a latency window. */
import { useEffect } from 'react';
import type { ScreenCommands } from '../screens';
import { installPadNasRouting, resetPadNas, stepPadNas, togglePadNas } from './padnasActions';
import { PadNasCharts } from './PadNasCharts';
import { PadNasRunPanel } from './PadNasRunPanel';
import { PadNasSettingsForm } from './PadNasSettingsForm';
import './padnas.css';

export const padnasCommands: ScreenCommands = {
  playPause: () => void togglePadNas(),
  step: () => void stepPadNas(),
  reset: () => void resetPadNas(),
};

export function PadNasScreen() {
  useEffect(() => installPadNasRouting(), []);
  return (
    <div className="train-layout padnas-layout">
      <div className="side">
        <PadNasSettingsForm />
      </div>
      <div className="main-col">
        <PadNasRunPanel />
        <PadNasCharts />
      </div>
    </div>
  );
}
